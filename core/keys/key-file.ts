/**
 * The on-disk envelope of one private key: a JSON header line, then the AES-256-GCM
 * ciphertext followed by its 16-byte tag.
 *
 * ```
 * {"format":"oidc-onboard-key","v":1,"alg":"ES256","kid":"…","mode":"keychain","content":"pkcs8-der","iv":"…"}\n
 * <ciphertext><tag>
 * ```
 *
 * The associated data is a fixed label, the registration id, the kid and the exact
 * header line, so a file copied to another registration or kid, or a header edited
 * (e.g. the alg), fails authentication. The tag trails the ciphertext rather than
 * sitting in the header because the header is itself authenticated.
 */
import { z } from 'zod';
import { GCM_IV_BYTES, GCM_TAG_BYTES } from '../crypto/aes-gcm';
import { scryptParamsSchema } from '../crypto/scrypt';
import { signingAlgSchema } from './algorithms';

const b64u = z.string().regex(/^[A-Za-z0-9_-]*$/);

/** Current envelope format version. */
export const KEY_FILE_VERSION = 1;

/** Zod schema of the header line. */
export const keyFileHeaderSchema = z.strictObject({
  format: z.literal('oidc-onboard-key'),
  v: z.literal(KEY_FILE_VERSION),
  alg: signingAlgSchema,
  kid: z.string().min(1),
  mode: z.enum(['keychain', 'passphrase']),
  /** What the plaintext is; only PKCS#8 DER so far. */
  content: z.literal('pkcs8-der'),
  iv: b64u,
  /** Present in passphrase mode: scrypt parameters, salt, and a check value telling a wrong passphrase from tampering. */
  kdf: z
    .strictObject({
      name: z.literal('scrypt'),
      params: scryptParamsSchema,
      salt: b64u,
      check: b64u,
    })
    .optional(),
});

/** The header line of a key file. */
export type KeyFileHeader = z.infer<typeof keyFileHeaderSchema>;

/** A parsed key file: its header, the exact header bytes (for AAD), ciphertext and tag. */
export interface ParsedKeyFile {
  header: KeyFileHeader;
  headerBytes: Uint8Array;
  ciphertext: Uint8Array;
  tag: Uint8Array;
}

const MAX_HEADER_BYTES = 4096;
const AAD_LABEL = 'oidc-onboard/key-file/v1';

/** Associated data binding a key file to its registration, kid and header. */
export function keyFileAad(registrationId: string, kid: string, headerBytes: Uint8Array): Uint8Array {
  const prefix = new TextEncoder().encode(`${AAD_LABEL}\u0000${registrationId}\u0000${kid}\u0000`);
  const out = new Uint8Array(prefix.length + headerBytes.length);
  out.set(prefix);
  out.set(headerBytes, prefix.length);
  return out;
}

/** Serialises the header line (without the newline). */
export function encodeKeyFileHeader(header: KeyFileHeader): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(header));
}

/** Joins header line, newline, ciphertext and tag into the file bytes. */
export function assembleKeyFile(headerBytes: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array): Uint8Array {
  const out = new Uint8Array(headerBytes.length + 1 + ciphertext.length + tag.length);
  out.set(headerBytes);
  out[headerBytes.length] = 0x0a;
  out.set(ciphertext, headerBytes.length + 1);
  out.set(tag, headerBytes.length + 1 + ciphertext.length);
  return out;
}

/** Splits a key file; `undefined` when it is not structurally a key file (treated as tampering by callers). */
export function parseKeyFile(bytes: Uint8Array): ParsedKeyFile | undefined {
  const newline = bytes.subarray(0, MAX_HEADER_BYTES).indexOf(0x0a);
  if (newline <= 0) return undefined;
  const headerBytes = bytes.subarray(0, newline);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
  } catch {
    return undefined;
  }
  const header = keyFileHeaderSchema.safeParse(json);
  if (!header.success) return undefined;
  if (Buffer.from(header.data.iv, 'base64url').length !== GCM_IV_BYTES) return undefined;
  const body = bytes.subarray(newline + 1);
  if (body.length <= GCM_TAG_BYTES) return undefined;
  return {
    header: header.data,
    headerBytes,
    ciphertext: body.subarray(0, body.length - GCM_TAG_BYTES),
    tag: body.subarray(body.length - GCM_TAG_BYTES),
  };
}
