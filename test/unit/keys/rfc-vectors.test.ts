import { createPrivateKey } from 'node:crypto';
import { CompactSign } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import vector from '../../fixtures/keys/rfc7520-rsa-v15-signature.json' with { type: 'json' };
import { jwkThumbprint } from '../../../core/keys';
import { policy, service, tempDir, testVault } from './helpers';

describe('RFC 7638 §3.1', () => {
  const jwk = {
    kty: 'RSA',
    n:
      '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
    e: 'AQAB',
    alg: 'RS256',
    kid: '2011-04-29',
  };

  it('reproduces the published thumbprint (optional members ignored)', async () => {
    expect(await jwkThumbprint(jwk)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });
});

describe('RFC 7520 §4.1 RS256 signature', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    await dir.cleanup();
  });

  it('jose with the RFC key reproduces the signature byte for byte', async () => {
    const key = createPrivateKey({ key: vector.key, format: 'jwk' });
    const jws = await new CompactSign(new TextEncoder().encode(vector.payload))
      .setProtectedHeader({ alg: 'RS256', kid: vector.key.kid })
      .sign(key);
    expect(jws).toBe(vector.compact);
  });

  it('the key service (import → custody → sign) reproduces it byte for byte', async () => {
    const vault = testVault();
    const svc = service(dir.path, vault);
    const { record, warnings } = await svc.importPrivate('rfc7520', { input: JSON.stringify(vector.key), policy, alg: 'RS256' });
    expect(record.kid).toBe('bilbo.baggins@hobbiton.example');
    // "@" is outside the always-safe kid alphabet: allowed, with a warning.
    expect(warnings.join(' ')).toMatch(/escaping/);
    const jws = await service(dir.path, vault).sign('rfc7520', record, vector.payload);
    expect(jws).toBe(vector.compact);
  });
});
