// Transport rules judged on constructed fetcher evidence: the directions that local
// loopback servers cannot produce (a public address; a redirect from public into private).
import { describe, expect, it } from 'vitest';
import type { FetchHop, FetchResult, ResolvedAddress } from '../../../core/net/types';
import { cachingCheck, checksFromResult, contentTypeCheck, redirectCheck, validityCheck } from '../../../core/jwks-check/transport-checks';
import { urlChecks } from '../../../core/jwks-check/url-checks';

function hop(url: string, status: number, addresses: ResolvedAddress[], location?: string): FetchHop {
  const a = addresses[0] as ResolvedAddress;
  return {
    url,
    status,
    statusText: '',
    ...(location !== undefined ? { location } : {}),
    remote: { address: a.address, family: a.family, port: 443, addresses },
    timings: { dnsMs: 1, connectMs: 1, tlsMs: 1, ttfbMs: 1, totalMs: 4, reusedConnection: false },
  };
}

const PUBLIC: ResolvedAddress = { address: '203.0.114.10', family: 4, kind: 'public' };
const PRIVATE: ResolvedAddress = { address: '10.1.2.3', family: 4, kind: 'private' };

describe('redirectCheck', () => {
  it('fails a redirect from a public host into a private network', () => {
    const check = redirectCheck([hop('https://keys.example/jwks', 302, [PUBLIC], 'https://internal.example/jwks'), hop('https://internal.example/jwks', 200, [PRIVATE])]);
    expect(check.status).toBe('fail');
    expect(check.message).toMatch(/10\.1\.2\.3 private/);
  });

  it('warns on a public-to-public redirect and passes no redirect', () => {
    expect(redirectCheck([hop('https://a.example/', 301, [PUBLIC], 'https://b.example/'), hop('https://b.example/', 200, [PUBLIC])]).status).toBe('warn');
    expect(redirectCheck([hop('https://a.example/', 200, [PUBLIC])]).status).toBe('pass');
  });
});

describe('header rules', () => {
  it.each([
    ['application/json', 'pass'],
    ['Application/JSON; charset=UTF-8', 'pass'],
    ['application/jwk-set+json', 'pass'],
    ['text/html; charset=utf-8', 'fail'],
    ['text/plain', 'warn'],
    ['application/jwk+json', 'warn'],
    [undefined, 'warn'],
  ])('Content-Type %s → %s', (header, status) => {
    expect(contentTypeCheck(header).status).toBe(status);
  });

  it('text/plain from raw.githubusercontent.com (where NHS hosts JWKS files) is a note, not a warning; elsewhere it warns', () => {
    const github = contentTypeCheck('text/plain; charset=utf-8', 'raw.githubusercontent.com');
    expect(github.status).toBe('pass');
    expect(github.message).toMatch(/\(info\)\.$/);
    expect(contentTypeCheck('text/plain; charset=utf-8', 'keys.example.org').status).toBe('warn');
    expect(contentTypeCheck('text/html', 'raw.githubusercontent.com').status).toBe('fail');
  });

  it.each([
    [{ 'cache-control': 'max-age=86400' }, 'pass'],
    [{ 'cache-control': 'max-age=86401' }, 'warn'],
    [{ 'cache-control': 'public, s-maxage=900000, max-age=60' }, 'warn'],
    [{ 'cache-control': 'no-store' }, 'pass'],
    [{ expires: 'Wed, 21 Oct 2099 07:28:00 GMT' }, 'pass'],
    [{}, 'pass'],
  ])('caching %j → %s', (headers, status) => {
    expect(cachingCheck(headers as Record<string, string>).status).toBe(status);
  });
});

describe('validityCheck', () => {
  const cert = (daysLeft: number) => ({ subject: 'CN=x', issuer: 'CN=ca', subjectAltNames: [], validFrom: '2026-01-01T00:00:00.000Z', validTo: '2027-01-01T00:00:00.000Z', daysLeft, serialNumber: '01', fingerprint256: 'AA', selfSigned: false });
  it('passes 30 days or more, warns below, fails when expired; the earliest certificate counts', () => {
    expect(validityCheck([cert(30)]).status).toBe('pass');
    expect(validityCheck([cert(29)]).status).toBe('warn');
    expect(validityCheck([cert(300), cert(-1)]).status).toBe('fail');
  });
});

describe('urlChecks', () => {
  it('reports every URL problem at once', () => {
    const by = Object.fromEntries(urlChecks('http://u:p@example.org/jwks#x').map((c) => [c.id, c.status]));
    expect(by).toEqual({ 'url.syntax': 'pass', 'url.https': 'fail', 'url.no-fragment': 'fail', 'url.no-userinfo': 'fail' });
  });

  it('passes a clean https URL and fails a non-URL', () => {
    expect(urlChecks('https://example.org/.well-known/jwks.json').every((c) => c.status === 'pass')).toBe(true);
    expect(urlChecks('not a url').find((c) => c.id === 'url.syntax')?.status).toBe('fail');
    expect(urlChecks('ftp://example.org/jwks').find((c) => c.id === 'url.https')?.status).toBe('fail');
  });
});

describe('checksFromResult', () => {
  it('passes dns.public when every address is public, and skips TLS checks without TLS', () => {
    const h = hop('https://keys.example/jwks', 200, [PUBLIC]);
    const result = { url: h.url, status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, rawHeaders: [], hops: [h], remote: h.remote, timings: h.timings, encodedBytes: 11, body: new TextEncoder().encode('{"keys":[]}'), text: () => '{"keys":[]}', receivedAt: '2026-01-01T00:00:00.000Z' } as FetchResult;
    const checks = checksFromResult(result, { timeoutMs: 1000, maxBodyBytes: 1000, trustStore: { sources: ['bundled'], description: 'test roots' } });
    const by = Object.fromEntries(checks.map((c) => [c.id, c.status]));
    expect(by['dns.public']).toBe('pass');
    expect(by['tls.chain']).toBe('skip');
    expect(by['http.status']).toBe('pass');
  });
});
