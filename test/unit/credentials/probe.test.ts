// The token endpoint probe against a real local HTTPS token endpoint (test CA) that verifies the
// assertion like a provider would: invalid_grant when client authentication passes,
// invalid_client when it does not, plus the hostile and ambiguous answers.
import type { IncomingMessage } from 'node:http';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_ASSERTION_TYPE, judgeProbeAnswer, probeTokenEndpoint, PROBE_DUMMY_CODE, REFUSED_CHECKS, type CredentialService } from '../../../core/credentials';
import { parseKeyRecord, publishedSet, toJwks } from '../../../core/keys';
import { createFetcher } from '../../../core/net/fetcher';
import type { Fetcher } from '../../../core/net/types';
import { getTestPki, LOCAL_HOSTS } from '../../support/test-pki';
import { hugeBody, html, json, neverAnswer, redirect, route, startHttpsServer, type Handler, type TestServer } from '../../support/hostile-server';
import { createFixture, rejection, type Fixture } from './helpers';

const CLIENT_ID = 'probe-client';
let caPem: string;
let server: TestServer;
/** The fetcher port, trusting the test CA (as `--ca` would). */
let fetcher: Fetcher;
let fx: Fixture;
let service: CredentialService;
/** Requests the token endpoint received: method, content type and form. */
const seen: { method: string; contentType: string; form: URLSearchParams }[] = [];
/** The JWK Set the provider fetched from the registration's jwks_uri (a snapshot: providers cache). */
let providerJwks: ReturnType<typeof toJwks>;

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(new URLSearchParams(body)));
  });
}

/** A token endpoint that authenticates the client with the registration's published JWKS, like a provider. */
const tokenEndpoint: Handler = (req, res) => {
  void readForm(req).then(async (form) => {
    seen.push({ method: req.method ?? '', contentType: req.headers['content-type'] ?? '', form });
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST') return reply(405, { error: 'invalid_request' });
    if (form.get('grant_type') !== 'authorization_code') return reply(400, { error: 'unsupported_grant_type' });
    if (form.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE) return reply(400, { error: 'invalid_request' });
    try {
      const jwks = createLocalJWKSet(providerJwks as never);
      await jwtVerify(form.get('client_assertion') ?? '', jwks, { audience: server.url('/token'), issuer: CLIENT_ID, subject: CLIENT_ID, typ: 'JWT', currentDate: fx.clock.now() });
    } catch {
      return reply(401, { error: 'invalid_client', error_description: 'JWT is not valid' });
    }
    return reply(400, { error: 'invalid_grant', error_description: 'The authorization code is invalid or expired.' });
  });
};

beforeAll(async () => {
  const pki = await getTestPki();
  caPem = pki.caCertPem;
  fetcher = createFetcher({ extraCaPem: [caPem] });
  const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
  server = await startHttpsServer({
    cert: leaf.chainPem,
    key: leaf.keyPem,
    handler: route({
      '/token': tokenEndpoint,
      '/cc-only': json({ error: 'unsupported_grant_type' }, {}, 400),
      '/moved': redirect('https://localhost:1/elsewhere', 301),
      '/html': html('<html><body>Service unavailable</body></html>'),
      '/huge': hugeBody(1024 * 1024),
      '/hang': neverAnswer,
      '/ok': json({ access_token: 'x' }),
      // A provider whose clock is 10 minutes ahead of ours.
      '/skewed': (_req, res) => {
        res.writeHead(400, { 'content-type': 'application/json', date: new Date(Date.now() + 600_000).toUTCString() });
        res.end('{"error":"invalid_grant"}');
      },
    }),
  });
});
afterAll(async () => {
  fetcher.close();
  await server.close();
});
beforeEach(async () => {
  seen.length = 0;
  fx = await createFixture();
  service = fx.service({ fetcher });
  await fx.addKey(fx.regId, 'ES256', 'active');
  fx.store.update((s) => void (s.registrations[fx.regId]!.metadata.redirect_uris = ['https://app.example.org/cb']));
  await service.save(fx.regId, { clientId: CLIENT_ID });
  providerJwks = toJwks(publishedSet(fx.store.read().registrations[fx.regId]!.keys.map(parseKeyRecord), fx.clock.now()));
});
afterEach(async () => {
  await fx.cleanup();
});

