/**
 * Facts of JSON Web Algorithms (RFC 7518) that validation, key generation and the jwks_uri
 * tester all judge keys by: one table each, so they can never disagree.
 */

/** The curve each ES algorithm is defined on (RFC 7518 §3.4, RFC 8812). */
export const ES_CURVES: Readonly<Record<string, string>> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521', ES256K: 'secp256k1' };

/** Smallest RSA modulus the RS and PS algorithms may use (RFC 7518 §3.3, §3.5). */
export const MIN_RSA_BITS = 2048;
