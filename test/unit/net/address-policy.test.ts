// The one network policy (core/net/address-policy.ts), judged on its own and as the fetcher
// applies it: every spelling of loopback is loopback, link-local is always refused, private
// and loopback addresses are refused for untrusted URLs unless allowed — before any
// connection (the local server counts the connections it accepted).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isAppError, type AppError } from '../../../contract/errors';
import { classifyAddress, type AddressKind } from '../../../core/net/address';
import { policyAfterRedirect, refusedAddress, type AddressPolicy } from '../../../core/net/address-policy';
import { createFetcher } from '../../../core/net/fetcher';
import type { Fetcher, FetcherOptions, FetchRequest } from '../../../core/net/types';
import { parseTargetUrl } from '../../../core/net/url-policy';
import { json, redirect, route, startHttpsServer, type TestServer } from '../../support/hostile-server';
import { getTestPki, LOCAL_HOSTS } from '../../support/test-pki';

/** The kind of the host a URL names, as the fetcher sees it (after the WHATWG parser). */
function hostKind(url: string): AddressKind {
  return classifyAddress(parseTargetUrl(url).hostname);
}

const byte = fc.integer({ min: 0, max: 255 });
/** 127.x.y.z as the four numbers. */
const loopbackV4 = fc.tuple(byte, byte, byte).map(([b, c, d]) => [127, b, c, d] as const);

/** The ways an IPv4 address can be written in a URL host, all of which mean the same address. */
const V4_SPELLINGS: Record<string, (o: readonly [number, number, number, number]) => string> = {
  dotted: (o) => o.join('.'),
  decimal: (o) => String(((o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]) >>> 0),
  hex: (o) => `0x${(((o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]) >>> 0).toString(16)}`,
  'dotted hex': (o) => o.map((n) => `0x${n.toString(16)}`).join('.'),
  'dotted octal': (o) => o.map((n) => `0${n.toString(8)}`).join('.'),
  'two parts (127.1)': (o) => `${o[0]}.${(o[1] << 16) | (o[2] << 8) | o[3]}`,
  'three parts': (o) => `${o[0]}.${o[1]}.${(o[2] << 8) | o[3]}`,
  'IPv4-mapped': (o) => `[::ffff:${o.join('.')}]`,
  'IPv4-mapped hex': (o) => `[::ffff:${((o[0] << 8) | o[1]).toString(16)}:${((o[2] << 8) | o[3]).toString(16)}]`,
  'IPv4-mapped, full form': (o) => `[0:0:0:0:0:ffff:${o.join('.')}]`,
  'trailing dot': (o) => `${o.join('.')}.`,
};

describe('every spelling of loopback is loopback', () => {
  test.each(['0x7f000001', '2130706433', '127.1', '127.0.1', '0177.0.0.1', '0x7f.1', '[::ffff:127.0.0.1]', '[::1]', '[0:0:0:0:0:0:0:1]', '[0000::0001]', '[::0:1]', '127.0.0.1.'])('%s', (host) => {
    expect(hostKind(`https://${host}/jwks.json`)).toBe('loopback');
  });

  test('property: any 127.0.0.0/8 address, in any IPv4 or IPv4-mapped spelling, classifies as loopback', () => {
    fc.assert(
      fc.property(loopbackV4, fc.constantFrom(...Object.keys(V4_SPELLINGS)), (octets, spelling) => {
        const host = V4_SPELLINGS[spelling]!(octets);
        expect(hostKind(`https://${host}:8443/x`)).toBe('loopback');
      }),
      { numRuns: 500 },
    );
  });

  test('property: the same spellings of a link-local or private address keep their kind (no spelling launders an address)', () => {
    const linkLocal = fc.tuple(byte, byte).map(([c, d]) => [169, 254, c, d] as const);
    const tenNet = fc.tuple(byte, byte, byte).map(([b, c, d]) => [10, b, c, d] as const);
    fc.assert(
      fc.property(fc.oneof(linkLocal.map((o) => ['link-local', o] as const), tenNet.map((o) => ['private', o] as const)), fc.constantFrom(...Object.keys(V4_SPELLINGS)), ([kind, octets], spelling) => {
        expect(hostKind(`https://${V4_SPELLINGS[spelling]!(octets)}/x`)).toBe(kind);
      }),
      { numRuns: 300 },
    );
  });
});

