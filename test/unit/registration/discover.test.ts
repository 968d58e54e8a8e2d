// A draft's provider data refreshed from a real discovery document served over HTTPS by the test CA:
// the generic profile is built from it, NHS data is refreshed, a bad document changes nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registrationDetail } from '../../../core/views/summaries';
import { createDraftService } from '../../../core/registration/drafts';
import { createFetcher } from '../../../core/net/fetcher';
import { profileFor } from '../../../core/registration/profile-for';
import { createRegistrationRepository } from '../../../core/storage/registrations';
import { openSettingsStore } from '../../../core/storage/settings-store';
import { json, route, startHttpsServer, type TestServer } from '../../support/hostile-server';
import { getTestPki, LOCAL_HOSTS } from '../../support/test-pki';

let dir: string;
let server: TestServer;
let caPem: string;

function providerDocument(issuer: string, extra: Record<string, unknown> = {}) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/oauth2/token`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['PS256', 'ES256'],
    ...extra,
  };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'oidc-discover-'));
  const pki = await getTestPki();
  caPem = pki.caCertPem;
  const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
  let origin = '';
  server = await startHttpsServer({
    cert: leaf.chainPem,
    key: leaf.keyPem,
    handler: route({
      '/good/.well-known/openid-configuration': (req, res, ctx) => json(providerDocument(`${origin}/good`))(req, res, ctx),
      '/broken/.well-known/openid-configuration': json({ issuer: 'x', token_endpoint: 42 }),
    }),
  });
  origin = server.origin;
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const fetcher = createFetcher({ userAgent: 'oidc-onboard-test' });
const drafts = () => {
  const clock = { now: () => new Date() };
  return createDraftService({ registrations: createRegistrationRepository({ store: openSettingsStore({ dataDir: dir, clock }), clock }), clock, fetcher });
};

describe('discovery applied to a draft', () => {
  it('builds a generic provider profile from the document and judges the draft by it', async () => {
    const service = drafts();
    const created = service.create({ provider: 'generic-oidc', environment: 'default', clientName: 'Generic client' });
    const discovered = await service.discover(created.registration.id, { url: `${server.origin}/good`, caPem });
    expect(discovered.registration.discovery).toMatchObject({ url: `${server.origin}/good/.well-known/openid-configuration`, issuerMatch: 'exact' });
    const env = discovered.profile.environments[0]!;
    expect(env).toMatchObject({ dataSource: 'discovery', tokenEndpoint: `${server.origin}/good/oauth2/token` });
    expect(env.keys.allowedAlgs).toEqual(['PS256', 'ES256']);
    expect(env.authMethods.map((m) => m.method)).toEqual(['private_key_jwt']);
    // What the window receives carries the refreshed environment, so its choices follow the provider.
    expect(registrationDetail(discovered).environment).toMatchObject({ dataSource: 'discovery', keys: { allowedAlgs: ['PS256', 'ES256'] } });
    // A fresh service (as after a restart) judges by the stored document.
    expect(profileFor(drafts().record(created.registration.id)).environments[0]!.dataSource).toBe('discovery');
    const forgotten = drafts().forgetDiscovery(created.registration.id);
    expect(forgotten.registration.discovery).toBeUndefined();
    expect(forgotten.profile.environments[0]!.dataSource).toBe('built-in');
  });

  it('refreshes NHS built-in data and says so', async () => {
    const service = drafts();
    const created = service.create({ provider: 'nhs-cis2', environment: 'dep', clientName: 'Clinic Portal' });
    expect(created.profile.environments.find((e) => e.id === 'dep')!.dataSource).toBe('built-in');
    const discovered = await service.discover(created.registration.id, { url: `${server.origin}/good/.well-known/openid-configuration`, caPem });
    const dep = discovered.profile.environments.find((e) => e.id === 'dep')!;
    expect(dep.dataSource).toBe('discovery');
    expect(dep.tokenEndpoint).toBe(`${server.origin}/good/oauth2/token`);
  });

  it('keeps the draft unchanged when the document is bad, unreachable or untrusted', async () => {
    const service = drafts();
    const created = service.create({ provider: 'generic-oidc', environment: 'default', clientName: 'Kept as is' });
    const before = service.record(created.registration.id);
    const attempts: [{ url: string; caPem?: string }, string][] = [
      [{ url: `${server.origin}/broken`, caPem }, 'DISCOVERY_INVALID'],
      [{ url: `${server.origin}/good` }, 'NETWORK_TLS'],
      [{ url: 'http://example.com/' }, 'NETWORK_URL_REFUSED'],
    ];
    for (const [options, code] of attempts) {
      await expect(service.discover(created.registration.id, options)).rejects.toMatchObject({ code });
    }
    expect(service.record(created.registration.id)).toEqual(before);
    await expect(service.discover(created.registration.id)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
