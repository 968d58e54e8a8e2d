/**
 * The pure half of packaging: inputs in, entries and archive bytes out. No clock, no
 * randomness, no I/O — the same inputs give the same bytes (the signature aside, which the
 * caller makes over {@link UnsignedPackage.signingInput}; RSASSA-PKCS1-v1_5 is deterministic).
 *
 * Order of construction (it is what removes any circularity):
 * content files → SUMMARY files (checksums of the content files) → manifest (checksums of
 * every file but itself and request.jwt) → claims (SHA-256 of the manifest bytes) → JWS → zip.
 */
import { toHtml, toMarkdown } from '../jwks-check';
import type { JwksCheckReport } from '../../contract/schemas/jwks-check';
import type { KeyRecord } from '../keys/key-record';
import type { ChecklistView } from '../../contract/schemas/checklist';
import { AppError } from '../../contract/errors';
import { canonicalJson, canonicalJsonPretty } from './canonical-json';
import {
  ENTRY_ORDER,
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  REQUEST_LIFETIME_SECONDS,
  REQUEST_TYP,
  isEntryName,
  manifestSchema,
  requestAudience,
  requestIssuer,
  requestJti,
  sha256Hex,
  type AcknowledgedFinding,
  type EntryName,
  type Manifest,
  type RegistrationFile,
  type RequestClaims,
} from './format';
import { summaryHtml, summaryMarkdown } from './summary';
import { writeZip, type ZipEntry } from './zip';

/** Everything a package is made of. */
export interface PackageInputs {
  createdAt: Date;
  toolVersion: string;
  registration: { id: string; createdAt: string; provider: string; environment: string; discoveryUrl?: string | undefined; metadata: Record<string, unknown> };
  profile: { id: string; name: string; profileVersion: string };
  environment: {
    id: string;
    label: string;
    issuer?: string | undefined;
    discoveryUrl?: string | undefined;
    keySource: 'jwks_uri' | 'pem';
    submission: { text: string; known: boolean; url?: string | undefined };
  };
  /** The active key: it signs request.jwt. */
  signingKey: KeyRecord;
  /** The published set (jwks.json), active key first. */
  publishedKeys: readonly KeyRecord[];
  /** SPKI PEM of the signing key; required when `environment.keySource` is `pem`. */
  publicPem?: string | undefined;
  jwksCheck: { report: JwksCheckReport; fresh: boolean } | { omittedReason: string };
  acknowledgement?: { reason: string; findings: AcknowledgedFinding[] } | undefined;
  notes?: readonly string[];
  /** The registration's submission checklist: the SUMMARY's "what to send, and to whom" comes from it. */
  checklist?: ChecklistView | undefined;
}

