/** RFC 8252 classification of redirect URIs, and the robustness of the URI analysis. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseUri, classifyRedirectUri, isReverseDnsScheme, type RedirectUriKind } from '../../../core/registration';

const TABLE: Array<[string, RedirectUriKind, ('web' | 'native')?]> = [
  ['https://app.example.org/callback', 'https'],
  ['https://app.example.org/callback?x=1', 'https'],
  ['https://app.example.org/callback', 'claimed-https', 'native'],
  ['http://127.0.0.1:8080/callback', 'loopback-ip'],
  ['http://127.0.0.1/callback', 'loopback-ip'],
  ['http://[::1]:8080/callback', 'loopback-ip'],
  ['http://127.0.0.2:8080/callback', 'loopback-ip'],
  ['http://localhost:8080/callback', 'localhost'],
  ['HTTP://LOCALHOST/cb', 'localhost'],
  ['com.example.app:/oauth2redirect', 'private-use-reverse-dns'],
  ['com.example.app://oauth2redirect', 'private-use-reverse-dns'],
  ['uk.nhs.my-app:/cb', 'private-use-reverse-dns'],
  ['clientapp://connect/authresponse', 'private-use-other'],
  ['myapp:/cb', 'private-use-other'],
  ['wss://example.org/cb', 'private-use-other'],
  ['http://app.example.org/callback', 'http-non-loopback'],
  ['http://192.168.0.10/callback', 'http-non-loopback'],
  ['http://0.0.0.0:8080/callback', 'http-non-loopback'],
  ['javascript:alert(document.domain)', 'dangerous'],
  ['JavaScript:alert(1)', 'dangerous'],
  ['data:text/html;base64,PHNjcmlwdD4=', 'dangerous'],
  ['file:///etc/passwd', 'dangerous'],
  ['vbscript:msgbox(1)', 'dangerous'],
  ['blob:https://app.example.org/uuid', 'dangerous'],
  ['', 'invalid'],
  ['   ', 'invalid'],
  ['/callback', 'invalid'],
  ['//app.example.org/cb', 'invalid'],
  ['app.example.org/callback', 'invalid'],
  ['localhost:8080/callback', 'invalid'],
  ['example.org:443', 'invalid'],
  ['C:\\callback', 'invalid'],
  ['https://', 'invalid'],
  ['https://exa mple.org/', 'invalid'],
  [' https://app.example.org/callback', 'invalid'],
  ['https://app.example.org/callback\n', 'invalid'],
  ['https://app.example.org/\u0000', 'invalid'],
  ['https://app.example.org/\u202ecb', 'invalid'],
  ['https://[::1/', 'invalid'],
];

describe('classifyRedirectUri', () => {
  it.each(TABLE)('%s → %s', (uri, kind, applicationType) => {
    expect(classifyRedirectUri(uri, applicationType ? { applicationType } : {}).kind).toBe(kind);
  });

  it('reports the punycode host of an IDN and its Unicode form', () => {
    const result = classifyRedirectUri('https://bücher.example/cb');
    expect(result.kind).toBe('https');
    expect(result.host).toBe('xn--bcher-kva.example');
    expect(result.analysis.isIdn).toBe(true);
    expect(result.analysis.unicodeHost).toBe('bücher.example');
  });

  it('gives a reason for invalid URIs', () => {
    expect(classifyRedirectUri('localhost:3000/cb').reasons[0]).toMatch(/scheme/);
    expect(classifyRedirectUri('/cb').reasons[0]).toMatch(/absolute/);
  });

  it('recognises reverse-DNS schemes', () => {
    expect(isReverseDnsScheme('com.example.app')).toBe(true);
    expect(isReverseDnsScheme('myapp')).toBe(false);
    expect(isReverseDnsScheme('com..app')).toBe(false);
    expect(isReverseDnsScheme('1com.example')).toBe(false);
  });

  // A catastrophic backtracking regression would hit the test timeout; the time itself is a bench figure.
  it('handles very long strings', () => {
    for (const uri of [`https://a.org/${'a'.repeat(1_000_000)}`, 'h'.repeat(1_000_000), `https://${'a.'.repeat(200_000)}org/`]) {
      expect(() => classifyRedirectUri(uri)).not.toThrow();
    }
  });
});

describe('URI analysis properties', () => {
  const kinds = new Set<RedirectUriKind>(['https', 'claimed-https', 'loopback-ip', 'localhost', 'private-use-reverse-dns', 'private-use-other', 'http-non-loopback', 'dangerous', 'invalid']);
  const anyString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.webUrl({ withFragments: true, withQueryParameters: true }));

  it('classifies any string without throwing, into a known kind', () => {
    fc.assert(
      fc.property(anyString, fc.constantFrom<'web' | 'native' | undefined>('web', 'native', undefined), (uri, applicationType) => {
        const result = classifyRedirectUri(uri, applicationType ? { applicationType } : {});
        expect(kinds.has(result.kind)).toBe(true);
        if (result.kind === 'invalid' || result.kind === 'dangerous') expect(result.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('never calls a string with whitespace or control characters anything but invalid or dangerous', () => {
    const dirty = fc.tuple(fc.webUrl(), fc.constantFrom(' ', '\t', '\n', '\r', '\u0000', '\u007f', '\u00a0', '\u200b', '\u2028'), fc.nat()).map(([url, bad, at]) => {
      const i = at % (url.length + 1);
      return url.slice(0, i) + bad + url.slice(i);
    });
    fc.assert(
      fc.property(dirty, (uri) => {
        expect(['invalid', 'dangerous']).toContain(classifyRedirectUri(uri).kind);
      }),
    );
  });

  it('classifies every generated https web URL as https, detecting fragments and queries', () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ['https'], withFragments: true, withQueryParameters: true }), (url) => {
        const result = classifyRedirectUri(url);
        if (/^https:\/\/(?:[^/?#@]*@)?(?:127\.|\[::1\]|localhost)/i.test(url)) return;
        expect(result.kind).toBe('https');
        expect(result.analysis.hasFragment).toBe(url.includes('#'));
      }),
    );
  });

  it('analyseUri is total over full Unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const analysis = analyseUri(text);
        expect(analysis.raw).toBe(text);
        expect(typeof analysis.parsed).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});
