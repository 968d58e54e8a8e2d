import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasErrorCode, type AppError } from '../../../contract/errors';
import { createFetcher } from '../../../core/net/fetcher';
import { layeredTrust } from '../../../core/net/trust-store';
import { APP_VERSION } from '../../../core/version';
import type { Fetcher, FetcherOptions } from '../../../core/net/types';
import {
  encoded,
  html,
  json,
  redirect,
  redirectChain,
  redirectLoop,
  perRequest,
  route,
  startHttpServer,
  startHttpsServer,
  status,
  text,
  type Handler,
  type TestServer,
} from '../../support/hostile-server';
import { getTestPki, LOCAL_HOSTS, type TestPki } from '../../support/test-pki';

let pki: TestPki;
let server: TestServer;
const cleanups: (() => unknown)[] = [];

const echo: Handler = (req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ url: req.url, headers: req.headers }));
};

async function https(handler: Handler): Promise<TestServer> {
  const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
  const s = await startHttpsServer({ cert: leaf.chainPem, key: leaf.keyPem, handler });
  cleanups.push(() => s.close());
  return s;
}

function fetcher(options: FetcherOptions = {}): Fetcher {
  const f = createFetcher({ extraCaPem: [pki.caCertPem], userAgent: 'oidc-onboard/9.9.9-test', ...options });
  cleanups.push(() => f.close());
  // These local servers stand for URLs the user typed (loopback is allowed then); the address policy has its own tests.
  return { ...f, fetch: (url, req) => f.fetch(url, { source: 'typed', ...req }) };
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
  pki = await getTestPki();
  server = await https(
    route({
      '/doc.json': json({ issuer: 'https://localhost' }, { 'x-multi': 'a' }),
      '/echo': echo,
      '/multi': (_req, res) => {
        res.setHeader('x-dup', ['one', 'two']);
        res.setHeader('content-type', 'text/plain');
        res.end('multi');
      },
      '/404': status(404, 'nope'),
      '/500': status(500),
      '/204': status(204),
      '/html': html(),
      '/plain': text('hello', 'text/plain'),
      '/moved': redirect('/doc.json', 302),
      '/moved-abs': redirect('/doc.json', 301),
      '/a': redirect('/b', 307),
      '/b': redirect('/doc.json', 308),
      '/loop-a': redirectLoop(),
      '/loop-b': redirectLoop(),
      '/hop/0': redirectChain(),
      '/hop/1': redirectChain(),
      '/hop/2': redirectChain(),
      '/hop/3': redirectChain(),
      '/hop/4': redirectChain(),
      '/to-file': redirect('file:///etc/passwd'),
      '/to-userinfo': redirect('https://user:pw@localhost/x'),
      '/to-frag': redirect('/doc.json#section'),
      '/gzip': encoded('{"enc":"gzip"}'.repeat(100), 'gzip'),
      '/deflate': encoded('{"enc":"deflate"}'.repeat(100), 'deflate'),
      '/deflate-raw': encoded('{"enc":"raw"}'.repeat(100), 'deflate-raw'),
      '/br': encoded('{"enc":"br"}'.repeat(100), 'br'),
      '/xgzip': encoded('{"enc":"x-gzip"}', 'gzip', 'x-gzip'),
      '/stacked': encoded('{}', 'gzip', 'gzip, br'),
      '/unknown-enc': encoded('{}', 'gzip', 'compress'),
      '/corrupt-gzip': (_req, res) => {
        res.writeHead(200, { 'content-encoding': 'gzip' });
        res.end(Buffer.from('this is not gzip at all'));
      },
      '/exact': (_req, res) => res.end(Buffer.alloc(1000, 0x61)),
    }),
  );
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('a 200 JSON response with evidence', () => {
  test('status, headers, body and TLS/remote/timing evidence', async () => {
    const f = fetcher();
    const r = await f.fetch(server.url('/doc.json'), { accept: 'application/json' });
    expect(r.status).toBe(200);
    expect(r.statusText).toBe('OK');
    expect(r.url).toBe(server.url('/doc.json'));
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['x-multi']).toBe('a');
    expect(r.rawHeaders).toContainEqual(['content-type', 'application/json']);
    expect(JSON.parse(r.text())).toEqual({ issuer: 'https://localhost' });
    expect(r.body).toBeInstanceOf(Uint8Array);
    expect(r.encodedBytes).toBe(r.body.byteLength);

    const tls = r.tls!;
    expect(tls.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(tls.authorized).toBe(true);
    expect(tls.cipher?.name).toBeTruthy();
    expect(tls.chain).toHaveLength(2);
    const [leaf, root] = tls.chain;
    expect(leaf!.subject).toBe('CN=localhost');
    expect(leaf!.issuer).toMatch(/OIDC Onboard Test Root CA/);
    expect(leaf!.subjectAltNames).toEqual(expect.arrayContaining(['DNS:localhost', 'IP Address:127.0.0.1']));
    expect(leaf!.daysLeft).toBeGreaterThanOrEqual(88);
    expect(leaf!.daysLeft).toBeLessThanOrEqual(90);
    expect(leaf!.validTo).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect(leaf!.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(leaf!.selfSigned).toBe(false);
    expect(root!.selfSigned).toBe(true);
    expect(tls.trustStore.sources).toEqual(expect.arrayContaining(['bundled', 'extra-file']));
    expect(tls.trustStore.description).toMatch(/Node bundled Mozilla roots \(\d+\).*extra CA file \(1 certificate\)/);
    // The first layer verified it; the fetcher's own description also names the OS store it would widen to.
    expect(tls.trustStore.sources).not.toContain('system');
    expect(f.trustStore.description.startsWith(tls.trustStore.description)).toBe(true);

    expect(r.remote.port).toBe(server.port);
    expect(r.remote.addresses.length).toBeGreaterThan(0);
    expect(r.remote.addresses.every((a) => a.kind === 'loopback')).toBe(true);
    expect(['127.0.0.1', '::1']).toContain(r.remote.address);
    expect(r.hops).toHaveLength(1);
    expect(r.hops[0]).toMatchObject({ url: r.url, status: 200, tlsProtocol: tls.protocol });
    for (const key of ['dnsMs', 'connectMs', 'tlsMs', 'ttfbMs', 'totalMs'] as const) {
      expect(r.timings[key]).toBeGreaterThanOrEqual(0);
    }
    expect(r.timings.reusedConnection).toBe(false);
    expect(r.timings.totalMs).toBeGreaterThanOrEqual(r.timings.ttfbMs);
  });

  test('serialises to JSON without the body, and round-trips', () => {
    return fetcher()
      .fetch(server.url('/doc.json'))
      .then((r) => {
        const plain = JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
        expect(plain).not.toHaveProperty('body');
        expect(plain).not.toHaveProperty('text');
        expect(plain).toMatchObject({ status: 200, url: r.url, tls: { protocol: r.tls!.protocol } });
      });
  });

  test('daysLeft follows the injected clock', async () => {
    const later = new Date(Date.now() + 30 * 86_400_000);
    const r = await fetcher({ now: () => later }).fetch(server.url('/doc.json'));
    expect(r.tls!.chain[0]!.daysLeft).toBeGreaterThanOrEqual(58);
    expect(r.tls!.chain[0]!.daysLeft).toBeLessThanOrEqual(60);
  });

  test('sends the fixed user-agent, accept, accept-encoding; no cookie or authorization', async () => {
    const r = await fetcher().fetch(server.url('/echo'), { accept: 'application/jwk-set+json', headers: { 'x-trace': '1' } });
    const { headers } = JSON.parse(r.text()) as { headers: Record<string, string> };
    expect(headers['user-agent']).toBe('oidc-onboard/9.9.9-test');
    expect(headers.accept).toBe('application/jwk-set+json');
    expect(headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(headers['x-trace']).toBe('1');
    expect(headers).not.toHaveProperty('cookie');
    expect(headers).not.toHaveProperty('authorization');
    // Without one given, the tool's own: oidc-onboard/<version>.
    const plain = createFetcher({ extraCaPem: [pki.caCertPem] });
    cleanups.push(() => plain.close());
    const echoed = JSON.parse((await plain.fetch(server.url('/echo'), { source: 'typed' })).text()) as { headers: Record<string, string> };
    expect(echoed.headers['user-agent']).toBe(`oidc-onboard/${APP_VERSION}`);
  });

  test.each(['Authorization', 'cookie', 'Proxy-Authorization', 'host', 'user-agent'])('refuses the caller header %s', async (name) => {
    const f = fetcher();
    const err = await failure(f.fetch(server.url('/echo'), { headers: { [name]: 'x' } }));
    expect(hasErrorCode(err, 'USAGE')).toBe(true);
    expect(server.requestCount).toBeGreaterThan(0); // sanity: the server is up
  });

  test('repeated headers are joined with ", " under a lower-case name', async () => {
    const r = await fetcher().fetch(server.url('/multi'));
    expect(r.headers['x-dup']).toBe('one, two');
    expect(r.rawHeaders.filter(([n]) => n.toLowerCase() === 'x-dup').map(([, v]) => v)).toEqual(['one', 'two']);
  });
});

describe('connection reuse', () => {
  test('sequential requests share one TCP connection', async () => {
    const s = await https(json({ ok: true }));
    const f = fetcher();
    const first = await f.fetch(s.url('/1'));
    const second = await f.fetch(s.url('/2'));
    const third = await f.fetch(s.url('/3'));
    expect(first.timings.reusedConnection).toBe(false);
    expect(second.timings.reusedConnection).toBe(true);
    expect(third.timings.reusedConnection).toBe(true);
    expect(second.timings.connectMs).toBe(0);
    expect(second.timings.tlsMs).toBe(0);
    // TLS evidence is still there on a reused connection.
    expect(second.tls!.chain).toHaveLength(2);
    expect(s.connectionCount).toBe(1);
    expect(s.requestCount).toBe(3);
  });

  test('concurrent requests share one connection when maxSocketsPerOrigin is 1', async () => {
    const s = await https(json({ ok: true }));
    const f = fetcher({ maxSocketsPerOrigin: 1 });
    const results = await Promise.all([1, 2, 3, 4].map((i) => f.fetch(s.url(`/${i}`))));
    expect(s.connectionCount).toBe(1);
    expect(results.filter((r) => r.timings.reusedConnection)).toHaveLength(3);
  });

  test('concurrent requests after a first one resume the TLS session and share one DNS lookup', async () => {
    const s = await https(json({ ok: true }));
    let lookups = 0;
    const f = fetcher({
      lookup: async () => {
        lookups += 1;
        await new Promise((r) => setTimeout(r, 20));
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    await f.fetch(s.url('/warm'));
    expect(lookups).toBe(1);
    const results = await Promise.all([1, 2, 3, 4].map((i) => f.fetch(s.url(`/${i}`))));
    expect(lookups).toBe(2); // one lookup for four concurrent fetches
    expect(s.connectionCount).toBeLessThanOrEqual(4);
    for (const r of results) {
      expect(r.timings.reusedConnection || r.tls!.sessionReused).toBe(true);
    }
  });
});

describe('progress and layered trust', () => {
  test('reports each phase in order, a reused connection skipping connect and TLS; a throwing listener changes nothing', async () => {
    const s = await https(json({ ok: true }));
    const f = fetcher();
    const fresh: string[] = [];
    await f.fetch(s.url('/1'), { onPhase: (p) => fresh.push(p) });
    expect(fresh).toEqual(['dns', 'connect', 'tls', 'headers', 'body']);
    const reused: string[] = [];
    await f.fetch(s.url('/2'), { onPhase: (p) => reused.push(p) });
    expect(reused).toEqual(['dns', 'headers', 'body']);
    const r = await f.fetch(s.url('/3'), {
      onPhase: () => {
        throw new Error('listener bug');
      },
    });
    expect(r.status).toBe(200);
  });

  test('a chain the first layer verifies never brings in the OS store; an unplaced root is tried once more with it, then fails naming it', async () => {
    const good = await https(json({ ok: true }));
    const f = fetcher();
    const ok = await f.fetch(good.url('/'));
    expect(ok.tls!.trustStore.sources).toEqual(['bundled', 'extra-file']);

    const self = await pki.selfSigned({ hosts: LOCAL_HOSTS });
    const selfServer = await startHttpsServer({ cert: self.certPem, key: self.keyPem, handler: json({}) });
    cleanups.push(() => selfServer.close());
    const widens = layeredTrust([pki.caCertPem]).widened() !== undefined;
    const err = await failure(f.fetch(selfServer.url('/')));
    expect(err).toMatchObject({ code: 'NETWORK_TLS', details: { tlsCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' } });
    expect((err.details?.trustStore as { sources: string[] }).sources).toEqual(widens ? ['bundled', 'system', 'extra-file'] : ['bundled', 'extra-file']);
    expect(selfServer.connectionCount).toBe(widens ? 2 : 1);
    expect(selfServer.requestCount).toBe(0);

    // Without the OS store there is no second try.
    const noSystem = fetcher({ useSystemCa: false });
    const before = selfServer.connectionCount;
    await failure(noSystem.fetch(selfServer.url('/')));
    expect(selfServer.connectionCount - before).toBe(1);
  });

  test("Node's advice to run Node.js with a trust flag is not in the error", async () => {
    const s = await https(json({ ok: true }));
    const bare = createFetcher({ useSystemCa: false });
    cleanups.push(() => bare.close());
    const err = await failure(bare.fetch(s.url('/'), { source: 'typed' }));
    expect(err).toMatchObject({ code: 'NETWORK_TLS', details: { tlsCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' } });
    expect(err.message).toMatch(/unable to verify the first certificate/);
    expect(`${err.message} ${JSON.stringify(err.details)}`).not.toMatch(/use-system-ca|running Node\.js/);
  });
});

describe('redirects', () => {
  test('are returned, not followed, by default', async () => {
    const r = await fetcher().fetch(server.url('/moved'));
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/doc.json');
    expect(r.hops).toEqual([expect.objectContaining({ status: 302, location: server.url('/doc.json') })]);
    expect(server.requestCount).toBeGreaterThan(0);
  });

  test('are followed hop by hop when asked, with every hop recorded', async () => {
    const r = await fetcher().fetch(server.url('/a'), { followRedirects: true });
    expect(r.status).toBe(200);
    expect(r.url).toBe(server.url('/doc.json'));
    expect(r.hops.map((h) => [h.status, h.url])).toEqual([
      [307, server.url('/a')],
      [308, server.url('/b')],
      [200, server.url('/doc.json')],
    ]);
    for (const hop of r.hops) expect(hop.remote.addresses.every((a) => a.kind === 'loopback')).toBe(true);
  });

  test('drop a fragment in Location (it never reaches the wire)', async () => {
    const r = await fetcher().fetch(server.url('/to-frag'), { followRedirects: true });
    expect(r.url).toBe(server.url('/doc.json'));
  });

  test('loop → NETWORK_REDIRECT with the hops', async () => {
    const err = await failure(fetcher().fetch(server.url('/loop-a'), { followRedirects: true, maxRedirects: 5 }));
    expect(hasErrorCode(err, 'NETWORK_REDIRECT')).toBe(true);
    expect(err.details).toMatchObject({ reason: 'loop', target: server.url('/loop-a') });
    expect((err.details!.hops as unknown[]).length).toBe(2);
  });

  test('too many → NETWORK_REDIRECT with the hops', async () => {
    const err = await failure(fetcher().fetch(server.url('/hop/0'), { followRedirects: true, maxRedirects: 3 }));
    expect(hasErrorCode(err, 'NETWORK_REDIRECT')).toBe(true);
    expect(err.details).toMatchObject({ reason: 'too-many', maxRedirects: 3 });
    expect((err.details!.hops as { url: string }[]).map((h) => h.url)).toEqual([0, 1, 2, 3].map((n) => server.url(`/hop/${n}`)));
  });

  test('https → http is refused even when loopback http is allowed', async () => {
    const plain = await startHttpServer({ handler: json({ ok: true }) });
    cleanups.push(() => plain.close());
    const s = await https(redirect(plain.url('/x')));
    const err = await failure(fetcher({ allowLoopbackHttp: true }).fetch(s.url('/'), { followRedirects: true }));
    expect(hasErrorCode(err, 'NETWORK_REDIRECT')).toBe(true);
    expect(err.details).toMatchObject({ reason: 'downgrade', target: plain.url('/x') });
    expect(plain.requestCount).toBe(0);

    const strict = await failure(fetcher().fetch(s.url('/'), { followRedirects: true }));
    expect(strict.details).toMatchObject({ reason: 'refused-target', urlReason: 'http-not-allowed' });
  });

  test.each([
    ['/to-file', 'scheme-not-allowed'],
    ['/to-userinfo', 'userinfo'],
  ])('redirect %s is re-validated and refused (%s)', async (path, urlReason) => {
    const err = await failure(fetcher().fetch(server.url(path), { followRedirects: true }));
    expect(hasErrorCode(err, 'NETWORK_REDIRECT')).toBe(true);
    expect(err.details).toMatchObject({ reason: 'refused-target', urlReason });
    expect((err.details!.hops as unknown[]).length).toBe(1);
  });
});

describe('statuses are results, the caller judges them', () => {
  test.each([
    ['/404', 404, 'nope'],
    ['/500', 500, 'status 500'],
    ['/204', 204, ''],
    ['/html', 200, '<!doctype html>'],
    ['/plain', 200, 'hello'],
  ])('%s → %i', async (path, code, start) => {
    const r = await fetcher().fetch(server.url(path));
    expect(r.status).toBe(code);
    expect(r.text().startsWith(start)).toBe(true);
  });
});

describe('content encodings', () => {
  test.each([
    ['/gzip', 'gzip', '{"enc":"gzip"}'],
    ['/deflate', 'deflate', '{"enc":"deflate"}'],
    ['/deflate-raw', 'deflate', '{"enc":"raw"}'],
    ['/br', 'br', '{"enc":"br"}'],
  ])('%s is decoded', async (path, encoding, unit) => {
    const r = await fetcher().fetch(server.url(path));
    expect(r.contentEncoding).toBe(encoding);
    expect(r.text()).toBe(unit.repeat(100));
    expect(r.encodedBytes).toBeLessThan(r.body.byteLength);
  });

  test('x-gzip is gzip', async () => {
    const r = await fetcher().fetch(server.url('/xgzip'));
    expect(r.text()).toBe('{"enc":"x-gzip"}');
  });

  test.each([
    ['/stacked', 'stacked-encoding'],
    ['/unknown-enc', 'unknown-encoding'],
    ['/corrupt-gzip', 'bad-encoding'],
  ])('%s → NETWORK_PROTOCOL (%s)', async (path, reason) => {
    const err = await failure(fetcher().fetch(server.url(path)));
    expect(hasErrorCode(err, 'NETWORK_PROTOCOL')).toBe(true);
    expect(err.details).toMatchObject({ phase: 'body', reason });
  });

  test('the decoded cap is inclusive: exactly maxBodyBytes passes, one less fails', async () => {
    const f = fetcher();
    expect((await f.fetch(server.url('/exact'), { maxBodyBytes: 1000 })).body.byteLength).toBe(1000);
    const err = await failure(f.fetch(server.url('/exact'), { maxBodyBytes: 999 }));
    expect(hasErrorCode(err, 'NETWORK_TOO_LARGE')).toBe(true);
  });
});

describe('loopback http', () => {
  test('works only with allowLoopbackHttp', async () => {
    const plain = await startHttpServer({ handler: json({ plain: true }) });
    cleanups.push(() => plain.close());
    const r = await fetcher({ allowLoopbackHttp: true }).fetch(plain.url('/x'));
    expect(r.status).toBe(200);
    expect(r.tls).toBeUndefined();
    expect(r.remote.addresses[0]!.kind).toBe('loopback');
    const err = await failure(fetcher().fetch(plain.url('/x')));
    expect(hasErrorCode(err, 'NETWORK_URL_REFUSED')).toBe(true);
  });

  test('http://localhost that resolves off-box is refused before connecting', async () => {
    const f = fetcher({ allowLoopbackHttp: true, lookup: async () => [{ address: '10.0.0.1', family: 4 }] });
    const err = await failure(f.fetch('http://localhost:9/x'));
    expect(hasErrorCode(err, 'NETWORK_URL_REFUSED')).toBe(true);
    expect(err.details).toMatchObject({ reason: 'http-not-allowed' });
  });
});

describe('policy, cancellation and misuse', () => {
  test('proxy environment variables are ignored', async () => {
    const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, https_proxy: process.env.https_proxy };
    process.env.HTTPS_PROXY = 'http://127.0.0.1:9';
    process.env.https_proxy = 'http://127.0.0.1:9';
    try {
      const r = await fetcher().fetch(server.url('/doc.json'));
      expect(r.status).toBe(200);
      expect(r.remote.port).toBe(server.port);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  test('replicas that disagree are seen as such (one fetch per request, nothing cached)', async () => {
    const s = await https(perRequest([json({ keys: ['a'] }), json({ keys: ['b'] })]));
    const f = fetcher();
    const bodies = await Promise.all([1, 2, 3, 4].map(() => f.fetch(s.url('/jwks')).then((r) => r.text())));
    expect(new Set(bodies)).toEqual(new Set(['{"keys":["a"]}', '{"keys":["b"]}']));
    expect(s.requestCount).toBe(4);
  });

  test('refused URLs never reach the network', async () => {
    const before = server.requestCount;
    const err = await failure(fetcher().fetch(server.url('/doc.json').replace('https:', 'http:')));
    expect(hasErrorCode(err, 'NETWORK_URL_REFUSED')).toBe(true);
    expect(server.requestCount).toBe(before);
  });

  test('an aborted signal → CANCELLED', async () => {
    const f = fetcher();
    const pre = await failure(f.fetch(server.url('/doc.json'), { signal: AbortSignal.abort() }));
    expect(hasErrorCode(pre, 'CANCELLED')).toBe(true);
    const controller = new AbortController();
    // Abort once the server holds the request, so the phase is known whatever the machine's load.
    const slow = await https((_req, res) => {
      setTimeout(() => controller.abort(), 20);
      setTimeout(() => res.end('{}'), 5_000);
    });
    // Cancelled in the headers phase: the 5-second answer was never waited for.
    const mid = await failure(f.fetch(slow.url('/'), { signal: controller.signal }));
    expect(hasErrorCode(mid, 'CANCELLED')).toBe(true);
    expect(mid.details).toMatchObject({ phase: 'headers' });
  });

  test('a bad extra CA → INPUT_UNREADABLE', () => {
    expect(() => createFetcher({ extraCaPem: ['not a pem'] })).toThrow(expect.objectContaining({ code: 'INPUT_UNREADABLE' }));
    expect(() =>
      createFetcher({ extraCaPem: ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'] }),
    ).toThrow(expect.objectContaining({ code: 'INPUT_UNREADABLE' }));
  });

  test('the trust store lists the sources in use', () => {
    const withoutExtra = createFetcher();
    expect(withoutExtra.trustStore.sources[0]).toBe('bundled');
    expect(withoutExtra.trustStore.sources).not.toContain('extra-file');
    const noSystem = createFetcher({ useSystemCa: false });
    expect(noSystem.trustStore.sources).toEqual(['bundled']);
  });

  test('a closed fetcher refuses to fetch', async () => {
    const f = createFetcher({ extraCaPem: [pki.caCertPem] });
    f.close();
    expect(hasErrorCode(await failure(f.fetch(server.url('/doc.json'))), 'USAGE')).toBe(true);
  });
});
