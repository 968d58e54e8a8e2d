/**
 * The signing algorithms, key sizes and curves this app supports, and the check of a
 * user's choice against a profile's policy (profiles narrow what a provider accepts).
 */
import { z } from 'zod';
import { AppError } from '../../contract/errors';

/** JWS algorithms we can generate and sign with. */
export const SIGNING_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384'] as const;
/** A supported JWS signing algorithm. */
export type SigningAlg = (typeof SIGNING_ALGS)[number];
/** Zod schema of {@link SigningAlg}. */
export const signingAlgSchema = z.enum(SIGNING_ALGS);

/** RSA modulus sizes we generate (RFC 7518 requires ≥ 2048). */
export const RSA_SIZES = [2048, 3072, 4096] as const;
/** A supported RSA modulus size in bits. */
export type RsaSize = (typeof RSA_SIZES)[number];

/** Elliptic curves we support (JWK `crv` names). */
export const CURVES = ['P-256', 'P-384'] as const;
/** A supported curve. */
export type Curve = (typeof CURVES)[number];

/** Smallest RSA modulus accepted anywhere (generation and import), per RFC 7518 §3.3. */
export { MIN_RSA_BITS } from '../crypto/jwa';

/** What a profile allows; passed in by the caller (the profile owner), never hard-coded here. */
export const keyPolicySchema = z.object({
  allowedAlgs: z.array(z.string()),
  allowedRsaSizes: z.array(z.number().int()),
  allowedCurves: z.array(z.string()),
});
/** What a profile allows for keys. */
export type KeyPolicy = z.infer<typeof keyPolicySchema>;

/** A policy allowing everything this module supports (useful for tools and tests). */
export const PERMISSIVE_KEY_POLICY: KeyPolicy = {
  allowedAlgs: [...SIGNING_ALGS],
  allowedRsaSizes: [...RSA_SIZES],
  allowedCurves: [...CURVES],
};

/** The key shape an algorithm needs. */
export type KeyShape = { kty: 'RSA'; size: number } | { kty: 'EC'; crv: Curve };

/** True for a supported JWS algorithm name. */
export function isSigningAlg(value: string): value is SigningAlg {
  return (SIGNING_ALGS as readonly string[]).includes(value);
}

/** `RSA` for RS and PS algorithms, `EC` for ES ones. */
export function ktyForAlg(alg: SigningAlg): 'RSA' | 'EC' {
  return alg.startsWith('ES') ? 'EC' : 'RSA';
}

/** The curve an ES algorithm is defined on (RFC 7518 §3.4). */
export function curveForAlg(alg: 'ES256' | 'ES384'): Curve {
  return alg === 'ES256' ? 'P-256' : 'P-384';
}

/** Options of one key generation as the user picked them. */
export interface KeyChoice {
  alg: SigningAlg;
  /** RSA modulus bits; required for RS/PS, ignored for ES. */
  size?: number;
}

/**
 * Checks a generation choice against the profile policy and returns the concrete key shape.
 * Throws `UNSUPPORTED_ALGORITHM` naming what is allowed.
 */
export function resolveKeyChoice(choice: KeyChoice, policy: KeyPolicy): KeyShape {
  const { alg } = choice;
  if (!isSigningAlg(alg)) {
    throw new AppError('UNSUPPORTED_ALGORITHM', `Algorithm ${String(alg)} is not supported.`, {
      details: { alg, supported: [...SIGNING_ALGS] },
    });
  }
  if (!policy.allowedAlgs.includes(alg)) {
    throw new AppError('UNSUPPORTED_ALGORITHM', `This profile does not allow ${alg}; allowed: ${policy.allowedAlgs.join(', ') || 'none'}.`, {
      details: { alg, allowed: policy.allowedAlgs },
    });
  }
  if (alg === 'ES256' || alg === 'ES384') {
    const crv = curveForAlg(alg);
    if (!policy.allowedCurves.includes(crv)) {
      throw new AppError('UNSUPPORTED_ALGORITHM', `This profile does not allow the curve ${crv}.`, {
        details: { alg, crv, allowed: policy.allowedCurves },
      });
    }
    return { kty: 'EC', crv };
  }
  const size = choice.size ?? 2048;
  if (!(RSA_SIZES as readonly number[]).includes(size)) {
    throw new AppError('UNSUPPORTED_ALGORITHM', `RSA keys can be ${RSA_SIZES.join(', ')} bits, not ${size}.`, {
      details: { alg, size, supported: [...RSA_SIZES] },
    });
  }
  if (!policy.allowedRsaSizes.includes(size)) {
    throw new AppError('UNSUPPORTED_ALGORITHM', `This profile does not allow ${size}-bit RSA keys; allowed: ${policy.allowedRsaSizes.join(', ') || 'none'}.`, {
      details: { alg, size, allowed: policy.allowedRsaSizes },
    });
  }
  return { kty: 'RSA', size };
}
