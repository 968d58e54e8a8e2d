/** Reads what the user expects to find published: a JWK, a JWK Set, or a PEM public key/certificate. */
import { createPublicKey, X509Certificate } from 'node:crypto';
import type { JWK } from 'jose';
import { AppError } from '../../contract/errors';
import { redactJwk } from './check';

const PRIVATE = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

function publicPart(jwk: Record<string, unknown>): JWK {
  if (PRIVATE.some((member) => member in jwk)) {
    // Accept it, but only ever use the public half: the private members are dropped here.
    const { kid, alg, use } = jwk;
    const pub = createPublicKey({ key: jwk as JWK & { kty: string }, format: 'jwk' }).export({ format: 'jwk' }) as JWK;
    return { ...pub, ...(typeof kid === 'string' && { kid }), ...(typeof alg === 'string' && { alg }), ...(typeof use === 'string' && { use }) };
  }
  return jwk as JWK;
}

/**
 * Parses the text of an `--expect` file into the public JWKs to look for.
 *
 * @throws AppError `INPUT_UNREADABLE` when it is none of the accepted forms.
 */
export function parseExpectation(text: string): JWK[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('-----BEGIN')) {
    try {
      const key = trimmed.includes('BEGIN CERTIFICATE') ? new X509Certificate(trimmed).publicKey : createPublicKey(trimmed);
      return [key.export({ format: 'jwk' }) as JWK];
    } catch (cause) {
      throw new AppError('INPUT_UNREADABLE', 'The expected key is PEM text that is not a public key or certificate.', { cause });
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (cause) {
    throw new AppError('INPUT_UNREADABLE', 'The expected key must be a JWK, a JWK Set (JSON) or a PEM public key.', { cause });
  }
  const keys = typeof value === 'object' && value !== null && Array.isArray((value as { keys?: unknown }).keys) ? (value as { keys: unknown[] }).keys : [value];
  if (keys.length === 0 || keys.some((k) => typeof k !== 'object' || k === null || typeof (k as { kty?: unknown }).kty !== 'string')) {
    throw new AppError('INPUT_UNREADABLE', 'The expected JWK Set must hold at least one key object with a "kty".');
  }
  try {
    return keys.map((k) => publicPart(k as Record<string, unknown>));
  } catch (cause) {
    throw new AppError('INPUT_UNREADABLE', `An expected key could not be read: ${JSON.stringify(redactJwk(keys[0] as Record<string, unknown>)).slice(0, 200)}`, { cause });
  }
}