/** A package before its signature. */
export interface UnsignedPackage {
  /** Every entry except manifest.json and request.jwt, in archive order. */
  entries: ZipEntry[];
  manifest: Manifest;
  manifestBytes: Uint8Array;
  manifestSha256: string;
  claims: RequestClaims;
  /** The protected header members besides `alg` and `kid` (which come from the key). */
  header: { typ: string };
  /** The exact JWS payload bytes (canonical JSON of {@link UnsignedPackage.claims}). */
  signingInput: Uint8Array;
  createdAt: Date;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Sorts entries into the format's fixed order. */
export function orderEntries(entries: readonly ZipEntry[]): ZipEntry[] {
  const rank = (name: string) => (isEntryName(name) ? ENTRY_ORDER.indexOf(name) : ENTRY_ORDER.length);
  return [...entries].sort((a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : 1));
}

/** Builds every entry but request.jwt, the manifest, and the claims to sign. */
export function assemblePackage(inputs: PackageInputs): UnsignedPackage {
  const { registration: reg, environment: env, signingKey } = inputs;
  if (signingKey.state !== 'active') throw new AppError('INTERNAL', 'The signing key must be the active key.');
  if (env.keySource === 'pem' && !inputs.publicPem) throw new AppError('INTERNAL', 'A PEM provider needs the public key PEM.');
  const createdAt = inputs.createdAt.toISOString();
  const files = new Map<EntryName, Uint8Array>();

  const registrationFile: RegistrationFile = {
    client_metadata: reg.metadata,
    provider: { ...inputs.profile },
    environment: { id: env.id, label: env.label, ...(env.issuer && { issuer: env.issuer }), ...((reg.discoveryUrl ?? env.discoveryUrl) && { discoveryUrl: reg.discoveryUrl ?? env.discoveryUrl }) },
    registration: { id: reg.id, createdAt: reg.createdAt },
  };
  files.set('registration.json', utf8(canonicalJsonPretty(registrationFile)));
  files.set('jwks.json', utf8(canonicalJsonPretty({ keys: inputs.publishedKeys.map((r) => r.publicJwk) })));
  if (env.keySource === 'pem' && inputs.publicPem) files.set('public-key.pem', utf8(inputs.publicPem));
  if ('report' in inputs.jwksCheck) {
    files.set('jwks-check.json', utf8(canonicalJsonPretty(inputs.jwksCheck.report)));
    files.set('jwks-check.md', utf8(toMarkdown(inputs.jwksCheck.report)));
    files.set('jwks-check.html', utf8(toHtml(inputs.jwksCheck.report)));
  }

  const aud = requestAudience({ provider: reg.provider, environment: reg.environment, issuer: env.issuer, discoveryUrl: reg.discoveryUrl ?? env.discoveryUrl });
  const iss = requestIssuer(reg);
  const manifestBase: Omit<Manifest, 'files'> = {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    tool: { name: 'oidc-onboard', version: inputs.toolVersion },
    createdAt,
    registration: { id: reg.id, createdAt: reg.createdAt },
    provider: { ...inputs.profile },
    environment: { id: env.id, label: env.label },
    keySource: env.keySource,
    request: { iss, aud, typ: REQUEST_TYP },
    signingKey: { kid: signingKey.kid, alg: signingKey.alg, thumbprint: signingKey.thumbprint },
    jwksCheck:
      'report' in inputs.jwksCheck
        ? { included: true, url: inputs.jwksCheck.report.url, verdict: inputs.jwksCheck.report.verdict, startedAt: inputs.jwksCheck.report.startedAt, fresh: inputs.jwksCheck.fresh }
        : { included: false, reason: inputs.jwksCheck.omittedReason },
    ...(inputs.acknowledgement && { acknowledgement: inputs.acknowledgement }),
    notes: [...(inputs.notes ?? [])],
  };

  const checksums = orderEntries([...files].map(([name, data]) => ({ name, data }))).map((e) => ({ name: e.name, sha256: sha256Hex(e.data) }));
  const summaryInput = { manifest: manifestBase, metadata: reg.metadata, submission: env.submission, checklist: inputs.checklist, checksums };
  files.set('SUMMARY.md', utf8(summaryMarkdown(summaryInput)));
  files.set('summary.html', utf8(summaryHtml(summaryInput)));

  const entries = orderEntries([...files].map(([name, data]) => ({ name, data })));
  const manifest = manifestSchema.parse({ ...manifestBase, files: entries.map((e) => ({ name: e.name, sha256: sha256Hex(e.data), bytes: e.data.length })) });
  const manifestBytes = utf8(canonicalJsonPretty(manifest));
  const manifestSha256 = sha256Hex(manifestBytes);
  const iat = Math.floor(inputs.createdAt.getTime() / 1000);
  const claims: RequestClaims = {
    iss,
    aud,
    iat,
    exp: iat + REQUEST_LIFETIME_SECONDS,
    jti: requestJti(manifestSha256, createdAt),
    provider: reg.provider,
    environment: reg.environment,
    client_metadata: reg.metadata,
    jwk_thumbprints: inputs.publishedKeys.map((r) => r.thumbprint),
    manifest_sha256: manifestSha256,
  };
  return { entries, manifest, manifestBytes, manifestSha256, claims, header: { typ: REQUEST_TYP }, signingInput: utf8(canonicalJson(claims)), createdAt: inputs.createdAt };
}

/** Every entry of the finished package, in archive order. */
export function packageEntries(unsigned: UnsignedPackage, jwt: string): ZipEntry[] {
  return orderEntries([{ name: 'manifest.json', data: unsigned.manifestBytes }, { name: 'request.jwt', data: utf8(jwt) }, ...unsigned.entries]);
}

/** The archive: entries in the fixed order, stamped with the package's creation time. */
export function zipPackage(entries: readonly ZipEntry[], createdAt: Date): Uint8Array {
  return writeZip(orderEntries(entries), createdAt);
}