describe('refusedAddress', () => {
  const typed: AddressPolicy = { source: 'typed', allowPrivateNetwork: false };
  const untrusted: AddressPolicy = { source: 'untrusted', allowPrivateNetwork: false };
  const allowed: AddressPolicy = { source: 'untrusted', allowPrivateNetwork: true };
  const at = (address: string) => [{ address, kind: classifyAddress(address) }];

  test.each(['169.254.169.254', 'fe80::1', '0.0.0.0', '::', '224.0.0.1'])('%s is refused whatever the source or consent', (address) => {
    for (const policy of [typed, untrusted, allowed]) expect(refusedAddress(at(address), policy)?.reason).toBe('always-refused');
  });

  test.each(['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '100.64.0.1', 'fd00::1', 'fc00::1'])('%s: refused when untrusted, allowed when typed or explicitly allowed', (address) => {
    expect(refusedAddress(at(address), untrusted)).toMatchObject({ reason: 'not-public', address });
    expect(refusedAddress(at(address), typed)).toBeUndefined();
    expect(refusedAddress(at(address), allowed)).toBeUndefined();
  });

  test('a public address passes; one non-public address among public ones refuses the host', () => {
    expect(refusedAddress(at('8.8.8.8'), untrusted)).toBeUndefined();
    const mixed = [...at('8.8.8.8'), ...at('10.0.0.1')];
    expect(refusedAddress(mixed, untrusted)).toMatchObject({ address: '10.0.0.1' });
  });

  test('a redirect from a public address is untrusted; from a non-public address the user typed it stays typed', () => {
    const publicHop = [{ kind: 'public' as const }];
    const localHop = [{ kind: 'loopback' as const }];
    expect(policyAfterRedirect(typed, publicHop)).toEqual(untrusted);
    expect(policyAfterRedirect(typed, localHop)).toEqual(typed);
    expect(policyAfterRedirect(untrusted, localHop)).toEqual(untrusted);
    expect(policyAfterRedirect(allowed, publicHop)).toEqual(allowed);
    // The redirect target is then judged by that policy: a public host steering into 10/8 is refused.
    expect(refusedAddress(at('10.0.0.1'), policyAfterRedirect(typed, publicHop))?.reason).toBe('not-public');
  });
});

describe('the fetcher applies the policy before connecting', () => {
  let server: TestServer;
  let caPem: string;
  const fetchers: Fetcher[] = [];
  const make = (options: FetcherOptions = {}): Fetcher => {
    const f = createFetcher({ extraCaPem: [caPem], ...options });
    fetchers.push(f);
    return f;
  };
  async function refusal(fetcher: Fetcher, url: string, req: FetchRequest): Promise<AppError> {
    try {
      await fetcher.fetch(url, { timeoutMs: 3000, ...req });
    } catch (error) {
      if (isAppError(error)) return error;
      throw error;
    }
    throw new Error(`expected ${url} to be refused`);
  }

  beforeAll(async () => {
    const pki = await getTestPki();
    caPem = pki.caCertPem;
    const leaf = await pki.issueLeaf({ hosts: [...LOCAL_HOSTS, 'internal.example'] });
    server = await startHttpsServer({
      cert: leaf.chainPem,
      key: leaf.keyPem,
      handler: route({ '/jwks.json': json({ keys: [] }), '/to-metadata': redirect('https://169.254.169.254/latest/meta-data/', 302) }),
    });
  });
  afterAll(async () => {
    for (const f of fetchers) f.close();
    await server.close();
  });

  test('untrusted: loopback in every spelling (and a name resolving there) is refused with no connection; typed or allowed, it is fetched', async () => {
    const fetcher = make({ lookup: async (host) => (host === 'internal.example' ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }]) });
    const port = server.port;
    const before = server.connectionCount;
    for (const host of ['127.0.0.1', '0x7f000001', '2130706433', '127.1', '[::ffff:127.0.0.1]', '[::1]', 'localhost', 'internal.example']) {
      const error = await refusal(fetcher, `https://${host}:${port}/jwks.json`, { source: 'untrusted', sourceLabel: 'the package being verified' });
      expect(error.code, host).toBe('NETWORK_ADDRESS_REFUSED');
      expect(error.details).toMatchObject({ reason: 'not-public', kind: 'loopback', source: 'untrusted' });
      expect(error.message).toMatch(/Refused before connecting: .*loopback.*the package being verified.*--allow-private-network/s);
    }
    expect(server.connectionCount).toBe(before);

    expect((await fetcher.fetch(`https://127.0.0.1:${port}/jwks.json`, { source: 'typed' })).status).toBe(200);
    expect((await fetcher.fetch(`https://internal.example:${port}/jwks.json`, { source: 'untrusted', allowPrivateNetwork: true })).status).toBe(200);
    expect(server.connectionCount).toBeGreaterThan(before);
  });

  test('the default source is untrusted', async () => {
    expect((await refusal(make(), server.url('/jwks.json'), {})).code).toBe('NETWORK_ADDRESS_REFUSED');
  });

  test('link-local and unspecified addresses are refused even when typed and with private networks allowed — refused, not timed out', async () => {
    const fetcher = make({ lookup: async () => [{ address: '169.254.169.254', family: 4 }] });
    for (const url of ['https://169.254.169.254/latest/meta-data/', 'https://[fe80::1]/x', 'https://0.0.0.0/x', 'https://[::]/x', 'https://metadata.example/computeMetadata/v1/']) {
      for (const req of [{ source: 'typed' as const }, { source: 'untrusted' as const, allowPrivateNetwork: true }]) {
        const error = await refusal(fetcher, url, req);
        expect(error.code, url).toBe('NETWORK_ADDRESS_REFUSED');
        expect(error.details?.reason).toBe('always-refused');
        expect(error.message).toMatch(/never fetched/);
      }
    }
  });

  test('a redirect into link-local space is refused before following it (hops attached)', async () => {
    const error = await refusal(make(), server.url('/to-metadata'), { source: 'typed', followRedirects: true });
    expect(error.code).toBe('NETWORK_ADDRESS_REFUSED');
    expect(error.details).toMatchObject({ reason: 'always-refused', address: '169.254.169.254' });
    expect((error.details?.hops as unknown[]).length).toBe(1);
  });
});
