/**
 * Passphrase-based key derivation with scrypt, run on the libuv threadpool so
 * the event loop stays responsive during the (deliberately slow) derivation.
 */
import { scrypt } from 'node:crypto';
import { z } from 'zod';

/** scrypt cost parameters, stored next to the ciphertext so they can be raised later. */
export const scryptParamsSchema = z.object({
  /** CPU/memory cost, a power of two. */
  N: z.number().int().min(2 ** 14).max(2 ** 22),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
});

/** scrypt cost parameters. */
export type ScryptParams = z.infer<typeof scryptParamsSchema>;

/**
 * Default cost: N=2^17, r=8, p=1 (≈128 MiB, a few hundred ms) — the interactive
 * setting recommended for file encryption keys (OWASP password storage cheat sheet).
 */
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/** Derives `length` bytes from `passphrase` and `salt` with scrypt. */
export function deriveScrypt(
  passphrase: string,
  salt: Uint8Array,
  params: ScryptParams,
  length: number,
): Promise<Uint8Array> {
  // Node's default maxmem (32 MiB) is below 128*N*r for N=2^17; allow what the params need plus slack.
  const maxmem = 128 * params.N * params.r * (params.p + 1) + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, length, { N: params.N, r: params.r, p: params.p, maxmem }, (error, key) => {
      if (error) reject(error);
      else resolve(new Uint8Array(key));
    });
  });
}
