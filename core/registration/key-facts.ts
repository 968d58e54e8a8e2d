/**
 * The public facts about a registration's keys that the rule engine judges (type, curve,
 * size, pinned `alg`, state), and the one answer to "can this key sign with that algorithm?" —
 * the validation rule that key generation and package verification also run.
 *
 * Pure and defensive: the facts are read from stored records or a package's JWK, either of
 * which may be malformed, with own properties only.
 */
import { ES_CURVES, MIN_RSA_BITS } from '../crypto/jwa';

/** What the rule engine needs to know about one key (no key material). */
export interface SigningKeyFacts {
  kid: string;
  /** `RSA`, `EC`, `OKP`… as in the JWK. */
  kty: string;
  /** EC/OKP curve (`P-256`…). */
  crv?: string;
  /** RSA modulus bits, when known. */
  size?: number;
  /** The algorithm the key is pinned to (its record and its published JWK's `alg`). */
  alg?: string;
  /** Lifecycle state (`active` signs now); absent when unknown (e.g. a package's key). */
  state?: string;
}

/** What validation may know beyond the metadata itself. */
export interface ValidationContext {
  /** The registration's keys; the `active` one must be able to sign the declared algorithm. */
  keys?: readonly SigningKeyFacts[];
}


function own(value: object, name: string): unknown {
  return Object.hasOwn(value, name) ? (value as Record<string, unknown>)[name] : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Facts of stored key records (or JWKs); entries that are not objects with a kid and kty are skipped. */
export function keyFactsOf(records: readonly unknown[]): SigningKeyFacts[] {
  const out: SigningKeyFacts[] = [];
  for (const record of records) {
    if (typeof record !== 'object' || record === null) continue;
    const kid = text(own(record, 'kid'));
    const kty = text(own(record, 'kty'));
    if (kid === undefined || kty === undefined) continue;
    const crv = text(own(record, 'crv'));
    const size = own(record, 'size');
    const alg = text(own(record, 'alg'));
    const state = text(own(record, 'state'));
    out.push({
      kid,
      kty,
      ...(crv !== undefined && { crv }),
      ...(typeof size === 'number' && Number.isInteger(size) && { size }),
      ...(alg !== undefined && { alg }),
      ...(state !== undefined && { state }),
    });
  }
  return out;
}

/** Describes a key for messages: `RSA 2048`, `EC P-256 (alg ES256)`. */
export function describeKey(key: SigningKeyFacts): string {
  const shape = key.kty === 'RSA' ? `RSA${key.size ? ` ${key.size}` : ''}` : `${key.kty}${key.crv ? ` ${key.crv}` : ''}`;
  return `${shape}${key.alg ? ` (alg ${key.alg})` : ''}`;
}

/**
 * Why `key` cannot produce JWS signatures with `alg`, or undefined when it can.
 * Only asymmetric algorithms are judged; HS* and `none` have their own rules.
 */
export function cannotSign(key: SigningKeyFacts, alg: string): string | undefined {
  if (key.alg !== undefined && key.alg !== alg) {
    return `The key is pinned to ${key.alg}: a verifier refuses a ${alg} signature made with it ("alg" of the JWK and of the JWS header must agree).`;
  }
  if (/^(RS|PS)(256|384|512)$/.test(alg)) {
    if (key.kty !== 'RSA') return `${alg} needs an RSA key; this one is ${key.kty}.`;
    if (key.size !== undefined && key.size < MIN_RSA_BITS) return `${alg} needs an RSA key of at least ${MIN_RSA_BITS} bits; this one has ${key.size}.`;
    return undefined;
  }
  const curve = ES_CURVES[alg];
  if (curve !== undefined) {
    if (key.kty !== 'EC') return `${alg} needs an EC key on ${curve}; this one is ${key.kty}.`;
    if (key.crv !== curve) return `${alg} needs the curve ${curve}; this key is on ${key.crv ?? 'an unknown curve'}.`;
    return undefined;
  }
  if (alg === 'EdDSA') return key.kty === 'OKP' ? undefined : `EdDSA needs an OKP (Ed25519/Ed448) key; this one is ${key.kty}.`;
  return undefined;
}
