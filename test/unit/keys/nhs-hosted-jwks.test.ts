// The NHS-hosted JWKS rules as NHS's scripts apply them (identity-service-jwks at d6609ad):
// environment names, UUID v4 application ids, the kid's date as check_public_key_expiry.py reads it,
// and the refusal of non-RSA keys.
import { generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { keyRecordSchema, type KeyRecord } from '../../../core/keys/key-record';
import { buildHostingRequest, checkHostedKid, datedKid, isUuidV4, kidExpiryDate, nhsJwksEnvironment, NHS_JWKS_SCRIPT_ENVIRONMENTS } from '../../../core/keys/nhs-hosted-jwks';

const NOW = new Date('2026-12-01T10:00:00Z');
const APP_ID = '9b2f3c1e-4d5a-4b6c-8d7e-0f1a2b3c4d5e';

async function record(kind: 'rsa' | 'ec', kid: string, alg: 'RS512' | 'ES256' = kind === 'rsa' ? 'RS512' : 'ES256'): Promise<KeyRecord> {
  const { publicKey } = kind === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = await exportJWK(publicKey);
  return keyRecordSchema.parse({
    kid,
    alg,
    kty: kind === 'rsa' ? 'RSA' : 'EC',
    ...(kind === 'rsa' ? { size: 2048 } : { crv: 'P-256' }),
    thumbprint: await calculateJwkThumbprint(jwk),
    createdAt: NOW.toISOString(),
    state: 'active',
    custody: 'keychain',
    publicJwk: { ...jwk, kid, use: 'sig', alg },
  });
}

describe('NHS environment names', () => {
  it('INT → int, production → prod; sandbox and other providers are refused with a reason', () => {
    expect(nhsJwksEnvironment('nhs-api-platform', 'int')).toEqual({ ok: true, name: 'int' });
    expect(nhsJwksEnvironment('nhs-api-platform', 'live')).toEqual({ ok: true, name: 'prod' });
    expect(NHS_JWKS_SCRIPT_ENVIRONMENTS).toEqual(expect.arrayContaining(['int', 'prod']));
    const sandbox = nhsJwksEnvironment('nhs-api-platform', 'sandbox');
    expect(sandbox.ok).toBe(false);
    expect(!sandbox.ok && sandbox.reason).toMatch(/sandbox/);
    expect(nhsJwksEnvironment('nhs-cis2', 'int').ok).toBe(false);
    expect(nhsJwksEnvironment('nhs-api-platform', 'constructor').ok).toBe(false);
  });
});

describe('application id', () => {
  it('is a UUID v4 only', () => {
    expect(isUuidV4(APP_ID)).toBe(true);
    expect(isUuidV4(APP_ID.toUpperCase())).toBe(true);
    expect(isUuidV4('c232ab00-9414-11ec-b3c8-9f6bdeced846')).toBe(false); // v1
    expect(isUuidV4('9b2f3c1e-4d5a-4b6c-cd7e-0f1a2b3c4d5e')).toBe(false); // wrong variant
    expect(isUuidV4('9b2f3c1e4d5a4b6c8d7e0f1a2b3c4d5e')).toBe(false); // not the form NHS's file name takes
  });
});

describe('the kid\'s date as check_public_key_expiry.py reads it', () => {
  it.each([
    ['2027-12-01-AbCdEfGh', '2027-12-01'],
    ['key-2027-12-01', '2027-12-01'],
    ['2027-12-01abc', '2027-12-01'], // no \\b match; the first 10 characters parse
    ['2027-1-1', '2027-01-01'], // strptime takes one-digit months and days
    ['int-1', undefined],
    ['x2027-12-01', undefined],
    ['2027-13-01-x', undefined],
    ['2027-02-30-x', undefined],
    ['CIS2-Titan-Prod', undefined],
  ])('%s → %s', (kid, expected) => {
    expect(kidExpiryDate(kid)).toBe(expected);
  });

  it('accepts a dated kid silently, warns on one without a date or within 60 days, refuses one NHS would not take', () => {
    expect(checkHostedKid(datedKid('2027-12-01', 'AbCdEfGhIj'), NOW)).toEqual({ expiry: '2027-12-01', daysLeft: 365, warnings: [] });
    expect(checkHostedKid('abcDEF123-thumbprint', NOW).warnings.join(' ')).toMatch(/unparsable-kid/);
    expect(checkHostedKid('2027-01-15-x', NOW).warnings.join(' ')).toMatch(/45 day\(s\) away/);
    expect(() => checkHostedKid('', NOW)).toThrow(/empty/);
    expect(() => checkHostedKid('my key', NOW)).toThrow(/white space/);
    expect(() => checkHostedKid('2026-11-30-x', NOW)).toThrow(/has passed/);
    expect(() => datedKid('2027-02-30', 'x')).toThrow(/real date/);
  });
});

describe('buildHostingRequest', () => {
  it('refuses an EC key with the reason', async () => {
    const ec = await record('ec', '2027-12-01-ec');
    expect(() => buildHostingRequest({ provider: 'nhs-api-platform', environment: 'int', record: ec, appId: APP_ID, now: NOW })).toThrow(/RSA keys only/);
  });

  it('refuses a non-RS512 RSA key and a bad application id', async () => {
    const rs256 = await record('rsa', '2027-12-01-rs', 'RS512');
    expect(() => buildHostingRequest({ provider: 'nhs-api-platform', environment: 'int', record: { ...rs256, alg: 'RS256' }, appId: APP_ID, now: NOW })).toThrow(/RS512/);
    expect(() => buildHostingRequest({ provider: 'nhs-api-platform', environment: 'int', record: rs256, appId: 'not-a-uuid', now: NOW })).toThrow(/not a UUID v4/);
  });

  it('builds the four inputs and the JWK member by member', async () => {
    const rsa = await record('rsa', '2027-12-01-rsa');
    const built = buildHostingRequest({ provider: 'nhs-api-platform', environment: 'live', record: rsa, appId: APP_ID, now: NOW });
    expect(built.request).toEqual({ kid: '2027-12-01-rsa', environment: 'prod', app_id: APP_ID, public_key_pem: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----/) });
    const pub = rsa.publicJwk as { n: string; e: string };
    expect(built.jwk).toEqual({ n: pub.n, e: pub.e, kty: 'RSA', alg: 'RS512', kid: '2027-12-01-rsa', use: 'sig' });
    expect(built.files.map((f) => f.name)).toEqual(['public-key.pem', 'request.json', 'jwk.json', 'README.txt']);
    expect(built.warnings.join(' ')).toMatch(/RSA 4096/);
  });
});
