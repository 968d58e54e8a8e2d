import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hasErrorCode, isAppError } from '../../../contract/errors';
import { isLoopbackHostname, parseTargetUrl } from '../../../core/net/url-policy';

function refusal(input: string, opts: { allowLoopbackHttp?: boolean } = {}): unknown {
  try {
    parseTargetUrl(input, opts);
  } catch (err) {
    expect(hasErrorCode(err, 'NETWORK_URL_REFUSED')).toBe(true);
    return (err as { details?: { reason?: unknown } }).details?.reason;
  }
  return 'accepted';
}

describe('parseTargetUrl', () => {
  test.each([
    ['https://example.org/.well-known/jwks.json', 'https://example.org/.well-known/jwks.json'],
    ['https://example.org', 'https://example.org/'],
    ['https://EXAMPLE.org:8443/a?b=c', 'https://example.org:8443/a?b=c'],
    ['https://127.0.0.1:9/x', 'https://127.0.0.1:9/x'],
    ['https://[::1]/x', 'https://[::1]/x'],
    // IDN hosts are shown in punycode, so look-alikes are visible.
    ['https://bücher.example/jwks', 'https://xn--bcher-kva.example/jwks'],
    ['https://аpple.com/', 'https://xn--pple-43d.com/'],
  ])('accepts %s as %s', (input, href) => {
    expect(parseTargetUrl(input).href).toBe(href);
  });

  test.each([
    ['', 'empty'],
    ['http://example.org/jwks', 'http-not-allowed'],
    ['http://127.0.0.1/jwks', 'http-not-allowed'],
    ['file:///etc/passwd', 'scheme-not-allowed'],
    ['data:application/json,{}', 'scheme-not-allowed'],
    ['javascript:alert(1)', 'scheme-not-allowed'],
    ['ftp://example.org/x', 'scheme-not-allowed'],
    ['//example.org/x', 'not-absolute'],
    ['example.org/x', 'not-absolute'],
    ['https:example.org', 'not-absolute'],
    ['https:/example.org', 'not-absolute'],
    ['https://user:pw@example.org/', 'userinfo'],
    ['https://user@example.org/', 'userinfo'],
    ['https://@example.org/', 'userinfo'],
    ['https://example.org/jwks#frag', 'fragment'],
    ['https://example.org/#', 'fragment'],
    [' https://example.org/', 'control-or-space'],
    ['https://example.org/ ', 'control-or-space'],
    ['https://exa\tmple.org/', 'control-or-space'],
    ['https://example.org/\n', 'control-or-space'],
    ['https:\\\\example.org\\x', 'backslash'],
    ['https:///path', 'missing-host'],
    ['https://exa mple.org', 'control-or-space'],
    ['https://exa%zzmple.org/', 'invalid-url'],
    ['https://[::1/', 'invalid-url'],
    [`https://example.org/${'a'.repeat(5000)}`, 'too-long'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(refusal(input)).toBe(reason);
  });

  test('http only for loopback and only with the flag', () => {
    expect(parseTargetUrl('http://127.0.0.1:8080/x', { allowLoopbackHttp: true }).href).toBe('http://127.0.0.1:8080/x');
    expect(parseTargetUrl('http://localhost:8080/x', { allowLoopbackHttp: true }).hostname).toBe('localhost');
    expect(parseTargetUrl('http://[::1]:8080/x', { allowLoopbackHttp: true }).hostname).toBe('[::1]');
    expect(refusal('http://example.org/x', { allowLoopbackHttp: true })).toBe('http-not-allowed');
    expect(refusal('http://10.0.0.1/x', { allowLoopbackHttp: true })).toBe('http-not-allowed');
    expect(refusal('http://localhost/x')).toBe('http-not-allowed');
  });

  test('the refusal carries a message and is an AppError with the url in details', () => {
    try {
      parseTargetUrl('file:///etc/passwd');
      expect.unreachable();
    } catch (err) {
      expect(isAppError(err)).toBe(true);
      expect((err as Error).message).toMatch(/scheme/);
      expect((err as { details: Record<string, unknown> }).details).toEqual({ reason: 'scheme-not-allowed', url: 'file:///etc/passwd' });
    }
  });

  test('isLoopbackHostname', () => {
    expect(isLoopbackHostname('localhost')).toBe(true);
    expect(isLoopbackHostname('api.localhost')).toBe(true);
    expect(isLoopbackHostname('127.1.2.3')).toBe(true);
    expect(isLoopbackHostname('[::1]')).toBe(true);
    expect(isLoopbackHostname('localhost.example.org')).toBe(false);
    expect(isLoopbackHostname('10.0.0.1')).toBe(false);
  });

  test('property: any string gives a URL or a typed NETWORK_URL_REFUSED, never anything else', () => {
    const urlish = fc.oneof(
      fc.string(),
      fc.webUrl({ withFragments: true, withQueryParameters: true, authoritySettings: { withUserInfo: true, withPort: true, withIPv6: true, withIPv4: true } }),
      fc.tuple(fc.constantFrom('https://', 'http://', 'HTTPS://', 'https:', 'file://', ''), fc.string({ unit: 'grapheme' })).map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(urlish, fc.boolean(), (input, allowLoopbackHttp) => {
        try {
          const url = parseTargetUrl(input, { allowLoopbackHttp });
          expect(url).toBeInstanceOf(URL);
          expect(['https:', 'http:']).toContain(url.protocol);
          expect(url.username + url.password + url.hash).toBe('');
          if (url.protocol === 'http:') expect(allowLoopbackHttp && isLoopbackHostname(url.hostname)).toBe(true);
        } catch (err) {
          expect(hasErrorCode(err, 'NETWORK_URL_REFUSED')).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
