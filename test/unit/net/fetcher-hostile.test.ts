import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasErrorCode, type AppError } from '../../../contract/errors';
import { createFetcher } from '../../../core/net/fetcher';
import type { CertificateInfo, Fetcher, FetcherOptions } from '../../../core/net/types';
import {
  drip,
  gzipBomb,
  hugeBody,
  json,
  neverAnswer,
  slowHeaders,
  startBlackholeServer,
  startHttpsServer,
  type Handler,
  type TestServer,
} from '../../support/hostile-server';
import { getTestPki, LOCAL_HOSTS, type IssuedCert, type TestPki } from '../../support/test-pki';

const MiB = 1024 * 1024;
let pki: TestPki;
const cleanups: (() => unknown)[] = [];

async function serve(cert: IssuedCert, handler: Handler = json({ ok: true })): Promise<TestServer> {
  const s = await startHttpsServer({ cert: cert.chainPem, key: cert.keyPem, handler });
  cleanups.push(() => s.close());
  return s;
}

async function good(handler: Handler): Promise<TestServer> {
  return serve(await pki.issueLeaf({ hosts: LOCAL_HOSTS }), handler);
}

function fetcher(options: FetcherOptions = {}): Fetcher {
  const f = createFetcher({ extraCaPem: [pki.caCertPem], ...options });
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

/** Runs `work` while sampling memory; returns the peak growth of rss and arrayBuffers. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ rss: number; arrayBuffers: number; outcome: T }> {
  globalThis.gc?.();
  const base = process.memoryUsage();
  let rss = 0;
  let arrayBuffers = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss - base.rss);
    arrayBuffers = Math.max(arrayBuffers, m.arrayBuffers - base.arrayBuffers);
  };
  const timer = setInterval(sample, 5);
  try {
    const outcome = await work();
    sample();
    return { rss, arrayBuffers, outcome };
  } finally {
    clearInterval(timer);
  }
}

beforeAll(async () => {
  pki = await getTestPki();
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('size caps', () => {
  test('a 200 MiB body stops at the 1 MiB cap with bounded memory', async () => {
    const s = await good(hugeBody(200 * MiB));
    const f = fetcher();
    const { rss, arrayBuffers, outcome } = await peakGrowth(() => failure(f.fetch(s.url('/'), { maxBodyBytes: MiB })));
    expect(hasErrorCode(outcome, 'NETWORK_TOO_LARGE')).toBe(true);
    expect(outcome.details).toMatchObject({ phase: 'body', maxBodyBytes: MiB });
    expect(rss).toBeLessThan(64 * MiB);
    expect(arrayBuffers).toBeLessThan(64 * MiB);
  });

  test('a gzip bomb inflating to 1 GiB stops at the 1 MiB decoded cap with bounded memory', async () => {
    const s = await good(gzipBomb(1024 * MiB));
    const f = fetcher();
    const { rss, arrayBuffers, outcome } = await peakGrowth(() => failure(f.fetch(s.url('/'), { maxBodyBytes: MiB })));
    expect(hasErrorCode(outcome, 'NETWORK_TOO_LARGE')).toBe(true);
    expect(outcome.details).toMatchObject({ counted: 'decoded' });
    expect(rss).toBeLessThan(64 * MiB);
    expect(arrayBuffers).toBeLessThan(64 * MiB);
  });

  test('the default cap is 1 MiB', async () => {
    const s = await good(hugeBody(2 * MiB));
    const err = await failure(fetcher().fetch(s.url('/')));
    expect(err.details).toMatchObject({ maxBodyBytes: MiB });
  });
});

// Which deadline fired (phase, deadline, timeoutMs) is asserted; how close to it is a figure for `npm run bench`.
describe('deadlines', () => {
  test('a body dripping 1 byte / 100 ms fails at the total deadline', async () => {
    const s = await good(drip(1, 100));
    const err = await failure(fetcher().fetch(s.url('/'), { timeoutMs: 1_500 }));
    expect(hasErrorCode(err, 'NETWORK_TIMEOUT')).toBe(true);
    expect(err.details).toMatchObject({ phase: 'body', deadline: 'total', timeoutMs: 1_500 });
  });

  test('a server that never answers fails at the total deadline (headers phase)', async () => {
    const s = await good(neverAnswer);
    const err = await failure(fetcher().fetch(s.url('/'), { timeoutMs: 1_000 }));
    expect(hasErrorCode(err, 'NETWORK_TIMEOUT')).toBe(true);
    expect(err.details).toMatchObject({ phase: 'headers', deadline: 'total' });
  });

  test('slow headers fail at the headers deadline', async () => {
    const s = await good(slowHeaders(5_000));
    const err = await failure(fetcher().fetch(s.url('/'), { headersTimeoutMs: 500 }));
    expect(err.details).toMatchObject({ phase: 'headers', deadline: 'headers', timeoutMs: 500 });
  });

  test('a TCP peer that never completes the TLS handshake fails at the connect deadline', async () => {
    const s = await startBlackholeServer();
    cleanups.push(() => s.close());
    const err = await failure(fetcher().fetch(`https://127.0.0.1:${s.port}/`, { connectTimeoutMs: 500 }));
    expect(hasErrorCode(err, 'NETWORK_TIMEOUT')).toBe(true);
    expect(err.details).toMatchObject({ phase: 'tls', deadline: 'connect', timeoutMs: 500 });
  });

  test('a DNS lookup that hangs fails at the total deadline (dns phase)', async () => {
    const f = fetcher({ lookup: () => new Promise(() => undefined) });
    const err = await failure(f.fetch('https://hangs.example/', { timeoutMs: 300 }));
    expect(hasErrorCode(err, 'NETWORK_TIMEOUT')).toBe(true);
    expect(err.details).toMatchObject({ phase: 'dns' });
  });
});

describe('TLS failures are typed, with certificate evidence', () => {
  async function tlsFailure(cert: IssuedCert, options?: FetcherOptions, host = 'localhost'): Promise<AppError> {
    const s = await serve(cert);
    const err = await failure(fetcher(options).fetch(`https://${host}:${s.port}/`));
    expect(hasErrorCode(err, 'NETWORK_TLS')).toBe(true);
    expect(err.details).toMatchObject({ phase: 'tls', host });
    expect(s.requestCount).toBe(0);
    return err;
  }
  const chainOf = (err: AppError): CertificateInfo[] => err.details!.chain as CertificateInfo[];

  test('expired → CERT_HAS_EXPIRED, with the expired leaf', async () => {
    const err = await tlsFailure(await pki.expiredLeaf());
    expect(err.details!.tlsCode).toBe('CERT_HAS_EXPIRED');
    expect(chainOf(err)[0]!.daysLeft).toBeLessThan(0);
    expect(chainOf(err)[0]!.subject).toBe('CN=localhost');
  });

  test('not yet valid → CERT_NOT_YET_VALID', async () => {
    const err = await tlsFailure(await pki.notYetValidLeaf());
    expect(err.details!.tlsCode).toBe('CERT_NOT_YET_VALID');
    expect(new Date(chainOf(err)[0]!.validFrom).getTime()).toBeGreaterThan(Date.now());
  });

  test('wrong host → ERR_TLS_CERT_ALTNAME_INVALID, carrying the leaf', async () => {
    const err = await tlsFailure(await pki.wrongHostLeaf());
    expect(err.details!.tlsCode).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(chainOf(err)[0]!.subjectAltNames).toEqual(['DNS:wrong-host.example']);
    expect(err.message).toMatch(/wrong-host\.example/);
  });

  test('self-signed → DEPTH_ZERO_SELF_SIGNED_CERT', async () => {
    const err = await tlsFailure(await pki.selfSigned({ hosts: LOCAL_HOSTS }));
    expect(err.details!.tlsCode).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(chainOf(err)[0]!.selfSigned).toBe(true);
  });

  test('unknown CA (no extra CA) → UNABLE_TO_VERIFY_LEAF_SIGNATURE', async () => {
    const err = await tlsFailure(await pki.issueLeaf({ hosts: LOCAL_HOSTS }), { extraCaPem: [] });
    expect(err.details!.tlsCode).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(chainOf(err)[0]!.issuer).toMatch(/Test Root CA/);
  });

  test('missing intermediate → UNABLE_TO_VERIFY_LEAF_SIGNATURE; with it the chain has three certificates', async () => {
    const leaf = await pki.issueIntermediateLeaf({ hosts: LOCAL_HOSTS });
    const err = await tlsFailure({ ...leaf, chainPem: leaf.leafOnlyPem });
    expect(err.details!.tlsCode).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');

    const s = await serve(leaf);
    const r = await fetcher().fetch(s.url('/'));
    expect(r.tls!.chain.map((c) => c.subject)).toEqual([
      'CN=localhost',
      expect.stringMatching(/Intermediate/),
      expect.stringMatching(/Root/),
    ]);
  });

  test('an RSA leaf works too', async () => {
    const s = await serve(await pki.issueLeaf({ hosts: LOCAL_HOSTS, keyType: 'rsa2048' }));
    const r = await fetcher().fetch(s.url('/'));
    expect(r.status).toBe(200);
  });

  test('TLS errors serialise to JSON (they cross IPC)', async () => {
    const err = await tlsFailure(await pki.expiredLeaf());
    const payload = JSON.parse(JSON.stringify(err.toPayload())) as { details: { chain: unknown[] } };
    expect(payload.details.chain.length).toBeGreaterThan(0);
  });
});

describe('connect and DNS failures', () => {
  test('connection refused → NETWORK_CONNECT', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const err = await failure(fetcher().fetch(`https://127.0.0.1:${port}/`));
    expect(hasErrorCode(err, 'NETWORK_CONNECT')).toBe(true);
    expect(err.details).toMatchObject({ code: 'ECONNREFUSED', phase: 'connect' });
  });

  test('nonexistent.invalid → NETWORK_DNS (or a typed timeout on a machine without a resolver)', async () => {
    const err = await failure(fetcher().fetch('https://nonexistent.invalid/', { timeoutMs: 8_000 }));
    expect(['NETWORK_DNS', 'NETWORK_TIMEOUT']).toContain(err.code);
    expect(err.details).toMatchObject({ phase: 'dns' });
  });

  test('a resolver error maps to NETWORK_DNS', async () => {
    const f = fetcher({
      lookup: () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND x.example'), { code: 'ENOTFOUND' })),
    });
    const err = await failure(f.fetch('https://x.example/'));
    expect(hasErrorCode(err, 'NETWORK_DNS')).toBe(true);
    expect(err.details).toMatchObject({ code: 'ENOTFOUND', host: 'x.example' });
  });

  test('a resolver returning garbage maps to NETWORK_DNS', async () => {
    const f = fetcher({ lookup: async () => [{ address: 'not-an-ip', family: 4 }] });
    const err = await failure(f.fetch('https://x.example/'));
    expect(hasErrorCode(err, 'NETWORK_DNS')).toBe(true);
  });

  test('we connect to the address our resolver returned (no second lookup by Node)', async () => {
    // jwks.test does not resolve anywhere (RFC 6761); only our lookup knows it.
    const s = await serve(await pki.issueLeaf({ hosts: ['jwks.test'] }));
    const f = fetcher({ lookup: async () => [{ address: '127.0.0.1', family: 4 }] });
    const r = await f.fetch(`https://jwks.test:${s.port}/`);
    expect(r.status).toBe(200);
    expect(r.remote.address).toBe('127.0.0.1');
    expect(r.remote.addresses).toEqual([{ address: '127.0.0.1', family: 4, kind: 'loopback' }]);
    expect(r.tls!.chain[0]!.subjectAltNames).toEqual(['DNS:jwks.test']);
  });
});
