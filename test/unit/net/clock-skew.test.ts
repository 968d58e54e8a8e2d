// Clock skew from the provider's Date header: measured on what the fetcher received, a warning
// above 30 s with how to fix it, and discovery reporting it for a provider 10 minutes off.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { measureClockSkew } from '../../../core/net/clock-skew';
import { fetchDiscovery } from '../../../core/net/discovery';
import { createFetcher } from '../../../core/net/fetcher';
import type { Fetcher } from '../../../core/net/types';
import { startHttpsServer, type TestServer } from '../../support/hostile-server';
import { getTestPki, LOCAL_HOSTS } from '../../support/test-pki';

const LOCAL = '2026-12-01T10:00:00.000Z';
const at = (offsetSeconds: number) => new Date(Date.parse(LOCAL) + offsetSeconds * 1000).toISOString();

describe('measureClockSkew', () => {
  test.each([
    [0, false],
    [30, false],
    [-30, false],
    [31, true],
    [-31, true],
    [600, true],
  ])('server %i s off → exceeds %s', (offset, exceeds) => {
    const skew = measureClockSkew({ serverDate: at(offset), receivedAt: LOCAL, headers: {} });
    expect(skew).toMatchObject({ skewSeconds: 0 - offset || 0, exceeds });
    expect(skew?.warning !== undefined).toBe(exceeds);
  });

  test('the warning says which way, by how much, and how to fix it (NTP)', () => {
    expect(measureClockSkew({ serverDate: at(-600), receivedAt: LOCAL, headers: {} }, 'the provider')?.warning).toMatch(
      /this computer's clock is 10 minutes ahead of the provider's .*Providers allow only seconds of skew .*NTP.*timedatectl set-ntp true/s,
    );
    expect(measureClockSkew({ serverDate: at(7200), receivedAt: LOCAL, headers: {} })?.warning).toMatch(/2 hours behind/);
  });

  test('no Date header, or an answer from a cache (Age), is not measured', () => {
    expect(measureClockSkew({ receivedAt: LOCAL, headers: {} })).toBeUndefined();
    expect(measureClockSkew({ serverDate: at(600), receivedAt: LOCAL, headers: { age: '120' } })).toBeUndefined();
  });
});

describe('discovery compares the provider\'s Date with the local clock', () => {
  let server: TestServer;
  let fetcher: Fetcher;
  let offsetMs = 0;

  beforeAll(async () => {
    const pki = await getTestPki();
    const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
    server = await startHttpsServer({
      cert: leaf.chainPem,
      key: leaf.keyPem,
      handler: (_req, res) => {
        const issuer = server.origin;
        res.writeHead(200, { 'content-type': 'application/json', date: new Date(Date.now() + offsetMs).toUTCString() });
        res.end(JSON.stringify({ issuer, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks` }));
      },
    });
    fetcher = createFetcher({ extraCaPem: [pki.caCertPem] });
  });
  afterAll(async () => {
    fetcher.close();
    await server.close();
  });

  test('a Date 10 minutes off: a clock-skew warning; in sync: none', async () => {
    offsetMs = -600_000;
    const skewed = await fetchDiscovery(fetcher, server.origin);
    expect(Math.abs(skewed.clockSkew!.skewSeconds - 600)).toBeLessThanOrEqual(2);
    expect(skewed.warnings.find((w) => w.code === 'clock-skew')?.message).toMatch(/10 minutes ahead of the provider's.*NTP/);
    // The fetcher exposes the parsed Date itself.
    expect(skewed.clockSkew!.serverDate).toMatch(/^\d{4}-\d\d-\d\dT/);

    offsetMs = 0;
    const inSync = await fetchDiscovery(fetcher, server.origin);
    expect(inSync.clockSkew?.exceeds).toBe(false);
    expect(inSync.warnings.map((w) => w.code)).not.toContain('clock-skew');
  });
});
