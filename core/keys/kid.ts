/** Key identifiers: the RFC 7638 thumbprint default, and checks on custom kids. */
import { calculateJwkThumbprint, type JWK } from 'jose';
import { AppError } from '../../contract/errors';

/** Characters that never need escaping in URLs, JSON or file names (base64url + RFC 3986 unreserved). */
const SAFE_KID = /^[A-Za-z0-9._~-]+$/;

/**
 * RFC 7638 SHA-256 thumbprint of a public (or private) JWK, base64url. Only the
 * required members enter the digest, so `kid`/`use`/`alg` do not change it.
 */
export function jwkThumbprint(jwk: JWK): Promise<string> {
  return calculateJwkThumbprint(jwk, 'sha256');
}

/** Result of {@link checkCustomKid}. */
export interface KidCheck {
  kid: string;
  /** Human-readable warnings (the kid is still usable). */
  warnings: string[];
}

/**
 * Validates a user-chosen kid. Refuses empty, over-long or control-character kids
 * (`VALIDATION_FAILED`); warns on characters outside `[A-Za-z0-9._~-]`, which some
 * servers and tools mishandle in URLs, headers or file names.
 */
export function checkCustomKid(kid: string): KidCheck {
  if (kid.length === 0 || kid.length > 256) {
    throw new AppError('VALIDATION_FAILED', 'A key ID must have 1 to 256 characters.', { details: { field: 'kid' } });
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(kid)) {
    throw new AppError('VALIDATION_FAILED', 'A key ID cannot contain control characters.', { details: { field: 'kid' } });
  }
  const warnings: string[] = [];
  if (!SAFE_KID.test(kid)) {
    const odd = [...new Set([...kid].filter((char) => !SAFE_KID.test(char)))];
    warnings.push(
      `The key ID contains characters that need escaping in URLs or headers (${odd.map((c) => JSON.stringify(c)).join(' ')}); ` +
        'some servers mishandle them. Letters, digits and . _ ~ - are always safe.',
    );
  }
  if (kid.trim() !== kid) warnings.push('The key ID starts or ends with white space, which is easy to lose when copying.');
  return { kid, warnings };
}
