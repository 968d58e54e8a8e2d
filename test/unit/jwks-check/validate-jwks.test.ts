// validateJwks on its own: a pure function of ANY JSON value that never throws, never
// pollutes prototypes, never mutates its input and never shows private key values.
import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSchema } from '../../../contract/schemas/jwks-check';
import { VALIDATE_JWKS_IDS, validateJwks } from '../../../core/jwks-check/validate-jwks';

const PROTO_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

function isJsonable(value: unknown): boolean {
  try {
    return JSON.stringify(value) !== undefined;
  } catch {
    return false;
  }
}

function assertWellFormed(value: unknown): void {
  const checks = validateJwks(value, { profileAlg: 'RS256' });
  expect(checks.map((c) => c.id)).toEqual(VALIDATE_JWKS_IDS);
  for (const c of checks) checkSchema.parse(c);
  // Evidence is plain JSON.
  expect(() => JSON.stringify(checks)).not.toThrow();
}

const MEMBER_NAMES = ['kty', 'n', 'e', 'crv', 'x', 'y', 'd', 'p', 'k', 'kid', 'use', 'key_ops', 'alg', 'x5c', 'x5t#S256', '__proto__', 'constructor', 'toString'];
const memberValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('RSA', 'EC', 'OKP', 'oct', 'P-256', 'P-384', 'Ed25519', 'AQAB', 'AQAA', 'sig', 'enc', 'RS256', 'ES256', 'RSA-OAEP', 'none'),
  fc.base64String().map((s) => s.replace(/=+$/, '')),
  fc.array(fc.constantFrom('sign', 'verify', 'encrypt', 'bogus')),
);
const jwkLike = fc.dictionary(fc.constantFrom(...MEMBER_NAMES), memberValue, { maxKeys: 8 });
const jwksLike = fc.record({ keys: fc.array(fc.oneof(jwkLike, fc.jsonValue({ maxDepth: 1 })), { maxLength: 6 }) });

describe('validateJwks — properties', () => {
  it('any JSON value yields the checks, never an exception', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => assertWellFormed(value)), { numRuns: 300 });
  });

  it('any JSON-able value from fc.anything() (null prototypes, __proto__ keys…) yields the checks', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true, withBoxedValues: true }).filter(isJsonable), (value) => assertWellFormed(value)),
      { numRuns: 300 },
    );
  });

  it('JWK-Set-shaped values reach the key checks and still never throw', () => {
    fc.assert(fc.property(jwksLike, (value) => assertWellFormed(value)), { numRuns: 400 });
  });

  it('does not pollute Object.prototype, even through JSON.parse("__proto__") members', () => {
    const hostile = JSON.parse('{"keys":[{"__proto__":{"polluted":true},"kty":"RSA","constructor":{"prototype":{"polluted":true}}}],"__proto__":{"polluted":true}}') as unknown;
    fc.assert(fc.property(fc.oneof(fc.constant(hostile), jwksLike, fc.jsonValue()), (value) => {
      validateJwks(value);
    }), { numRuns: 200 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTO_NAMES);
  });

  it('never mutates its input', () => {
    fc.assert(fc.property(jwksLike, (value) => {
      const before = JSON.stringify(value);
      validateJwks(value, { profileAlg: 'ES256' });
      expect(JSON.stringify(value)).toBe(before);
    }), { numRuns: 200 });
  });

  it('never shows the value of a private member in its checks', () => {
    const secret = fc.string({ minLength: 8, maxLength: 40 }).map((s) => `SECRET-${s}`);
    fc.assert(
      fc.property(jwkLike, fc.constantFrom('d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'), secret, (jwk, member, value) => {
        const key = { ...jwk, [member]: value };
        const text = JSON.stringify(validateJwks({ keys: [key, { nested: key }] }));
        expect(text).not.toContain(value.slice(0, 7 + 8));
      }),
      { numRuns: 300 },
    );
  });
});

describe('validateJwks — examples', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' }) as Record<string, string>;

  it('passes a clean RSA set and skips what does not apply', () => {
    const checks = validateJwks({ keys: [{ ...rsa, kid: 'a', use: 'sig', alg: 'RS256' }] }, { profileAlg: 'RS256' });
    const by = Object.fromEntries(checks.map((c) => [c.id, c.status]));
    expect(by).toMatchObject({ 'body.jwk-set': 'pass', 'body.minimal-integers': 'pass', 'body.ec-point': 'skip', 'keys.x5c': 'skip', 'strength.rsa-size': 'pass', 'strength.alg-suitable': 'pass' });
  });

  it('skips the key checks when there is no set, with a reason', () => {
    const checks = validateJwks('hello');
    expect(checks[0]).toMatchObject({ id: 'body.jwk-set', status: 'fail' });
    expect(checks.slice(1).every((c) => c.status === 'skip' && c.message.length > 0)).toBe(true);
  });

  it('fails an exponent of 1 and warns on a shared kid across key types', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'jwk' });
    const checks = validateJwks({ keys: [{ ...rsa, e: 'AQ', kid: 'same' }, { ...ec, kid: 'same' }] });
    const by = Object.fromEntries(checks.map((c) => [c.id, c.status]));
    expect(by['body.rsa-exponent']).toBe('fail');
    expect(by['keys.kid-unique']).toBe('warn');
  });

  it('needs P-256 for ES256 and flags an unknown registration algorithm', () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey.export({ format: 'jwk' });
    expect(validateJwks({ keys: [{ ...p384, kid: 'x' }] }, { profileAlg: 'ES256' }).find((c) => c.id === 'strength.alg-suitable')?.status).toBe('fail');
    expect(validateJwks({ keys: [{ ...p384, kid: 'x' }] }, { profileAlg: 'ES384' }).find((c) => c.id === 'strength.alg-suitable')?.status).toBe('pass');
    expect(validateJwks({ keys: [{ ...rsa, kid: 'x' }] }, { profileAlg: 'HS256' }).find((c) => c.id === 'strength.alg-suitable')?.status).toBe('fail');
  });

  it('fails EC coordinates of the wrong length', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'jwk' }) as Record<string, string>;
    const short = { ...ec, kid: 'x', x: Buffer.from(ec.x as string, 'base64url').subarray(1).toString('base64url') };
    expect(validateJwks({ keys: [short] }).find((c) => c.id === 'body.ec-point')?.status).toBe('fail');
  });

  it('copes with 10,000 keys and with nesting deeper than the stack', () => {
    const many = { keys: Array.from({ length: 10_000 }, (_, i) => ({ ...rsa, kid: `k${i % 9_999}` })) };
    const checks = validateJwks(many, { profileAlg: 'RS256' });
    expect(checks.find((c) => c.id === 'keys.kid-unique')?.status).toBe('fail');
    expect(JSON.stringify(checks).length).toBeLessThan(200_000);
    const deep = JSON.parse(`{"keys":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`) as unknown;
    expect(validateJwks(deep)[0]).toMatchObject({ id: 'body.jwk-set', status: 'fail' });
  });
});