describe('token endpoint probe', () => {
  it('accepted: the server authenticated the client and refused only the dummy code (invalid_grant)', async () => {
    const probe = await service.probe(fx.regId, { audience: server.url('/token') });
    expect(probe).toMatchObject({ verdict: 'accepted', status: 400, error: 'invalid_grant', tokenEndpoint: server.url('/token'), checks: [] });
    expect(probe.explanation).toMatch(/accepted/);
    expect(seen).toHaveLength(1);
    const request = seen[0]!;
    expect(request.method).toBe('POST');
    expect(request.contentType).toBe('application/x-www-form-urlencoded');
    expect([...request.form.keys()]).toEqual(['grant_type', 'code', 'redirect_uri', 'client_id', 'client_assertion_type', 'client_assertion']);
    expect(request.form.get('code')).toBe(PROBE_DUMMY_CODE);
    expect(request.form.get('redirect_uri')).toBe('https://app.example.org/cb');
    expect(request.form.get('client_id')).toBe(CLIENT_ID);
  });

  it('refused: a key the provider does not know gives invalid_client with what to check', async () => {
    // Rotate locally without waiting for the provider to fetch the new JWKS: it still knows only the old key.
    await fx.addKey(fx.regId, 'ES256', 'next');
    fx.store.update((s) => {
      const keys = s.registrations[fx.regId]!.keys;
      keys[0]!.state = 'retired';
      keys[0]!.retiredAt = '2020-01-01T00:00:00.000Z';
      keys[0]!.removeAfter = '2020-01-02T00:00:00.000Z';
      keys[1]!.state = 'active';
    });
    expect(providerJwks.keys).toHaveLength(1);
    const probe = await service.probe(fx.regId, { audience: server.url('/token') });
    expect(probe).toMatchObject({ verdict: 'refused', status: 401, error: 'invalid_client', errorDescription: 'JWT is not valid', checks: [...REFUSED_CHECKS] });
  });

  it('refused: an assertion for another audience is refused by the server', async () => {
    const signed = await service.assertion(fx.regId, { audience: 'https://other.example/token' });
    const probe = await probeTokenEndpoint(fetcher, { tokenEndpoint: server.url('/token'), source: 'typed', clientAssertion: signed.jwt, clientId: CLIENT_ID });
    expect(probe.verdict).toBe('refused');
  });

  it('inconclusive: unsupported grant, a redirect (not followed), an HTML error page, a 2xx', async () => {
    const jwt = (await service.assertion(fx.regId, { audience: server.url('/token') })).jwt;
    const at = (path: string) => probeTokenEndpoint(fetcher, { tokenEndpoint: server.url(path), source: 'typed', clientAssertion: jwt, clientId: CLIENT_ID });
    expect(await at('/cc-only')).toMatchObject({ verdict: 'inconclusive', error: 'unsupported_grant_type' });
    const before = server.requestCount;
    const moved = await at('/moved');
    expect(moved).toMatchObject({ verdict: 'inconclusive', status: 301, location: 'https://localhost:1/elsewhere' });
    expect(server.requestCount).toBe(before + 1);
    expect(await at('/html')).toMatchObject({ verdict: 'inconclusive', status: 200 });
    expect(await at('/ok')).toMatchObject({ verdict: 'inconclusive', status: 200 });
  });

  it('caps the response body, enforces its deadline, verifies TLS and refuses http', async () => {
    const base = { clientAssertion: 'a.b.c', clientId: CLIENT_ID, source: 'typed' as const };
    expect((await rejection(probeTokenEndpoint(fetcher, { ...base, tokenEndpoint: server.url('/huge') }))).code).toBe('NETWORK_TOO_LARGE');

    const timeout = await rejection(probeTokenEndpoint(fetcher, { ...base, tokenEndpoint: server.url('/hang'), timeoutMs: 500 }));
    expect(timeout.code).toBe('NETWORK_TIMEOUT');

    const bare = createFetcher();
    expect((await rejection(probeTokenEndpoint(bare, { ...base, tokenEndpoint: server.url('/token') }))).code).toBe('NETWORK_TLS');
    expect((await rejection(probeTokenEndpoint(fetcher, { ...base, tokenEndpoint: server.url('/token').replace('https:', 'http:') }))).code).toBe('NETWORK_URL_REFUSED');
    expect((await rejection(probeTokenEndpoint(fetcher, { ...base, tokenEndpoint: 'https://127.0.0.1:1/token' }))).code).toBe('NETWORK_CONNECT');
    const controller = new AbortController();
    const cancelled = probeTokenEndpoint(fetcher, { ...base, tokenEndpoint: server.url('/hang'), signal: controller.signal });
    controller.abort();
    expect((await rejection(cancelled)).code).toBe('CANCELLED');
    bare.close();
  });
});

