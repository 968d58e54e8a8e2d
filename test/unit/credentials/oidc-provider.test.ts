// A real provider in the tests (issue 11 item 6): panva's certified oidc-provider on loopback
// HTTPS with the test CA. The tool discovers its configuration, its assertions are accepted at
// the token endpoint (client_credentials, private_key_jwt) for every algorithm the profiles
// allow, the probe reads accepted/refused correctly, and a declared/actual algorithm mismatch is
// caught by validation before the provider refuses it (which it does: "alg mismatch").
// Keys are in passphrase custody: real custody, no keychain needed for this proof.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../core/app/services';
import { isSigningAlg, SIGNING_ALGS } from '../../../core/keys/algorithms';
import { listProfiles } from '../../../core/profiles';
import { cryptoRandom, silentLogger, systemClock } from '../../../core/ports/system';
import { createOsKeychain } from '../../../core/storage/os-keychain';
import { createFetcher } from '../../../core/net/fetcher';
import { REDIRECT_URI, startOidcProvider, type OpClient, type RunningProvider } from '../../support/oidc-provider-server';

/** Every algorithm some built-in profile environment allows and the tool can generate. */
const ALGS = [...new Set(listProfiles().flatMap((p) => p.environments.flatMap((e) => e.keys.allowedAlgs)).filter(isSigningAlg))].sort();
const PASS = { passphrase: 'oidc-provider interop, copper kettle 47!' };
const unlock = PASS;

let dataDir: string;
let services: AppServices;
const fetcher = createFetcher({ userAgent: 'oidc-onboard-test' });
let op: RunningProvider;
const ids = new Map<string, string>();
let mismatchId = '';
let apiPlatformId = '';
/** The API key of the API-platform registration: its assertion's iss and sub. */
const API_KEY = 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z';

/** POSTs a form over HTTPS trusting the test CA; resolves with status and parsed JSON body. */
function postForm(url: string, form: Record<string, string>, caPem: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const body = new URLSearchParams(form).toString();
    const req = request(url, { method: 'POST', ca: caPem, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}') as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A generic-OIDC draft declaring `alg`, with complete values, and its key made by default generation. */
async function draftWithKey(name: string, alg: string): Promise<string> {
  const id = services.drafts.create({ provider: 'generic-oidc', environment: 'default', clientName: name }).registration.id;
  services.drafts.setValues(id, { addRedirectUris: [REDIRECT_URI], contacts: ['ops@example.org'], jwksUri: 'https://keys.example.org/jwks.json', authMethod: 'private_key_jwt', signingAlg: alg });
  await services.keys.generate(id, { size: 2048, custody: PASS });
  return id;
}

const tokenRequest = (jwt: string) => ({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: jwt });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-provider-interop-'));
  services = createAppServices({ dataDir, vault: createOsKeychain({ service: `oidc-onboard-test-op-${randomUUID()}` }), clock: systemClock, random: cryptoRandom, logger: silentLogger, fetcher });
  const clients: OpClient[] = [];
  for (const alg of ALGS) {
    const id = await draftWithKey(`OP ${alg}`, alg);
    ids.set(alg, id);
    clients.push({ client_id: `tool-${alg}`, jwks: JSON.parse(services.keys.jwks(id)) as { keys: unknown[] }, token_endpoint_auth_signing_alg: alg });
  }
  // The contradiction of issue 11: an ES256 key, then RS256 declared (as registered at the provider).
  mismatchId = await draftWithKey('OP mismatch', 'ES256');
  services.drafts.setValues(mismatchId, { signingAlg: 'RS256' });
  clients.push({ client_id: 'tool-mismatch', jwks: JSON.parse(services.keys.jwks(mismatchId)) as { keys: unknown[] }, token_endpoint_auth_signing_alg: 'RS256' });

  // An NHS API platform registration: RS512, client_credentials only (no authorization_code to lean on).
  apiPlatformId = services.drafts.create({ provider: 'nhs-api-platform', environment: 'int', clientName: 'OP API platform' }).registration.id;
  await services.keys.generate(apiPlatformId, { size: 4096, custody: PASS });
  clients.push({ client_id: API_KEY, jwks: JSON.parse(services.keys.jwks(apiPlatformId)) as { keys: unknown[] }, token_endpoint_auth_signing_alg: 'RS512', grant_types: ['client_credentials'] });

  op = await startOidcProvider({ clients, algs: ALGS });
  for (const id of [...ids.values(), mismatchId]) await services.drafts.discover(id, { url: op.issuer, caPem: op.caPem });
}, 120_000);

