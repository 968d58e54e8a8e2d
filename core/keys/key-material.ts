/**
 * Facts about in-process key objects: their shape (kty/size/curve), the public JWK we
 * publish, and the check that a key fits an algorithm and a policy (used by import).
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { AppError } from '../../contract/errors';
import { MIN_RSA_BITS, curveForAlg, ktyForAlg, type Curve, type KeyPolicy, type SigningAlg } from './algorithms';
import { assertPublicJwk, publicJwkSchema, type PublicJwk } from './key-record';

/** The shape of a concrete key. */
export type KeyFacts = { kty: 'RSA'; size: number } | { kty: 'EC'; crv: Curve };

const CURVE_BY_OPENSSL_NAME: Record<string, Curve> = { prime256v1: 'P-256', secp384r1: 'P-384' };

/** Shape of an RSA or EC key; `KEY_INVALID` for anything else (RSA-PSS-only keys, Ed25519, P-521…). */
export function keyFacts(key: KeyObject): KeyFacts {
  const type = key.asymmetricKeyType;
  if (type === 'rsa') {
    return { kty: 'RSA', size: key.asymmetricKeyDetails?.modulusLength ?? 0 };
  }
  if (type === 'ec') {
    const name = key.asymmetricKeyDetails?.namedCurve ?? '';
    const crv = CURVE_BY_OPENSSL_NAME[name];
    if (!crv) {
      throw new AppError('KEY_INVALID', `The key is on the curve ${name || 'unknown'}; only P-256 and P-384 are supported.`, {
        details: { curve: name },
      });
    }
    return { kty: 'EC', crv };
  }
  const hint = type === 'rsa-pss' ? ' (an RSA-PSS-restricted key; convert it to a plain RSA key)' : '';
  throw new AppError('KEY_INVALID', `Keys of type ${type ?? 'unknown'} are not supported${hint}; use an RSA or EC (P-256/P-384) key.`, {
    details: { keyType: type ?? 'unknown' },
  });
}

/**
 * Checks that a key can sign with `alg` under `policy`: RSA ≥ 2048 bits for RS/PS,
 * the matching curve for ES, and the algorithm/curve allowed by the profile.
 * Throws `KEY_INVALID` (key unsuitable) or `UNSUPPORTED_ALGORITHM` (profile forbids).
 */
export function assertKeyFits(facts: KeyFacts, alg: SigningAlg, policy: KeyPolicy): void {
  if (!policy.allowedAlgs.includes(alg)) {
    throw new AppError('UNSUPPORTED_ALGORITHM', `This profile does not allow ${alg}; allowed: ${policy.allowedAlgs.join(', ') || 'none'}.`, {
      details: { alg, allowed: policy.allowedAlgs },
    });
  }
  const kty = ktyForAlg(alg);
  if (facts.kty !== kty) {
    throw new AppError('KEY_INVALID', `${alg} needs an ${kty} key, but this is an ${facts.kty} key.`, { details: { alg, kty: facts.kty } });
  }
  if (facts.kty === 'RSA') {
    if (facts.size < MIN_RSA_BITS) {
      throw new AppError('KEY_INVALID', `The RSA key has ${facts.size} bits; at least ${MIN_RSA_BITS} are required.`, {
        details: { size: facts.size, minimum: MIN_RSA_BITS },
      });
    }
    return;
  }
  const needed = curveForAlg(alg as 'ES256' | 'ES384');
  if (facts.crv !== needed) {
    throw new AppError('KEY_INVALID', `${alg} needs a ${needed} key, but this key is on ${facts.crv}.`, { details: { alg, crv: facts.crv } });
  }
  if (!policy.allowedCurves.includes(facts.crv)) {
    throw new AppError('UNSUPPORTED_ALGORITHM', `This profile does not allow the curve ${facts.crv}.`, {
      details: { crv: facts.crv, allowed: policy.allowedCurves },
    });
  }
}

/** The bare public JWK members (kty/n/e or kty/crv/x/y) of a key, private or public. */
export function barePublicJwk(key: KeyObject): Record<string, string> {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
  const members = jwk.kty === 'RSA' ? ['kty', 'n', 'e'] : ['kty', 'crv', 'x', 'y'];
  const out: Record<string, string> = {};
  for (const member of members) {
    const value = jwk[member];
    if (typeof value !== 'string') throw new AppError('INTERNAL', `Exported JWK lacks ${member}.`);
    out[member] = value;
  }
  return out;
}

/** The public JWK we publish: bare members + `kid`, `use: "sig"`, `alg`; validated to be public-only. */
export function publicJwkFor(key: KeyObject, kid: string, alg: SigningAlg): PublicJwk {
  const jwk = publicJwkSchema.parse({ ...barePublicJwk(key), kid, use: 'sig', alg });
  assertPublicJwk(jwk);
  return jwk;
}
