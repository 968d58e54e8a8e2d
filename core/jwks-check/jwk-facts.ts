/**
 * Facts about single JWK members and keys: base64url form, decoded integers, curve
 * sizes, and whether Node accepts the public key. Pure and exception-free towards
 * callers (every parser returns `undefined` instead of throwing), because the input
 * comes from an untrusted server.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';

/** Unpadded base64url alphabet (RFC 7515 §2). */
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Why a member is not unpadded base64url, or `undefined` when it is. */
export function base64urlProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'is not a string';
  if (value === '') return 'is empty';
  if (value.endsWith('=')) return 'has "=" padding';
  if (/[+/]/.test(value)) return 'uses standard base64 characters ("+" or "/")';
  if (!BASE64URL.test(value)) return 'contains characters outside [A-Za-z0-9_-]';
  if (value.length % 4 === 1) return 'has an impossible length for base64url';
  return undefined;
}

/** Decodes a valid unpadded base64url string; `undefined` when it is not one. */
export function decodeBase64url(value: unknown): Buffer | undefined {
  if (base64urlProblem(value) !== undefined) return undefined;
  return Buffer.from(value as string, 'base64url');
}

/** Bit length of an unsigned big-endian integer (leading zero bits not counted). */
export function bitLength(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i += 1;
  if (i === bytes.length) return 0;
  const first = bytes[i] as number;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(first));
}

/** The big-endian bytes as a bigint. */
export function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

/** Coordinate length in bytes of the named curves we know (RFC 7518 §6.2.1.2, RFC 8037). */
export const CURVE_BYTES: Readonly<Record<string, number>> = {
  'P-256': 32,
  'P-384': 48,
  'P-521': 66,
  secp256k1: 32,
  Ed25519: 32,
  Ed448: 57,
  X25519: 32,
  X448: 56,
};

export { ES_CURVES } from '../crypto/jwa';

/** JWS algorithms by the key type they need. */
export const JWS_ALGS: Readonly<Record<string, 'RSA' | 'EC' | 'OKP' | 'oct'>> = {
  RS256: 'RSA', RS384: 'RSA', RS512: 'RSA', PS256: 'RSA', PS384: 'RSA', PS512: 'RSA',
  ES256: 'EC', ES384: 'EC', ES512: 'EC', ES256K: 'EC',
  EdDSA: 'OKP', Ed25519: 'OKP', Ed448: 'OKP',
  HS256: 'oct', HS384: 'oct', HS512: 'oct',
};

/** JWE key-management algorithms by key type (an `alg` from here means "encryption key"). */
export const JWE_ALGS: Readonly<Record<string, 'RSA' | 'EC' | 'OKP' | 'oct'>> = {
  RSA1_5: 'RSA', 'RSA-OAEP': 'RSA', 'RSA-OAEP-256': 'RSA', 'RSA-OAEP-384': 'RSA', 'RSA-OAEP-512': 'RSA',
  'ECDH-ES': 'EC', 'ECDH-ES+A128KW': 'EC', 'ECDH-ES+A192KW': 'EC', 'ECDH-ES+A256KW': 'EC',
  A128KW: 'oct', A192KW: 'oct', A256KW: 'oct', dir: 'oct',
};

/** The public members a key type requires (RFC 7518 §6, RFC 8037 §2). */
export const REQUIRED_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  RSA: ['n', 'e'],
  EC: ['crv', 'x', 'y'],
  OKP: ['crv', 'x'],
};

/** Node's view of a public JWK, or the reason Node refused it. */
export function nodePublicKey(jwk: Record<string, unknown>): { key: KeyObject } | { error: string } {
  // Only the public members go to Node: given private members it would silently build a private key.
  const kty = jwk.kty;
  const pick = (names: readonly string[]): Record<string, unknown> => Object.fromEntries(names.map((n) => [n, jwk[n]]));
  const members = kty === 'RSA' ? pick(['kty', 'n', 'e']) : kty === 'EC' ? pick(['kty', 'crv', 'x', 'y']) : pick(['kty', 'crv', 'x']);
  try {
    return { key: createPublicKey({ key: members as never, format: 'jwk' }) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
