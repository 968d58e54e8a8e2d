/** Schemas of key records as they cross IPC: public material and dates only, never a private member. */
import { z } from 'zod';

/** A public signing JWK (kty, key members, kid, use, alg). */
export const publicJwkViewSchema = z.object({
  kty: z.enum(['RSA', 'EC']),
  kid: z.string(),
  use: z.literal('sig'),
  alg: z.string(),
  n: z.string().optional(),
  e: z.string().optional(),
  crv: z.string().optional(),
  x: z.string().optional(),
  y: z.string().optional(),
});

/** One key pair of a registration as the UI shows it. */
export const keyRecordViewSchema = z.object({
  kid: z.string(),
  alg: z.string(),
  kty: z.enum(['RSA', 'EC']),
  crv: z.string().optional(),
  size: z.number().optional(),
  /** RFC 7638 SHA-256 thumbprint: the fingerprint to compare. */
  thumbprint: z.string(),
  createdAt: z.string(),
  state: z.enum(['next', 'active', 'retired']),
  activatedAt: z.string().optional(),
  retiredAt: z.string().optional(),
  removeAfter: z.string().optional(),
  custody: z.enum(['keychain', 'passphrase']),
  publicJwk: publicJwkViewSchema,
});

/** A step of the rotation plan. */
export const rotationStepSchema = z.object({ id: z.string(), date: z.string(), kid: z.string().optional(), text: z.string() });

/** A reminder about the key ring. */
export const keyReminderSchema = z.object({
  kind: z.string(),
  severity: z.enum(['info', 'warning', 'error']),
  kid: z.string().optional(),
  dueAt: z.string(),
  message: z.string(),
});

/** The key ring of a registration. */
export const keyRingViewSchema = z.object({
  registrationId: z.string(),
  policy: z.object({
    allowedAlgs: z.array(z.string()),
    allowedRsaSizes: z.array(z.number()),
    allowedCurves: z.array(z.string()),
    defaultAlg: z.string(),
    /** The registration's declared token_endpoint_auth_signing_alg, when it is one we generate. */
    declaredAlg: z.string().optional(),
    defaultRsaSize: z.number(),
    keySource: z.enum(['jwks_uri', 'pem']),
  }),
  records: z.array(keyRecordViewSchema),
  published: z.array(z.string()),
  plan: z.object({ steps: z.array(rotationStepSchema), signFrom: z.string(), removeOldAfter: z.string().optional() }),
  reminders: z.array(keyReminderSchema),
  /** What each export format is good for. */
  exportFormats: z.array(z.object({ format: z.string(), title: z.string(), fileExtension: z.string(), containsPrivateKey: z.boolean(), description: z.string() })),
  /** How to serve the JWKS with the right headers. */
  hosting: z.array(z.object({ id: z.string(), title: z.string(), snippet: z.string() })),
});

/** See {@link keyRingViewSchema}. */
export type KeyRingView = z.infer<typeof keyRingViewSchema>;
