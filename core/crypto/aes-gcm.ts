/**
 * AES-256-GCM sealing and opening with associated data. One place for the
 * nonce/tag sizes so every envelope in the app agrees on them.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';

/** GCM nonce length in bytes (96 bits, the size GCM is specified for). */
export const GCM_IV_BYTES = 12;
/** GCM authentication tag length in bytes (full 128 bits; shorter tags weaken forgery resistance). */
export const GCM_TAG_BYTES = 16;
/** AES-256 key length in bytes. */
export const AES_256_KEY_BYTES = 32;

/** Ciphertext and tag of one AES-256-GCM sealing. */
export interface GcmSealed {
  ciphertext: Uint8Array;
  tag: Uint8Array;
}

/**
 * Encrypts `plaintext` with AES-256-GCM. `iv` must be unique per key; callers
 * pass fresh random bytes (our keys are single-use per file, so collisions are moot).
 */
export function gcmSeal(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): GcmSealed {
  if (key.length !== AES_256_KEY_BYTES) throw new RangeError('AES-256-GCM needs a 32-byte key');
  if (iv.length !== GCM_IV_BYTES) throw new RangeError('AES-256-GCM needs a 12-byte IV');
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: GCM_TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext: new Uint8Array(ciphertext), tag: new Uint8Array(cipher.getAuthTag()) };
}

/**
 * Decrypts and authenticates. Returns `undefined` when authentication fails
 * (wrong key, altered ciphertext/tag/AAD) — never partially decrypted bytes.
 */
export function gcmOpen(
  key: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
  aad: Uint8Array,
): Uint8Array | undefined {
  if (key.length !== AES_256_KEY_BYTES || iv.length !== GCM_IV_BYTES || tag.length !== GCM_TAG_BYTES) {
    return undefined;
  }
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: GCM_TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  // update() output is only released after final() succeeds, so a failed tag check leaks nothing.
  const chunk = decipher.update(ciphertext);
  try {
    const last = decipher.final();
    return new Uint8Array(Buffer.concat([chunk, last]));
  } catch {
    chunk.fill(0);
    return undefined;
  }
}
