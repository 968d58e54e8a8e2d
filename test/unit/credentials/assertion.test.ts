// Client assertions: signed with the ACTIVE key, verifiable against the registration's published
// JWKS with the exact claim and header sets, and clear typed errors when something is missing.
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_ASSERTION_TYPE, curlCommand, DEFAULT_ASSERTION_LIFETIME_SECONDS, type CredentialService } from '../../../core/credentials';
import { publishedSet, toJwks, parseKeyRecord } from '../../../core/keys';
import { createFixture, rejection, type Fixture } from './helpers';

const CIS2_INT_TOKEN = 'https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk:443/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare/access_token';

let fx: Fixture;
let service: CredentialService;
beforeEach(async () => {
  fx = await createFixture();
  service = fx.service();
});
afterEach(async () => {
  await fx.cleanup();
});

/** The JWK Set the registration publishes (what the provider fetches from its jwks_uri). */
function publishedJwks(regId: string) {
  const records = fx.store.read().registrations[regId]!.keys.map(parseKeyRecord);
  return createLocalJWKSet(toJwks(publishedSet(records, fx.clock.now())) as never);
}

describe('client assertion', () => {
  it('carries exactly iss/sub/aud/jti/iat/exp and alg/kid/typ, signed by the active key, verifiable against the published JWKS', async () => {
    await fx.addKey(fx.regId, 'RS256', 'next');
    const active = await fx.addKey(fx.regId, 'RS256', 'active');
    await service.save(fx.regId, { clientId: 'cis2-client-123' });

    const result = await service.assertion(fx.regId);
    const tokenEndpoint = (await import('../../../core/profiles')).getProfile('nhs-cis2').environments.find((e) => e.id === 'int')!.tokenEndpoint!;
    expect(tokenEndpoint).toBe(CIS2_INT_TOKEN);

    const header = decodeProtectedHeader(result.jwt);
    const claims = decodeJwt(result.jwt);
    expect(Object.keys(header).sort()).toEqual(['alg', 'kid', 'typ']);
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'sub']);
    expect(header).toEqual({ alg: 'RS256', kid: active.kid, typ: 'JWT' });
    expect(result.header).toEqual(header);
    expect(result.claims).toEqual(claims);
    const iat = Math.floor(fx.clock.now().getTime() / 1000);
    expect(claims).toMatchObject({ iss: 'cis2-client-123', sub: 'cis2-client-123', aud: tokenEndpoint, iat, exp: iat + DEFAULT_ASSERTION_LIFETIME_SECONDS });
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(300);
    expect(claims.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(result.expiresAt).toBe(new Date((iat + 290) * 1000).toISOString());

    const verified = await jwtVerify(result.jwt, publishedJwks(fx.regId), {
      audience: tokenEndpoint,
      issuer: 'cis2-client-123',
      subject: 'cis2-client-123',
      typ: 'JWT',
      algorithms: ['RS256'],
      currentDate: fx.clock.now(),
    });
    expect(verified.protectedHeader.kid).toBe(active.kid);

    // A fresh jti every time.
    expect((await service.assertion(fx.regId)).claims.jti).not.toBe(claims.jti);
    // The secret is not part of anything returned.
    expect(JSON.stringify(result)).not.toContain('a-secret-value');
  });

  it('builds an authorization_code curl with a placeholder code for CIS2', async () => {
    await fx.addKey(fx.regId, 'ES256', 'active');
    fx.store.update((s) => void (s.registrations[fx.regId]!.metadata.redirect_uris = ['https://app.example.org/callback']));
    await service.save(fx.regId, { clientId: 'cid' });
    const { curl, jwt, grantType } = await service.assertion(fx.regId);
    expect(grantType).toBe('authorization_code');
    expect(curl).toBe(
      `curl -X POST ${CIS2_INT_TOKEN} -d grant_type=authorization_code -d 'code=<AUTHORIZATION_CODE>' --data-urlencode redirect_uri=https://app.example.org/callback -d client_assertion_type=${CLIENT_ASSERTION_TYPE} -d client_assertion=${jwt}`,
    );
  });

  it('uses client_credentials for the NHS API platform and its token endpoint; honours an aud override exactly', async () => {
    const apiReg = fx.addRegistration('nhs-api-platform', 'int', 'Backend Service');
    await fx.addKey(apiReg, 'RS512', 'active');
    const result = await service.assertion(apiReg, { clientId: 'api-key-abc' });
    expect(result.claims.aud).toBe('https://int.api.service.nhs.uk/oauth2/token');
    expect(result.grantType).toBe('client_credentials');
    expect(result.curl).toBe(
      `curl -X POST https://int.api.service.nhs.uk/oauth2/token -d grant_type=client_credentials -d client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer -d client_assertion=${result.jwt}`,
    );
    expect(result.warnings).toEqual([]);
    await jwtVerify(result.jwt, publishedJwks(apiReg), { audience: result.claims.aud, issuer: 'api-key-abc', subject: 'api-key-abc', typ: 'JWT', currentDate: fx.clock.now() });

    const custom = await service.assertion(apiReg, { clientId: 'api-key-abc', audience: 'https://localhost:8443/oauth2/token?x=1', lifetimeSeconds: 60 });
    expect(custom.claims.aud).toBe('https://localhost:8443/oauth2/token?x=1');
    expect(custom.claims.exp - custom.claims.iat).toBe(60);
    expect(custom.curl).toContain(`-X POST 'https://localhost:8443/oauth2/token?x=1'`);
  });

  it('warns when the active key\'s alg is not one the environment accepts', async () => {
    const apiReg = fx.addRegistration('nhs-api-platform', 'int', 'Backend Service');
    await fx.addKey(apiReg, 'ES256', 'active');
    const result = await service.assertion(apiReg, { clientId: 'api-key-abc' });
    expect(result.warnings[0]).toContain('ES256');
    // RS512 is declared: the key cannot sign what the provider registered.
    expect(result.warnings).toContainEqual(expect.stringMatching(/declare token_endpoint_auth_signing_alg RS512 but the active key signs ES256/));
  });

  it('fails with clear typed errors: no active key, no Client ID, not private_key_jwt, bad lifetime, bad aud, no token endpoint', async () => {
    await service.save(fx.regId, { clientId: 'cid' });
    await fx.addKey(fx.regId, 'RS256', 'next');
    const noActive = await rejection(service.assertion(fx.regId));
    expect(noActive.code).toBe('NOT_FOUND');
    expect(noActive.details).toMatchObject({ reason: 'no-active-key' });
    expect(noActive.message).toMatch(/no active signing key/);

    const other = fx.addRegistration('nhs-cis2', 'int', 'Other');
    await fx.addKey(other, 'RS256', 'active');
    expect((await rejection(service.assertion(other))).details).toMatchObject({ reason: 'no-client-id' });
    expect((await rejection(service.assertion(other, { clientId: 'x', lifetimeSeconds: 301 }))).code).toBe('VALIDATION_FAILED');
    expect((await rejection(service.assertion(other, { clientId: 'x', lifetimeSeconds: 0 }))).code).toBe('VALIDATION_FAILED');
    expect((await rejection(service.assertion(other, { clientId: 'x', audience: 'http://token.example/' }))).code).toBe('NETWORK_URL_REFUSED');
    expect((await rejection(service.assertion(other, { clientId: 'x', audience: ' https://token.example/' }))).code).toBe('NETWORK_URL_REFUSED');

    fx.store.update((s) => void (s.registrations[other]!.metadata.token_endpoint_auth_method = 'client_secret_basic'));
    const wrongMethod = await rejection(service.assertion(other, { clientId: 'x' }));
    expect(wrongMethod.code).toBe('VALIDATION_FAILED');
    expect(wrongMethod.message).toContain('client_secret_basic');

    const dep = fx.addRegistration('nhs-cis2', 'dep', 'Dep App');
    await fx.addKey(dep, 'RS256', 'active');
    const noEndpoint = await rejection(service.assertion(dep, { clientId: 'x' }));
    expect(noEndpoint.details).toMatchObject({ reason: 'no-token-endpoint' });
    expect((await service.assertion(dep, { clientId: 'x', audience: 'https://dep.example/token' })).claims.aud).toBe('https://dep.example/token');
  });

  it('quotes curl arguments only when the shell needs it', () => {
    expect(curlCommand("https://h/t?a=1&b='x'", 'a.b.c', 'client_credentials')).toBe(
      `curl -X POST 'https://h/t?a=1&b='\\''x'\\''' -d grant_type=client_credentials -d client_assertion_type=${CLIENT_ASSERTION_TYPE} -d client_assertion=a.b.c`,
    );
  });
});
