/** Operations on a registration's signing keys (issue 4). Private keys never cross this boundary. */
import { z } from 'zod';
import { defineEvent, defineOperation } from '../ipc';
import { keyRecordViewSchema, keyRingViewSchema } from '../schemas/keys';

const id = z.string().min(1).max(200);
const kid = z.string().min(1).max(256);
const passphrase = z.string().min(1).max(1024);
const saved = z.object({ saved: z.boolean(), path: z.string().optional() });

/** `keys:list` — the key ring, plan, reminders, export formats and hosting help. */
export const listKeys = defineOperation({
  channel: 'keys:list',
  summary: 'The key ring of a registration with its rotation plan and reminders.',
  request: z.object({ id }).strict(),
  response: keyRingViewSchema,
});

/** `keys:generate` — generates in the main process; progress arrives as `keys:progress` events. */
export const generateKey = defineOperation({
  channel: 'keys:generate',
  summary: 'Generate a signing key pair (kept in OS-keychain custody).',
  request: z
    .object({
      id,
      alg: z.string().max(10).optional(),
      size: z.number().int().optional(),
      curve: z.string().max(10).optional(),
      kid: kid.optional(),
      /** `dated`: a kid NHS's hosted-JWKS expiry check tracks (`<rotate-by date>-<short thumbprint>`). */
      kidStyle: z.enum(['thumbprint', 'dated']).optional(),
      /** Rotate-by date (YYYY-MM-DD) of a dated kid; default a year ahead. */
      rotateBy: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
      /** Passphrase custody for machines without a keychain. */
      custodyPassphrase: passphrase.optional(),
    })
    .strict(),
  response: z.object({ record: keyRecordViewSchema, warnings: z.array(z.string()) }),
});

/** `keys:import` — a PEM (PKCS#1, PKCS#8, encrypted PKCS#8) or private JWK, as text. */
export const importKey = defineOperation({
  channel: 'keys:import',
  summary: 'Import an existing private key into custody.',
  request: z.object({ id, input: z.string().min(1).max(100_000), passphrase: passphrase.optional(), kid: kid.optional() }).strict(),
  response: z.object({ record: keyRecordViewSchema, warnings: z.array(z.string()) }),
});

/** `keys:public` — the public JWKS or SPKI PEM, as text (public material only). */
export const publicKeys = defineOperation({
  channel: 'keys:public',
  summary: 'The public JWKS to publish, or the public key as PEM.',
  request: z.object({ id, format: z.enum(['jwks', 'spki-pem']), kid: kid.optional() }).strict(),
  response: z.object({ text: z.string() }),
});

/** `keys:copy-public` — the main process puts the public JWKS or PEM on the clipboard. */
export const copyPublicKeys = defineOperation({
  channel: 'keys:copy-public',
  summary: 'Copy the public JWKS or PEM to the clipboard.',
  request: z.object({ id, format: z.enum(['jwks', 'spki-pem']), kid: kid.optional() }).strict(),
  response: z.object({ copied: z.boolean() }),
});

/** `keys:save-public` — asks where, then writes the public JWKS or PEM atomically. */
export const savePublicKeys = defineOperation({
  channel: 'keys:save-public',
  summary: 'Save the public JWKS or PEM to a file.',
  request: z.object({ id, format: z.enum(['jwks', 'spki-pem']), kid: kid.optional() }).strict(),
  response: saved,
});

/** `keys:export-private` — encrypted export straight to a file the user picks; never returned to the window. */
export const exportPrivateKey = defineOperation({
  channel: 'keys:export-private',
  summary: 'Export a private key, encrypted, to a file for your backend.',
  request: z
    .object({ id, kid, format: z.enum(['pkcs8-encrypted-pem', 'jwe-private-jwk']), passphrase, confirm: z.literal(true), unlockPassphrase: passphrase.optional() })
    .strict(),
  response: saved,
});

/** `keys:rate-passphrase` — the strength meter. */
export const ratePassphrase = defineOperation({
  channel: 'keys:rate-passphrase',
  summary: 'Rate a passphrase for an encrypted export.',
  request: z.object({ passphrase: z.string().max(1024) }).strict(),
  response: z.object({ score: z.number().int().min(0).max(4), label: z.string(), feedback: z.array(z.string()) }),
});

/** `keys:rotate`. */
export const rotateKeys = defineOperation({
  channel: 'keys:rotate',
  summary: 'Rotate: activate the published next key, or generate one.',
  request: z.object({ id }).strict(),
  response: z.object({ action: z.enum(['activated', 'generated']), record: keyRecordViewSchema }),
});

/** `keys:retire`. */
export const retireKey = defineOperation({
  channel: 'keys:retire',
  summary: 'Retire a key (it stays published for a grace period).',
  request: z.object({ id, kid }).strict(),
  response: keyRecordViewSchema,
});

/** `keys:delete` — cannot be undone. */
export const deleteKey = defineOperation({
  channel: 'keys:delete',
  summary: 'Delete a key pair for good.',
  request: z.object({ id, kid, confirm: z.literal(true) }).strict(),
  response: z.object({ deleted: z.boolean() }),
});

/** `keys:progress` — generation progress for the window that asked. */
export const keyProgress = defineEvent({
  channel: 'keys:progress',
  summary: 'Progress of a key generation.',
  payload: z.object({ id: z.string(), phase: z.enum(['generating', 'encrypting', 'storing', 'done']), fraction: z.number().optional() }),
});
