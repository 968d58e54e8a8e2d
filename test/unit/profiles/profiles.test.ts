/** Provider profiles: data integrity, NHS facts, discovery refresh and the generic builder. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasErrorCode, isAppError } from '../../../contract/errors';
import {
  applyDiscovery,
  buildGenericProfile,
  findEnvironment,
  getProfile,
  issuedFor,
  listProfiles,
  profileSchema,
  SOURCES,
  type Profile,
} from '../../../core/profiles';
import { emptyMetadataFor, validateMetadata } from '../../../core/registration';

const env = (profile: Profile, id: string) => {
  const found = findEnvironment(profile, id);
  if (!found) throw new Error(`no env ${id}`);
  return found;
};

const CIS2_INT_DISCOVERY = {
  issuer: 'https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk:443/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare',
  token_endpoint: 'https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk:443/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare/access_token',
  authorization_endpoint: 'https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk:443/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare/authorize',
  jwks_uri: 'https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk:443/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare/connect/jwk_uri',
  token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic', 'tls_client_auth'],
  token_endpoint_auth_signing_alg_values_supported: ['PS384', 'RS384', 'HS256', 'RS256', 'ES256', 'none'],
  id_token_signing_alg_values_supported: ['RS256'],
};

describe('built-in profiles', () => {
  const profiles = listProfiles();

  it('lists the four providers, each valid against profileSchema', () => {
    expect(profiles.map((profile) => profile.id)).toEqual(['nhs-cis2', 'nhs-login', 'nhs-api-platform', 'generic-oidc']);
    for (const profile of profiles) {
      const parsed = profileSchema.safeParse(profile);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(findEnvironment(profile, profile.defaultEnvironment)).toBeDefined();
      expect(profile.profileVersion).toMatch(/^\d+\.\d+\.\d+$/);
      expect(profile.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(profile.environments.find((e) => e.authMethods.some((m) => m.method === profile.defaultAuthMethod))).toBeDefined();
      for (const environment of profile.environments) {
        expect(environment.keys.allowedAlgs).toContain(environment.keys.defaultAlg);
        expect(environment.keys.rsaAllowedSizes).toContain(environment.keys.rsaDefaultSize);
        expect(environment.keys.allowedAlgs.some((alg) => alg.startsWith('HS') || alg === ('none' as string))).toBe(false);
        expect(environment.submission.text.length).toBeGreaterThan(20);
      }
    }
  });

  it('cites an https source for every rule, method, key policy and submission', () => {
    for (const profile of profiles) {
      const sources = [
        ...profile.rules.map((rule) => rule.source),
        profile.redirectUris.source,
        profile.confidentialOnly.source,
        profile.signedUserinfo.source,
        profile.backchannelLogout.source,
        ...profile.environments.flatMap((e) => [e.keys.source, e.submission.source, ...e.authMethods.map((m) => m.source)]),
      ];
      for (const source of sources) {
        expect(source.url).toMatch(/^https:\/\/[^\s]+$/);
        expect(source.title.length).toBeGreaterThan(3);
      }
    }
    for (const source of Object.values(SOURCES)) expect(() => new URL(source.url)).not.toThrow();
  });

  it('hands out copies: changing one does not change the next', () => {
    const first = getProfile('nhs-cis2');
    first.environments[0]!.keys.allowedAlgs.push('ES512');
    first.name = 'changed';
    expect(getProfile('nhs-cis2').name).toBe('NHS CIS2 Authentication');
    expect(env(getProfile('nhs-cis2'), 'int').keys.allowedAlgs).not.toContain('ES512');
  });

  it('refuses an unknown profile id with NOT_FOUND', () => {
    expect(() => getProfile('nhs-nope')).toThrowError(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe('nhs-cis2', () => {
  const cis2 = getProfile('nhs-cis2');

  it('has int, dep and live, each with the discovery URL the CIS2 Discovery page publishes', () => {
    expect(cis2.environments.map((e) => e.id)).toEqual(['int', 'dep', 'live']);
    expect(env(cis2, 'int').discoveryUrl).toBe('https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare/.well-known/openid-configuration');
    expect(env(cis2, 'live').discoveryUrl).toBe('https://am.nhsidentity.spineservices.nhs.uk/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare/.well-known/openid-configuration');
    expect(env(cis2, 'dep').discoveryUrl).toBe('https://am.nhsdep.auth-ptl.cis2.spineservices.nhs.uk/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare/.well-known/openid-configuration');
    expect(env(cis2, 'int').issuer).toContain(':443/');
  });

  it('recommends private_key_jwt, allows "Client Secret" as discouraged, and offers no client_secret_jwt (only on an old page)', () => {
    const methods = env(cis2, 'int').authMethods;
    expect(methods.find((m) => m.method === 'private_key_jwt')?.status).toBe('recommended');
    for (const method of ['client_secret_basic', 'client_secret_post'] as const) {
      expect(methods.find((m) => m.method === method)?.status).toBe('discouraged');
    }
    expect(methods.map((m) => m.method)).not.toContain('client_secret_jwt');
    expect(cis2.rules.find((rule) => rule.id === 'cis2.client-secret-jwt-legacy')?.source).toEqual(SOURCES.cis2RegistrationLegacy);
    expect(cis2.defaultAuthMethod).toBe('private_key_jwt');
  });

  it('defaults to RS256 with an unpublished allow-list flagged for verification', () => {
    const keys = env(cis2, 'int').keys;
    expect(keys.defaultAlg).toBe('RS256');
    expect(keys.allowedAlgs).toEqual(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384']);
    expect(keys.algsPublished).toBe(false);
    expect(keys.algNote).toMatch(/not published by NHS/);
    expect(keys.keySource).toBe('jwks_uri');
    expect(keys.rsaAllowedSizes).toEqual([2048, 3072, 4096]);
    expect(cis2.signedUserinfo.supported && cis2.backchannelLogout.supported).toBe(true);
    expect(cis2.redirectUris.customSchemes).toBe('warn');
  });

  it('says how production is requested (after the Connection Agreement, allow 2 weeks)', () => {
    expect(env(cis2, 'live').submission).toMatchObject({ known: true, source: SOURCES.cis2GoLive });
    expect(env(cis2, 'live').submission.text).toMatch(/Connection Agreement[\s\S]*2 weeks/);
    expect(env(cis2, 'int').submission.text).toMatch(/Connection Manager/);
  });
});

describe('nhs-login', () => {
  const login = getProfile('nhs-login');

  it('has sandpit, integration and live (no mock: removed by NHS on 2023-12-20); PEM RSA 2048, RS512, private_key_jwt only', () => {
    expect(login.environments.map((e) => e.id)).toEqual(['sandpit', 'integration', 'live']);
    expect(env(login, 'integration').submission).toMatchObject({ known: true, source: SOURCES.nhsLoginIntegrate });
    expect(env(login, 'integration').submission.text).toMatch(/Integration Environment Request form/);
    expect(env(login, 'sandpit').discoveryUrl).toBe('https://auth.sandpit.signin.nhs.uk/.well-known/openid-configuration');
    for (const environment of login.environments) {
      expect(environment.keys.keySource).toBe('pem');
      expect(environment.keys.rsaAllowedSizes).toEqual([2048]);
      expect(environment.keys.allowedAlgs).toEqual(['RS512']);
      expect(environment.authMethods.map((m) => m.method)).toEqual(['private_key_jwt']);
    }
    expect(login.redirectUris).toMatchObject({ httpsOnly: true, allowQuery: false, maxCount: 10 });
  });
});

describe('nhs-api-platform', () => {
  const api = getProfile('nhs-api-platform');

  it('has sandbox, int and live token endpoints, RS512 only, kid required, RSA 4096 recommended, redirect URIs optional', () => {
    expect(api.environments.map((e) => [e.id, e.tokenEndpoint])).toEqual([
      ['sandbox', 'https://sandbox.api.service.nhs.uk/oauth2/token'],
      ['int', 'https://int.api.service.nhs.uk/oauth2/token'],
      ['live', 'https://api.service.nhs.uk/oauth2/token'],
    ]);
    const keys = env(api, 'int').keys;
    expect(keys).toMatchObject({ allowedAlgs: ['RS512'], defaultAlg: 'RS512', kidRequired: true, rsaRecommendedSize: 4096, keySource: 'jwks_uri', algsPublished: true });
    expect(api.redirectUris.required).toBe(false);
  });

  it('records the platform\'s 3600 s JWKS cache from NHS code, and its 55 s fetch timeout as a rule', () => {
    expect(api.jwksFetch).toEqual({ cacheSeconds: 3600, cacheSource: SOURCES.apiJwksCache });
    expect(api.rules.find((r) => /55 s timeout/.test(r.text))?.source).toEqual(SOURCES.apiJwksFetch);
  });

});

describe('what each provider issues', () => {
  it('NHS login and CIS2 private_key_jwt: a Client ID only; CIS2 client secret: Client ID and secret; API platform: API key, application id, kid', () => {
    const login = getProfile('nhs-login');
    const cis2 = getProfile('nhs-cis2');
    const api = getProfile('nhs-api-platform');
    expect(issuedFor(login, 'private_key_jwt')).toMatchObject({ identifierLabel: 'Client ID', secret: 'not-issued', applicationId: false, source: SOURCES.nhsLoginEis });
    expect(issuedFor(cis2, 'private_key_jwt')).toMatchObject({ identifierLabel: 'Client ID', secret: 'not-issued' });
    expect(issuedFor(cis2, 'client_secret_post')).toMatchObject({ identifierLabel: 'Client ID', secret: 'issued' });
    expect(issuedFor(cis2, 'client_secret_basic')).toMatchObject({ secret: 'issued' });
    expect(issuedFor(api, 'private_key_jwt')).toMatchObject({ identifierLabel: 'API key', secret: 'not-issued', applicationId: true, kid: true });
  });

  it('covers every auth method each built-in profile offers', () => {
    for (const profile of listProfiles()) {
      for (const environment of profile.environments) {
        for (const { method } of environment.authMethods) {
          expect(profile.issued.some((entry) => entry.methods.includes(method)), `${profile.id} ${method}`).toBe(true);
        }
      }
    }
  });
});

describe('applyDiscovery', () => {
  it('refreshes the token endpoint, methods and algorithms and marks the data source', () => {
    const cis2 = getProfile('nhs-cis2');
    const now = new Date('2026-11-27T10:00:00Z');
    const refreshed = applyDiscovery(cis2, 'int', CIS2_INT_DISCOVERY, { now });
    const int = env(refreshed, 'int');
    expect(int.dataSource).toBe('discovery');
    expect(int.discoveryAppliedAt).toBe('2026-11-27T10:00:00.000Z');
    expect(int.tokenEndpoint).toBe(CIS2_INT_DISCOVERY.token_endpoint);
    expect(int.issuer).toBe(CIS2_INT_DISCOVERY.issuer);
    // Only asymmetric algorithms survive; none and HS256 never do.
    expect(int.keys.allowedAlgs).toEqual(['PS384', 'RS384', 'RS256', 'ES256']);
    expect(int.keys.defaultAlg).toBe('RS256');
    expect(int.keys.algsPublished).toBe(true);
    expect(int.authMethods.map((m) => m.method).sort()).toEqual(['client_secret_basic', 'client_secret_post', 'private_key_jwt']);
    expect(profileSchema.safeParse(refreshed).success).toBe(true);
    // Other environments and the input stay built-in.
    expect(env(refreshed, 'live').dataSource).toBe('built-in');
    expect(env(cis2, 'int').dataSource).toBe('built-in');
    expect(env(cis2, 'int').keys.allowedAlgs).toContain('RS512');
  });

  it('changes what the rule engine accepts', () => {
    const refreshed = applyDiscovery(getProfile('nhs-cis2'), 'int', CIS2_INT_DISCOVERY);
    const values = { client_name: 'Ward Rounds', redirect_uris: ['https://w.example.org/cb'], jwks_uri: 'https://w.example.org/jwks', contacts: ['a@example.org'], token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'RS512' };
    expect(validateMetadata(values, getProfile('nhs-cis2'), 'int').valid).toBe(true);
    const report = validateMetadata(values, refreshed, 'int');
    expect(report.valid).toBe(false);
    expect(report.findings.map((f) => f.code)).toContain('signing_alg.not_allowed');
    expect(report.findings.map((f) => f.code)).not.toContain('signing_alg.unverified');
  });

  it('can only narrow an authoritative built-in list (API platform stays RS512)', () => {
    const api = getProfile('nhs-api-platform');
    const doc = { issuer: 'https://int.api.service.nhs.uk', token_endpoint: 'https://int.api.service.nhs.uk/oauth2/token', token_endpoint_auth_signing_alg_values_supported: ['RS256', 'RS512', 'PS256'] };
    expect(env(applyDiscovery(api, 'int', doc), 'int').keys.allowedAlgs).toEqual(['RS512']);
    const none = env(applyDiscovery(api, 'int', { ...doc, token_endpoint_auth_signing_alg_values_supported: ['RS256'] }), 'int');
    expect(none.keys.allowedAlgs).toEqual(['RS512']);
    expect(none.notes.some((note) => note.startsWith('Discovery:'))).toBe(true);
  });

  it('refuses malformed documents with DISCOVERY_INVALID and unknown environments with NOT_FOUND', () => {
    const cis2 = getProfile('nhs-cis2');
    for (const bad of [null, 'x', [], {}, { issuer: 'http://x.org', token_endpoint: 'https://x.org/t' }, { ...CIS2_INT_DISCOVERY, token_endpoint_auth_methods_supported: 'private_key_jwt' }]) {
      expect(() => applyDiscovery(cis2, 'int', bad)).toThrowError(expect.objectContaining({ code: 'DISCOVERY_INVALID' }));
    }
    expect(() => applyDiscovery(cis2, 'qa', CIS2_INT_DISCOVERY)).toThrowError(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('either returns a schema-valid profile or throws DISCOVERY_INVALID, for any JSON', () => {
    const cis2 = getProfile('nhs-cis2');
    const docs = fc.oneof(
      fc.jsonValue(),
      fc.record({
        issuer: fc.oneof(fc.webUrl(), fc.string()),
        token_endpoint: fc.oneof(fc.webUrl({ validSchemes: ['https'] }), fc.string()),
        token_endpoint_auth_methods_supported: fc.array(fc.constantFrom('private_key_jwt', 'client_secret_basic', 'none', 'x')),
        token_endpoint_auth_signing_alg_values_supported: fc.array(fc.constantFrom('RS256', 'RS512', 'ES512', 'HS256', 'none', 'EdDSA')),
      }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(docs, fc.constantFrom('int', 'dep', 'live'), (doc, environment) => {
        for (const build of [() => applyDiscovery(cis2, environment, doc), () => buildGenericProfile(doc)]) {
          try {
            const profile = build();
            expect(profileSchema.safeParse(profile).success).toBe(true);
          } catch (error) {
            expect(isAppError(error) && hasErrorCode(error, 'DISCOVERY_INVALID')).toBe(true);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('buildGenericProfile', () => {
  it('builds a profile from a discovery document', () => {
    const profile = buildGenericProfile(
      {
        issuer: 'https://op.example.org',
        token_endpoint: 'https://op.example.org/token',
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'private_key_jwt'],
        token_endpoint_auth_signing_alg_values_supported: ['ES256', 'PS256'],
        backchannel_logout_supported: true,
      },
      { discoveryUrl: 'https://op.example.org/.well-known/openid-configuration', now: new Date('2026-01-02T03:04:05Z') },
    );
    expect(profileSchema.safeParse(profile).success).toBe(true);
    expect(profile.id).toBe('generic-oidc');
    expect(profile.defaultAuthMethod).toBe('private_key_jwt');
    const only = env(profile, 'default');
    expect(only).toMatchObject({ issuer: 'https://op.example.org', tokenEndpoint: 'https://op.example.org/token', dataSource: 'discovery' });
    expect(only.keys).toMatchObject({ allowedAlgs: ['ES256', 'PS256'], defaultAlg: 'ES256', ecAllowed: true, ecCurves: ['P-256'], inlineJwksAccepted: true });
    expect(profile.backchannelLogout.supported).toBe(true);
    expect(profile.signedUserinfo.supported).toBe(false);
    expect(env(profile, 'default').authMethods[0]!.source.url).toBe('https://op.example.org/.well-known/openid-configuration');
  });

  it('treats absent auth methods as client_secret_basic (Discovery §3)', () => {
    const profile = buildGenericProfile({ issuer: 'https://op.example.org', token_endpoint: 'https://op.example.org/token' });
    expect(env(profile, 'default').authMethods.map((m) => m.method)).toEqual(['client_secret_basic']);
    expect(profile.defaultAuthMethod).toBe('client_secret_basic');
    const report = validateMetadata({ client_name: 'X', redirect_uris: ['https://x.example.org/cb'], contacts: ['a@example.org'], token_endpoint_auth_method: 'private_key_jwt', jwks_uri: 'https://x.example.org/jwks', token_endpoint_auth_signing_alg: 'RS256' }, profile, 'default');
    expect(report.findings.map((f) => f.code)).toContain('auth_method.not_allowed');
  });
});

describe('emptyMetadataFor', () => {
  it('starts every profile and environment with its defaults and application_type web', () => {
    for (const profile of listProfiles()) {
      for (const environment of profile.environments) {
        const metadata = emptyMetadataFor(profile, environment.id);
        expect(metadata.application_type).toBe('web');
        expect(metadata.token_endpoint_auth_method).toBe(profile.defaultAuthMethod);
        if (profile.defaultAuthMethod === 'private_key_jwt') expect(metadata.token_endpoint_auth_signing_alg).toBe(environment.keys.defaultAlg);
        // Filled in with the user's values, the defaults are valid.
        const filled = {
          ...metadata,
          client_name: 'My Service',
          contacts: ['team@example.org'],
          ...(profile.redirectUris.required ? { redirect_uris: ['https://app.example.org/cb'] } : {}),
          ...(environment.keys.keySource === 'jwks_uri' ? { jwks_uri: 'https://app.example.org/jwks.json' } : {}),
        };
        const report = validateMetadata(filled, profile, environment.id);
        expect(report.valid, `${profile.id}/${environment.id}: ${JSON.stringify(report.findings)}`).toBe(true);
      }
    }
  });

  it('sets the API platform to RS512 and leaves out redirect URIs', () => {
    const metadata = emptyMetadataFor(getProfile('nhs-api-platform'), 'live');
    expect(metadata.token_endpoint_auth_signing_alg).toBe('RS512');
    expect(metadata.redirect_uris).toBeUndefined();
  });
});