describe('the probe goes through the fetcher port', () => {
  const base = { clientAssertion: 'a.b.c', clientId: CLIENT_ID };

  it('has its address policy: an untrusted (discovery-given) loopback endpoint is refused before connecting; link-local always', async () => {
    const before = server.connectionCount;
    const refused = await rejection(probeTokenEndpoint(fetcher, { ...base, source: 'untrusted', tokenEndpoint: server.url('/token') }));
    expect(refused.code).toBe('NETWORK_ADDRESS_REFUSED');
    expect(refused.message).toMatch(/Refused before connecting.*loopback/);
    expect(server.connectionCount).toBe(before);
    expect((await probeTokenEndpoint(fetcher, { ...base, source: 'untrusted', allowPrivateNetwork: true, tokenEndpoint: server.url('/cc-only') })).error).toBe('unsupported_grant_type');
    for (const tokenEndpoint of ['https://169.254.169.254/token', 'https://[fe80::1]/token']) {
      const error = await rejection(probeTokenEndpoint(fetcher, { ...base, source: 'typed', allowPrivateNetwork: true, tokenEndpoint }));
      expect(error.code).toBe('NETWORK_ADDRESS_REFUSED');
      expect(error.details?.reason).toBe('always-refused');
    }
  });

  it('the service probe: an audience from the registration is untrusted, a typed one is the user\'s; --ca is honoured', async () => {
    const bare = createFetcher();
    try {
      const withoutCa = fx.service({ fetcher: bare });
      expect((await rejection(withoutCa.probe(fx.regId, { audience: server.url('/token') }))).code).toBe('NETWORK_TLS');
      expect((await withoutCa.probe(fx.regId, { audience: server.url('/token'), caPem })).verdict).toBe('accepted');
    } finally {
      bare.close();
    }
    fx.store.update((s) => void (s.registrations[fx.regId]!.discovery = { url: server.url('/.well-known/openid-configuration'), fetchedAt: fx.clock.now().toISOString(), metadata: { issuer: server.origin, token_endpoint: server.url('/token'), jwks_uri: server.url('/jwks') }, issuerMatch: 'exact', warnings: [] }));
    const fromDocument = await rejection(service.probe(fx.regId));
    expect(fromDocument.code).toBe('NETWORK_ADDRESS_REFUSED');
    expect((await service.probe(fx.regId, { allowPrivateNetwork: true })).verdict).toBe('accepted');
  });

  it('warns of clock skew from the token endpoint\'s Date header, with how to fix it', async () => {
    const probe = await probeTokenEndpoint(fetcher, { ...base, source: 'typed', tokenEndpoint: server.url('/skewed') });
    expect(probe.verdict).toBe('accepted');
    expect(Math.abs(probe.clockSkew!.skewSeconds + 600)).toBeLessThanOrEqual(2);
    expect(probe.warnings).toHaveLength(1);
    expect(probe.warnings[0]).toMatch(/Clock skew: this computer's clock is 10 minutes behind the token endpoint's.*NTP/);
    const inSync = await probeTokenEndpoint(fetcher, { ...base, source: 'typed', tokenEndpoint: server.url('/cc-only') });
    expect(inSync.clockSkew?.exceeds).toBe(false);
    expect(inSync.warnings).toEqual([]);
  });
});

describe('judging answers', () => {
  it.each([
    [{ status: 400, body: '{"error":"invalid_grant"}' }, 'accepted'],
    [{ status: 400, body: '{"error":"unauthorized_client"}' }, 'accepted'],
    [{ status: 400, body: '{"error":"invalid_client"}' }, 'refused'],
    [{ status: 401, body: 'Unauthorized' }, 'refused'],
    [{ status: 403, body: '{"error":"public_key error","error_description":"The JWKS endpoint, for your client_assertion can\'t be reached"}' }, 'refused'],
    [{ status: 400, body: '{"error":"invalid_request"}' }, 'inconclusive'],
    [{ status: 500, body: '<html>' }, 'inconclusive'],
    [{ status: 302, body: '' }, 'inconclusive'],
  ] as const)('%j → %s', (answer, verdict) => {
    expect(judgeProbeAnswer({ contentType: undefined, location: undefined, ...answer }).verdict).toBe(verdict);
  });

  it('keeps server text short and printable', () => {
    const judged = judgeProbeAnswer({ status: 400, contentType: 'application/json', location: undefined, body: JSON.stringify({ error: 'invalid_client', error_description: `bad\u001b[31m${'x'.repeat(2000)}` }) });
    expect(judged.errorDescription!.length).toBeLessThanOrEqual(501);
    expect(judged.errorDescription).not.toContain('\u001b');
  });
});
