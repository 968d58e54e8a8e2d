/**
 * The metadata record of one key pair. It holds only public material and dates;
 * the lead's settings store persists it, this module validates it.
 */
import { z } from 'zod';
import { AppError } from '../../contract/errors';
import { signingAlgSchema } from './algorithms';

/** Members a public JWK may carry (RFC 7517 §4, RFC 7518 §6.2.1/§6.3.1). Everything else is refused. */
const PUBLIC_MEMBERS = new Set(['kty', 'kid', 'use', 'alg', 'key_ops', 'n', 'e', 'crv', 'x', 'y']);
/** Private members of RSA/EC/oct JWKs (RFC 7518 §6.2.2, §6.3.2, §6.4.1). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

const b64u = z.string().regex(/^[A-Za-z0-9_-]+$/, 'base64url');

/** A public signing JWK as we publish it: key members plus `kid`, `use: "sig"` and `alg`. */
export const publicJwkSchema = z.union([
  z.strictObject({
    kty: z.literal('RSA'),
    n: b64u,
    e: b64u,
    kid: z.string().min(1),
    use: z.literal('sig'),
    alg: signingAlgSchema,
  }),
  z.strictObject({
    kty: z.literal('EC'),
    crv: z.enum(['P-256', 'P-384']),
    x: b64u,
    y: b64u,
    kid: z.string().min(1),
    use: z.literal('sig'),
    alg: signingAlgSchema,
  }),
]);
/** A public signing JWK. */
export type PublicJwk = z.infer<typeof publicJwkSchema>;

/** Lifecycle state: published ahead (`next`), signing (`active`), published for a grace period (`retired`). */
export const keyStateSchema = z.enum(['next', 'active', 'retired']);
/** Lifecycle state of a key. */
export type KeyState = z.infer<typeof keyStateSchema>;

/** Where the private key's decryption key lives. */
export const custodySchema = z.enum(['keychain', 'passphrase']);
/** Custody mode of a key. */
export type Custody = z.infer<typeof custodySchema>;

const isoDate = z.iso.datetime({ offset: true });

/** Zod schema of {@link KeyRecord}. */
export const keyRecordSchema = z.strictObject({
  kid: z.string().min(1).max(256),
  alg: signingAlgSchema,
  kty: z.enum(['RSA', 'EC']),
  crv: z.enum(['P-256', 'P-384']).optional(),
  size: z.number().int().positive().optional(),
  /** RFC 7638 SHA-256 thumbprint (base64url), whatever the kid is. */
  thumbprint: b64u.length(43),
  createdAt: isoDate,
  state: keyStateSchema,
  activatedAt: isoDate.optional(),
  retiredAt: isoDate.optional(),
  removeAfter: isoDate.optional(),
  custody: custodySchema,
  publicJwk: publicJwkSchema,
});

/** Metadata of one key pair of a registration (no secret material). */
export type KeyRecord = z.infer<typeof keyRecordSchema>;

/** Parses and validates a record read from storage; throws `STORAGE_CORRUPT` when it is not one. */
export function parseKeyRecord(value: unknown): KeyRecord {
  const parsed = keyRecordSchema.safeParse(value);
  if (!parsed.success) {
    throw new AppError('STORAGE_CORRUPT', 'A stored key record is not valid.', {
      details: { issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) },
    });
  }
  return parsed.data;
}

/**
 * Throws `INTERNAL` unless `jwk` carries only public members. Called on everything
 * we publish or export as "public", so a private member can never slip into a JWKS.
 */
export function assertPublicJwk(jwk: Record<string, unknown>): void {
  const leaked = PRIVATE_MEMBERS.filter((member) => member in jwk);
  const unknown = Object.keys(jwk).filter((member) => !PUBLIC_MEMBERS.has(member));
  if (leaked.length > 0 || unknown.length > 0) {
    // Only member names go into details, never values.
    throw new AppError('INTERNAL', 'Refusing to publish a JWK with non-public members.', {
      details: { members: [...leaked, ...unknown] },
    });
  }
}

/** A JWK Set document (RFC 7517 §5). */
export interface Jwks {
  keys: PublicJwk[];
}

/** The JWK Set of `records`, in the given order, with only public members (asserted). */
export function toJwks(records: readonly KeyRecord[]): Jwks {
  const keys = records.map((record) => {
    const jwk = publicJwkSchema.parse(record.publicJwk);
    assertPublicJwk(jwk);
    return jwk;
  });
  return { keys };
}