afterAll(async () => {
  await op?.close();
  fetcher.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('against oidc-provider', () => {
  it('covers every algorithm the profiles allow', () => {
    expect(ALGS).toEqual([...SIGNING_ALGS].sort());
  });

  it('discovery: the tool reads its configuration (issuer, token endpoint, algorithms) into the draft', () => {
    const view = services.drafts.get(ids.get('RS256')!);
    expect(view.registration.discovery).toMatchObject({ issuerMatch: expect.anything() });
    expect(view.registration.discovery?.metadata).toMatchObject({ issuer: op.issuer, token_endpoint: op.tokenEndpoint });
    const env = view.profile.environments[0]!;
    expect(env.tokenEndpoint).toBe(op.tokenEndpoint);
    expect([...env.keys.allowedAlgs].sort()).toEqual(ALGS);
    expect(view.report.valid, JSON.stringify(view.report.findings)).toBe(true);
  });

  it.each(ALGS)('%s: the tool lets the assertion through and the provider accepts it (client_credentials → access token)', async (alg) => {
    const id = ids.get(alg)!;
    expect(services.drafts.get(id).report.valid).toBe(true);
    const assertion = await services.credentials.assertion(id, { clientId: `tool-${alg}`, unlock });
    expect(Object.keys(decodeProtectedHeader(assertion.jwt)).sort()).toEqual(['alg', 'kid', 'typ']);
    expect(assertion.header.alg).toBe(alg);
    expect(assertion.claims.aud).toBe(op.tokenEndpoint);
    const answer = await postForm(op.tokenEndpoint, tokenRequest(assertion.jwt), op.caPem);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
  });

  it('the probe reads accepted for a good assertion and refused for a wrong client', async () => {
    const id = ids.get('PS256')!;
    const accepted = await services.credentials.probe(id, { clientId: 'tool-PS256', unlock, caPem: op.caPem, allowPrivateNetwork: true });
    expect(accepted.verdict, accepted.explanation).toBe('accepted');
    // Signed with the PS256 key but presented as the ES256 client: the provider refuses client authentication.
    const refused = await services.credentials.probe(id, { clientId: 'tool-ES256', unlock, caPem: op.caPem, allowPrivateNetwork: true });
    expect(refused.verdict, refused.explanation).toBe('refused');
    expect(refused.error).toBe('invalid_client');
  });

  it('the probe sends client_credentials for an API platform registration, reads accepted, and keeps no token', async () => {
    const probe = await services.credentials.probe(apiPlatformId, { clientId: API_KEY, audience: op.tokenEndpoint, unlock, caPem: op.caPem, allowPrivateNetwork: true });
    expect(probe.verdict, probe.explanation).toBe('accepted');
    expect(probe.explanation).toMatch(/issued an access token.*discarded/);
    expect(JSON.stringify(probe)).not.toMatch(/access_token|eyJ[\w-]+\.eyJ/);
    // The same client refused: an assertion presented under another API key.
    const refused = await services.credentials.probe(apiPlatformId, { clientId: 'tool-RS512', audience: op.tokenEndpoint, unlock, caPem: op.caPem, allowPrivateNetwork: true });
    expect(refused.verdict, refused.explanation).toBe('refused');
  });

  it('a declared/actual algorithm mismatch is caught by validate first, and the provider refuses it', async () => {
    const report = services.drafts.get(mismatchId).report;
    expect(report.valid).toBe(false);
    expect(report.findings.find((f) => f.code === 'signing_alg.key_mismatch')).toMatchObject({ severity: 'error', path: 'token_endpoint_auth_signing_alg' });

    const assertion = await services.credentials.assertion(mismatchId, { clientId: 'tool-mismatch', unlock });
    expect(assertion.header.alg).toBe('ES256');
    expect(assertion.warnings.join(' ')).toMatch(/declare token_endpoint_auth_signing_alg RS256 but the active key signs ES256/);
    const answer = await postForm(op.tokenEndpoint, tokenRequest(assertion.jwt), op.caPem);
    expect(answer.status).toBe(401);
    expect(answer.body.error).toBe('invalid_client');
    expect(op.authErrors).toContain('alg mismatch');
    const probe = await services.credentials.probe(mismatchId, { clientId: 'tool-mismatch', unlock, caPem: op.caPem, allowPrivateNetwork: true });
    expect(probe.verdict).toBe('refused');
  });
});
