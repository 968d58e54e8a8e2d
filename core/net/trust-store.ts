/**
 * Builds the root certificate list the fetcher verifies against: Node's bundled
 * Mozilla roots, the operating-system store when the runtime can read it
 * (Node ≥ 22.15 / 23.10: `tls.getCACertificates('system')`), and certificates the
 * user supplied (`--ca`). Passing `ca` replaces Node's defaults, so the bundled
 * roots are always included explicitly.
 */
import { X509Certificate } from 'node:crypto';
import * as tls from 'node:tls';
import { AppError } from '../../contract/errors';
import type { TrustSource, TrustStoreInfo } from './types';

/** The certificates to trust and how to describe them. */
export interface TrustStore {
  /** PEM certificates, one per entry. */
  ca: string[];
  info: TrustStoreInfo;
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

/** Builds the trust store from the runtime's roots and the extra PEM texts. */
export function buildTrustStore(extraCaPem: readonly string[] = [], useSystemCa = true): TrustStore {
  const read = caReader();
  const sources: TrustSource[] = ['bundled'];
  const parts: string[] = [];
  const bundled = read ? read('bundled') : [...tls.rootCertificates];
  parts.push(`Node bundled Mozilla roots (${bundled.length})`);
  let system: string[] = [];
  if (read && useSystemCa) {
    try {
      system = read('system');
    } catch {
      // A broken or unreadable OS store must not stop fetching with the bundled roots.
      system = [];
    }
    if (system.length > 0) {
      sources.push('system');
      parts.push(`operating-system trust store (${system.length})`);
    }
  }
  const extra = extraCaPem.flatMap((pem) => splitPemCertificates(pem));
  if (extra.length > 0) {
    sources.push('extra-file');
    parts.push(`extra CA file (${extra.length} certificate${extra.length === 1 ? '' : 's'})`);
  }
  // The OS store mostly repeats Mozilla's roots (721 entries are ~160 distinct certificates on
  // Debian): each is kept once, which makes building the TLS context about three times faster — a
  // cost every CLI run pays before its first request. The description still counts each source.
  const unique = new Map<string, string>();
  for (const pem of [...bundled, ...system, ...extra]) {
    const key = pem.replace(/\s+/g, '');
    if (!unique.has(key)) unique.set(key, pem);
  }
  return { ca: [...unique.values()], info: { sources, description: parts.join(' + ') } };
}
