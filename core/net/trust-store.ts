/**
 * The root certificates the fetcher verifies against, in two layers:
 *
 * 1. Node's bundled Mozilla roots plus the certificates the user supplied (`--ca`) — what every
 *    connection tries first. It is cheap to build, and it is the store closest to the provider's
 *    own (NHS verifies against public roots).
 * 2. The same plus the operating-system store (Node ≥ 22.15 / 23.10: `tls.getCACertificates('system')`),
 *    tried only when the first layer cannot place a chain's root. Reading the OS store is the
 *    costliest step of a short CLI run (tens of milliseconds for ~600 files on Debian), so a chain
 *    that verifies against the public roots never pays for it — and a chain that verifies only with
 *    the OS store is worth saying so (security.md: "report which trust store validated the chain").
 *
 * Passing `ca` replaces Node's defaults, so the bundled roots are always included explicitly.
 */
import { X509Certificate } from 'node:crypto';
import * as tls from 'node:tls';
import { AppError, isAppError } from '../../contract/errors';
import type { TrustSource, TrustStoreInfo } from './types';

/** The certificates to trust and how to describe them. */
export interface TrustStore {
  /** PEM certificates, one per entry. */
  ca: string[];
  info: TrustStoreInfo;
}

/** The two layers of {@link layeredTrust}, each built on first use. */
export interface LayeredTrust {
  /** Node's bundled roots and the extra certificates: tried first by every connection. */
  first(): TrustStore;
  /**
   * The first layer plus the operating-system store, for a chain the first layer cannot place;
   * `undefined` when the runtime cannot read the OS store, it is switched off, or it adds nothing.
   */
  widened(): TrustStore | undefined;
  /** What the fetcher may verify against, described without reading the OS store. */
  info(): TrustStoreInfo;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Splits PEM text into single certificates and checks each parses.
 *
 * @throws AppError `INPUT_UNREADABLE` when the text holds no certificate or a broken one.
 */
export function splitPemCertificates(pem: string): string[] {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw new AppError('INPUT_UNREADABLE', 'The CA file contains no PEM certificate.', {
      details: { reason: 'no-certificate' },
    });
  }
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch (cause) {
      throw new AppError('INPUT_UNREADABLE', 'The CA file contains a certificate that cannot be read.', {
        cause,
        details: { reason: 'bad-certificate' },
      });
    }
  }
  return blocks;
}

type GetCa = (type: 'bundled' | 'system') => string[];

/** Feature-detects `tls.getCACertificates` (absent on Node 20 and older Electron). */
function caReader(): GetCa | undefined {
  const candidate = (tls as { getCACertificates?: unknown }).getCACertificates;
  return typeof candidate === 'function' ? (candidate as GetCa) : undefined;
}

const plural = (n: number): string => `${n} certificate${n === 1 ? '' : 's'}`;

/** The same certificate however its PEM text is wrapped. */
const pemKey = (pem: string): string => pem.replace(/\s+/g, '');

/**
 * The layered trust of the fetcher: `extraCaPem` are the user's PEM texts (each may hold several
 * certificates); `useSystemCa: false` leaves the operating-system store out entirely.
 */
export function layeredTrust(extraCaPem: readonly string[] = [], useSystemCa = true): LayeredTrust {
  const read = caReader();
  const systemReadable = read !== undefined && useSystemCa;
  let first: TrustStore | undefined;
  let widened: TrustStore | null | undefined;

  const extra = (): string[] => extraCaPem.flatMap((pem) => splitPemCertificates(pem));
  const bundled = (): string[] => (read ? read('bundled') : [...tls.rootCertificates]);
  const describe = (parts: { bundled: number; system?: number; extra: number }): TrustStoreInfo => {
    const sources: TrustSource[] = ['bundled'];
    const text = [`Node bundled Mozilla roots (${parts.bundled})`];
    if (parts.system !== undefined) {
      sources.push('system');
      text.push(`operating-system trust store (${parts.system})`);
    }
    if (parts.extra > 0) {
      sources.push('extra-file');
      text.push(`extra CA file (${plural(parts.extra)})`);
    }
    return { sources, description: text.join(' + ') };
  };

  const buildFirst = (): TrustStore => {
    const roots = bundled();
    const added = extra();
    // Duplicates in `ca` are harmless to OpenSSL; only the description counts what the user gave.
    return { ca: [...roots, ...added], info: describe({ bundled: roots.length, extra: added.length }) };
  };

  const buildWidened = (): TrustStore | null => {
    if (!systemReadable) return null;
    let system: string[];
    try {
      system = read('system');
    } catch {
      // A broken or unreadable OS store must not stop fetching with the first layer.
      return null;
    }
    const base = first ?? buildFirst();
    // The OS store mostly repeats Mozilla's roots (600 entries are ~160 distinct certificates on
    // Debian): each is kept once, which makes building the TLS context about three times faster.
    const unique = new Map<string, string>();
    for (const pem of base.ca) unique.set(pemKey(pem), pem);
    const before = unique.size;
    for (const pem of system) if (!unique.has(pemKey(pem))) unique.set(pemKey(pem), pem);
    if (unique.size === before) return null;
    const added = extra();
    return { ca: [...unique.values()], info: describe({ bundled: bundled().length, system: system.length, extra: added.length }) };
  };

  return {
    first: () => (first ??= buildFirst()),
    widened: () => (widened === undefined ? (widened = buildWidened()) : widened) ?? undefined,
    info: () => {
      const base = (first ??= buildFirst()).info;
      if (!systemReadable) return base;
      return {
        sources: base.sources.includes('extra-file') ? ['bundled', 'system', 'extra-file'] : ['bundled', 'system'],
        description: `${base.description}, then the operating-system trust store for a chain those do not verify`,
      };
    },
  };
}

/** The store a failed TLS connection was last verified against (the fetcher puts it in `NETWORK_TLS` details). */
export function trustStoreOfTlsError(error: unknown): TrustStoreInfo | undefined {
  if (!isAppError(error) || error.code !== 'NETWORK_TLS') return undefined;
  const info = error.details?.trustStore as Partial<TrustStoreInfo> | undefined;
  return info && typeof info.description === 'string' && Array.isArray(info.sources) ? { sources: [...info.sources], description: info.description } : undefined;
}
