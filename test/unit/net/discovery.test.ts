import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasErrorCode, type AppError } from '../../../contract/errors';
import { compareIssuers, discoveryUrlFor, fetchDiscovery } from '../../../core/net/discovery';
import { createFetcher } from '../../../core/net/fetcher';
import type { Fetcher } from '../../../core/net/types';
import { json, redirect, route, startHttpsServer, status, text, type Handler, type TestServer } from '../../support/hostile-server';
import { getTestPki, LOCAL_HOSTS } from '../../support/test-pki';

const REALM = '/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare';
const WK = '/.well-known/openid-configuration';
let server: TestServer;
let fetcher: Fetcher;
const docs = new Map<string, Handler>();

function doc(issuer: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/access_token`,
    jwks_uri: `${issuer}/connect/jwk_uri`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256', 'RS512'],
    token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_post'],
    ...extra,
  };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  const pki = await getTestPki();
  const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
  server = await startHttpsServer({
    cert: leaf.chainPem,
    key: leaf.keyPem,
    handler: (req, res, ctx) => route(Object.fromEntries(docs))(req, res, ctx),
  });
  const origin = server.origin;
  docs.set(`${REALM}${WK}`, json(doc(`${origin}${REALM}`)));
  docs.set(`/upper${WK}`, json(doc(`${origin.replace('localhost', 'LOCALHOST')}/upper/`)));
  docs.set(`/other${WK}`, json(doc('https://elsewhere.example/issuer')));
  docs.set(`/cc-only${WK}`, json({ issuer: `${origin}/cc-only`, token_endpoint: `${origin}/t`, jwks_uri: `${origin}/j` }));
  docs.set(`/no-token${WK}`, json({ issuer: `${origin}/no-token`, jwks_uri: `${origin}/j` }));
  docs.set(`/http-jwks${WK}`, json(doc(`${origin}/http-jwks`, { jwks_uri: 'http://example.org/jwks' })));
  docs.set(`/bad-types${WK}`, json(doc(`${origin}/bad-types`, { scopes_supported: 'openid' })));
  docs.set(`/html${WK}`, text('<!doctype html><p>Sign in</p>', 'text/html'));
  docs.set(`/array${WK}`, json([doc(`${origin}/array`)]));
  docs.set(`/string${WK}`, json('hello'));
  docs.set(`/null${WK}`, json(null));
  docs.set(`/missing${WK}`, status(404));
  docs.set(`/moved${WK}`, redirect(`${REALM}${WK}`));
  docs.set(`/plain-type${WK}`, text(JSON.stringify(doc(`${origin}/plain-type`)), 'text/plain'));
  fetcher = createFetcher({ extraCaPem: [pki.caCertPem] });
});

afterAll(async () => {
  fetcher.close();
  await server.close();
});

describe('fetchDiscovery', () => {
  test('a good document from the issuer URL, with evidence and an exact issuer', async () => {
    const d = await fetchDiscovery(fetcher, `${server.origin}${REALM}`);
    expect(d.discoveryUrl).toBe(`${server.origin}${REALM}${WK}`);
    expect(d.metadata.token_endpoint).toBe(`${server.origin}${REALM}/access_token`);
    expect(d.metadata.id_token_signing_alg_values_supported).toEqual(['RS256', 'RS512']);
    expect(d.issuerCheck).toEqual({ expected: `${server.origin}${REALM}`, actual: `${server.origin}${REALM}`, match: 'exact' });
    expect(d.warnings).toEqual([]);
    expect(d.fetched).toMatchObject({ status: 200, contentType: 'application/json' });
    expect(d.fetched.tls?.chain.length).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  test('the well-known URL itself is accepted, as is a trailing slash on the issuer', async () => {
    const a = await fetchDiscovery(fetcher, `${server.origin}${REALM}${WK}`);
    const b = await fetchDiscovery(fetcher, `${server.origin}${REALM}/`);
    expect(a.discoveryUrl).toBe(b.discoveryUrl);
    expect(a.issuerCheck.match).toBe('exact');
    expect(b.issuerCheck.match).toBe('exact');
  });

  test('an issuer differing only by host case / trailing slash is accepted with a warning', async () => {
    const d = await fetchDiscovery(fetcher, `${server.origin}/upper`);
    expect(d.issuerCheck.match).toBe('equivalent');
    expect(d.warnings.map((w) => w.code)).toEqual(['issuer-equivalent']);
  });

  test('a different issuer is a warning, not a failure', async () => {
    const d = await fetchDiscovery(fetcher, `${server.origin}/other`);
    expect(d.issuerCheck.match).toBe('mismatch');
    expect(d.warnings.map((w) => w.code)).toEqual(['issuer-mismatch']);
  });

  test('a client-credentials-only server (no authorization_endpoint) passes', async () => {
    const d = await fetchDiscovery(fetcher, `${server.origin}/cc-only`);
    expect(d.metadata.authorization_endpoint).toBeUndefined();
    expect(d.metadata.jwks_uri).toBe(`${server.origin}/j`);
  });

  test('a JSON document served as text/plain passes with a warning', async () => {
    const d = await fetchDiscovery(fetcher, `${server.origin}/plain-type`);
    expect(d.warnings.map((w) => w.code)).toEqual(['content-type']);
  });

  test.each([
    ['/no-token', 'schema', 'token_endpoint'],
    ['/http-jwks', 'schema', 'jwks_uri'],
    ['/bad-types', 'schema', 'scopes_supported'],
  ])('%s → DISCOVERY_INVALID (%s: %s)', async (path, reason, field) => {
    const err = await failure(fetchDiscovery(fetcher, `${server.origin}${path}`));
    expect(hasErrorCode(err, 'DISCOVERY_INVALID')).toBe(true);
    expect(err.details).toMatchObject({ reason });
    expect((err.details!.issues as { path: string }[]).map((i) => i.path)).toContain(field);
    expect(err.message).toContain(field);
  });

  test.each([
    ['/html', 'not-json'],
    ['/array', 'not-object'],
    ['/string', 'not-object'],
    ['/null', 'not-object'],
    ['/missing', 'status'],
    ['/moved', 'status'],
  ])('%s → DISCOVERY_INVALID (%s)', async (path, reason) => {
    const err = await failure(fetchDiscovery(fetcher, `${server.origin}${path}`));
    expect(hasErrorCode(err, 'DISCOVERY_INVALID')).toBe(true);
    expect(err.details).toMatchObject({ reason });
  });

  test('a redirect is followed only when asked', async () => {
    const err = await failure(fetchDiscovery(fetcher, `${server.origin}/moved`));
    expect(err.details).toMatchObject({ status: 302, location: `${REALM}${WK}` });
    const d = await fetchDiscovery(fetcher, `${server.origin}/moved`, { followRedirects: true });
    expect(d.fetched.hops).toHaveLength(2);
    // The issuer still derives from the URL the user gave, so the move shows up as a mismatch.
    expect(d.issuerCheck.match).toBe('mismatch');
  });

  test('network failures stay typed as NETWORK_*', async () => {
    const err = await failure(fetchDiscovery(fetcher, 'http://localhost/x'));
    expect(hasErrorCode(err, 'NETWORK_URL_REFUSED')).toBe(true);
  });
});

describe('issuer rules (OIDC Discovery §4.3)', () => {
  const NHS_INT = 'https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk';

  test('the NHS CIS2 :443 issuer is equivalent to the port-less discovery URL', () => {
    const { discoveryUrl, expectedIssuer } = discoveryUrlFor(`${NHS_INT}${REALM}${WK}`);
    expect(discoveryUrl).toBe(`${NHS_INT}${REALM}${WK}`);
    expect(expectedIssuer).toBe(`${NHS_INT}${REALM}`);
    expect(compareIssuers(expectedIssuer, `${NHS_INT}:443${REALM}`)).toBe('equivalent');
  });

  test('an issuer typed with :443 keeps it, so the :443 document issuer is exact', () => {
    const fromIssuer = discoveryUrlFor(`${NHS_INT}:443${REALM}`);
    expect(fromIssuer.discoveryUrl).toBe(`${NHS_INT}${REALM}${WK}`);
    expect(fromIssuer.expectedIssuer).toBe(`${NHS_INT}:443${REALM}`);
    expect(compareIssuers(fromIssuer.expectedIssuer, `${NHS_INT}:443${REALM}`)).toBe('exact');
    const fromWellKnown = discoveryUrlFor(`${NHS_INT}:443${REALM}${WK}`);
    expect(fromWellKnown.expectedIssuer).toBe(`${NHS_INT}:443${REALM}`);
  });

  test.each([
    ['https://a.example/x', 'https://a.example/x', 'exact'],
    ['https://a.example/x', 'https://a.example:443/x', 'equivalent'],
    ['https://a.example/x', 'https://A.EXAMPLE/x/', 'equivalent'],
    ['https://a.example/x', 'https://a.example:8443/x', 'mismatch'],
    ['https://a.example/x', 'https://a.example/y', 'mismatch'],
    ['https://a.example/x', 'http://a.example/x', 'mismatch'],
    ['https://a.example/x', 'not a url', 'mismatch'],
  ])('%s vs %s → %s', (expected, actual, match) => {
    expect(compareIssuers(expected, actual)).toBe(match);
  });

  test('an issuer with a query is refused', () => {
    expect(() => discoveryUrlFor('https://a.example/x?y=1')).toThrow(expect.objectContaining({ code: 'DISCOVERY_INVALID' }));
  });
});
