import { scrypt } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../contract/errors';
import { generateKeyObjects, keyRecordSchema, type KeyPolicy, type KeyProgressPhase } from '../../../core/keys';
import { allFiles, policy, service, tempDir, testVault } from './helpers';

const REG = 'reg-gen';
let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await dir.cleanup();
});

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (e instanceof AppError ? e.code : `non-AppError: ${String(e)}`),
  );
}

describe('generation', () => {
  it('builds a valid record: thumbprint kid, use "sig", alg, only public members', async () => {
    const svc = service(dir.path, testVault());
    for (const [alg, size] of [
      ['RS256', 2048],
      ['PS384', 3072],
      ['ES256', undefined],
      ['ES384', undefined],
    ] as const) {
      const { record, warnings } = await svc.generate(REG, { alg, ...(size ? { size } : {}), policy });
      expect(keyRecordSchema.parse(record)).toEqual(record);
      expect(warnings).toEqual([]);
      expect(record.kid).toBe(record.thumbprint);
      expect(record.state).toBe('next');
      expect(record.publicJwk).toMatchObject({ use: 'sig', alg, kid: record.kid });
      expect(Object.keys(record.publicJwk).sort()).toEqual(alg.startsWith('ES') ? ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y'] : ['alg', 'e', 'kid', 'kty', 'n', 'use']);
      if (alg === 'ES256') expect(record.crv).toBe('P-256');
      if (alg === 'ES384') expect(record.crv).toBe('P-384');
      if (size) expect(record.size).toBe(size);
    }
  }, 60_000);

  it('accepts a custom kid, warning about characters that need escaping', async () => {
    const svc = service(dir.path, testVault());
    const plain = await svc.generate(REG, { alg: 'ES256', policy, kid: 'signing-2026.03_a~1' });
    expect(plain.record.kid).toBe('signing-2026.03_a~1');
    expect(plain.warnings).toEqual([]);
    const odd = await svc.generate(REG, { alg: 'ES256', policy, kid: 'key #1/é' });
    expect(odd.record.kid).toBe('key #1/é');
    expect(odd.warnings).toHaveLength(1);
    expect(await codeOf(svc.generate(REG, { alg: 'ES256', policy, kid: 'bad\nkid' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(svc.generate(REG, { alg: 'ES256', policy, kid: '' }))).toBe('VALIDATION_FAILED');
  });

  it('validates the choice against the policy before doing anything', async () => {
    const svc = service(dir.path, testVault());
    const strict: KeyPolicy = { allowedAlgs: ['RS512', 'ES256'], allowedRsaSizes: [4096], allowedCurves: ['P-384'] };
    expect(await codeOf(svc.generate(REG, { alg: 'RS256', size: 4096, policy: strict }))).toBe('UNSUPPORTED_ALGORITHM');
    expect(await codeOf(svc.generate(REG, { alg: 'RS512', size: 2048, policy: strict }))).toBe('UNSUPPORTED_ALGORITHM');
    expect(await codeOf(svc.generate(REG, { alg: 'ES256', policy: strict }))).toBe('UNSUPPORTED_ALGORITHM');
    expect(await codeOf(svc.generate(REG, { alg: 'RS256', size: 1024, policy }))).toBe('UNSUPPORTED_ALGORITHM');
    expect(await codeOf(svc.generate(REG, { alg: 'HS256' as never, policy }))).toBe('UNSUPPORTED_ALGORITHM');
    expect(await codeOf(svc.generate(REG, { alg: 'EdDSA' as never, policy }))).toBe('UNSUPPORTED_ALGORITHM');
    expect(await allFiles(dir.path)).toEqual([]);
  });

  it('RSA-4096: runs off the event loop, with progress phases and a ~250 ms heartbeat', async () => {
    const svc = service(dir.path, testVault());
    const events: { phase: KeyProgressPhase; fraction: number | undefined; at: number }[] = [];
    let ticks = 0;
    let maxGap = 0;
    let last = Date.now();
    const ticker = setInterval(() => {
      const now = Date.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      ticks += 1;
    }, 20);
    const started = Date.now();
    let record;
    try {
      ({ record } = await svc.generate(REG, { alg: 'RS512', size: 4096, policy }, (phase, fraction) => events.push({ phase, fraction, at: Date.now() - started })));
    } finally {
      clearInterval(ticker);
    }
    const elapsed = Date.now() - started;
    expect(record.size).toBe(4096);
    const phases = events.map((e) => e.phase);
    // Order: generating (≥1, heartbeats), encrypting, storing, done.
    const firstOther = phases.findIndex((p) => p !== 'generating');
    expect(phases.slice(0, firstOther).every((p) => p === 'generating')).toBe(true);
    expect(phases.slice(firstOther)).toEqual(['encrypting', 'storing', 'done']);
    expect(events.at(-1)?.fraction).toBe(1);
    // The event loop kept turning while the prime search ran on the threadpool.
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(elapsed / 20 / 4));
    expect(maxGap).toBeLessThan(1000);
  }, 120_000);

  it('emits a heartbeat about every 250 ms while waiting for the threadpool', async () => {
    // Make the wait long and deterministic: occupy the libuv threadpool with slow scrypt jobs,
    // so the key generation queues behind them while the event loop stays free.
    const busy = Array.from({ length: 4 }, () => new Promise<void>((resolve) => scrypt('x', 'salt', 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 }, () => resolve())));
    const stamps: number[] = [];
    const started = Date.now();
    await generateKeyObjects({ kty: 'EC', crv: 'P-256' }, (phase) => {
      expect(phase).toBe('generating');
      stamps.push(Date.now() - started);
    });
    const elapsed = Date.now() - started;
    await Promise.all(busy);
    expect(elapsed).toBeGreaterThan(600);
    expect(stamps[0]).toBeLessThan(50);
    // Lower bound is loose: a busy machine may delay timers, but never fire them early.
    expect(stamps.length).toBeGreaterThanOrEqual(Math.max(3, Math.floor(elapsed / 250 / 2)));
    expect(stamps.length).toBeLessThanOrEqual(Math.floor(elapsed / 250) + 1);
    const gaps = stamps.slice(1).map((at, i) => at - stamps[i]!);
    for (const gap of gaps) expect(gap).toBeGreaterThan(150);
  }, 60_000);
});
