/**
 * The registration package format, version 1 (`docs/package-format.md`): entry names and
 * order, the manifest and the signed claims (zod), and the derivations a verifier repeats
 * (issuer, audience, jti, manifest digest).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** The `format` member of every manifest. */
export const PACKAGE_FORMAT = 'oidc-onboard/registration-package';
/** The format version this build writes and reads. */
export const PACKAGE_FORMAT_VERSION = 1;
/** The `typ` header of `request.jwt`. */
export const REQUEST_TYP = 'oidc-onboard-registration+jwt';
/** How long the signed request stays valid (`exp - iat`): 30 days. */
export const REQUEST_LIFETIME_SECONDS = 30 * 24 * 60 * 60;
/** The JWS algorithms a package may be signed with. Never `none`, never HMAC. */
export const PACKAGE_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as const;

/** Every entry a package may hold, in archive order. */
export const ENTRY_ORDER = [
  'manifest.json',
  'registration.json',
  'request.jwt',
  'jwks.json',
  'public-key.pem',
  'jwks-check.json',
  'jwks-check.md',
  'jwks-check.html',
  'SUMMARY.md',
  'summary.html',
] as const;
/** One entry name of the format. */
export type EntryName = (typeof ENTRY_ORDER)[number];
/** Entries every package has. */
export const REQUIRED_ENTRIES: readonly EntryName[] = ['manifest.json', 'registration.json', 'request.jwt', 'jwks.json', 'SUMMARY.md', 'summary.html'];
/** Entries the manifest does not list: itself, and the JWS that signs its digest. */
export const UNLISTED_ENTRIES: readonly EntryName[] = ['manifest.json', 'request.jwt'];

/** True when `name` is an entry of the format. */
export function isEntryName(name: string): name is EntryName {
  return (ENTRY_ORDER as readonly string[]).includes(name);
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const iso = z.iso.datetime({ offset: true });

/** A finding the user chose to package anyway. */
export const acknowledgedFindingSchema = z.strictObject({
  source: z.enum(['metadata', 'jwks-check']),
  code: z.string(),
  severity: z.string(),
  path: z.string(),
  message: z.string(),
});
/** See {@link acknowledgedFindingSchema}. */
export type AcknowledgedFinding = z.infer<typeof acknowledgedFindingSchema>;

/** `manifest.json`, version 1. */
export const manifestSchema = z.strictObject({
  format: z.literal(PACKAGE_FORMAT),
  formatVersion: z.literal(PACKAGE_FORMAT_VERSION),
  tool: z.strictObject({ name: z.literal('oidc-onboard'), version: z.string().min(1) }),
  createdAt: iso,
  registration: z.strictObject({ id: z.string().min(1), createdAt: iso }),
  provider: z.strictObject({ id: z.string().min(1), name: z.string(), profileVersion: z.string() }),
  environment: z.strictObject({ id: z.string().min(1), label: z.string() }),
  keySource: z.enum(['jwks_uri', 'pem']),
  request: z.strictObject({ iss: z.string().min(1), aud: z.string().min(1), typ: z.literal(REQUEST_TYP) }),
  signingKey: z.strictObject({ kid: z.string().min(1), alg: z.enum(PACKAGE_ALGS), thumbprint: z.string().regex(/^[A-Za-z0-9_-]{43}$/) }),
  jwksCheck: z.discriminatedUnion('included', [
    z.strictObject({ included: z.literal(true), url: z.string(), verdict: z.enum(['pass', 'warn', 'fail']), startedAt: z.string(), fresh: z.boolean() }),
    z.strictObject({ included: z.literal(false), reason: z.string().min(1) }),
  ]),
  acknowledgement: z.strictObject({ reason: z.string().min(1), findings: z.array(acknowledgedFindingSchema).min(1) }).optional(),
  notes: z.array(z.string()),
  files: z.array(z.strictObject({ name: z.string(), sha256: hex64, bytes: z.number().int().nonnegative() })),
});
/** A parsed `manifest.json`. */
export type Manifest = z.infer<typeof manifestSchema>;

/** `registration.json`: the client metadata (RFC 7591 names) with provider and environment. */
export const registrationFileSchema = z.strictObject({
  client_metadata: z.record(z.string(), z.unknown()),
  provider: z.strictObject({ id: z.string().min(1), name: z.string(), profileVersion: z.string() }),
  environment: z.strictObject({ id: z.string().min(1), label: z.string(), issuer: z.string().optional(), discoveryUrl: z.string().optional() }),
  registration: z.strictObject({ id: z.string().min(1), createdAt: iso }),
});
/** A parsed `registration.json`. */
export type RegistrationFile = z.infer<typeof registrationFileSchema>;

/** The claims of `request.jwt`. */
export const requestClaimsSchema = z.strictObject({
  iss: z.string().min(1),
  aud: z.string().min(1),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string().min(1),
  provider: z.string().min(1),
  environment: z.string().min(1),
  client_metadata: z.record(z.string(), z.unknown()),
  jwk_thumbprints: z.array(z.string()),
  manifest_sha256: hex64,
});
/** The claims of `request.jwt`. */
export type RequestClaims = z.infer<typeof requestClaimsSchema>;

/** Lower-case hex SHA-256 of `data` (what `sha256sum` prints). */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The `iss` of a registration's requests: stable for the registration (every package of it
 * carries the same one) and distinct across registrations and installations, derived from
 * the registration id and its creation time so a verifier can recompute it from
 * `registration.json`: `urn:oidc-onboard:registration:` + the first 22 base64url characters
 * of SHA-256(`<id>\n<createdAt>`).
 */
export function requestIssuer(registration: { id: string; createdAt: string }): string {
  const digest = createHash('sha256').update(`${registration.id}\n${registration.createdAt}`).digest('base64url');
  return `urn:oidc-onboard:registration:${digest.slice(0, 22)}`;
}

/**
 * The `aud` of a request: the environment's issuer; when none is known, the discovery URL
 * (the registration's, then the profile's); else `urn:oidc-onboard:provider:<provider>:<environment>`.
 */
export function requestAudience(input: { provider: string; environment: string; issuer?: string | undefined; discoveryUrl?: string | undefined }): string {
  return input.issuer ?? input.discoveryUrl ?? `urn:oidc-onboard:provider:${input.provider}:${input.environment}`;
}

/** The `jti` of a request: derived, not random, so the same inputs give the same package. */
export function requestJti(manifestSha256: string, createdAt: string): string {
  return createHash('sha256').update(`${PACKAGE_FORMAT}\n${manifestSha256}\n${createdAt}`).digest('base64url');
}
