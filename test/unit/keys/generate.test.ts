import { scrypt } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../contract/errors';
import { generateKeyObjects, keyRecordSchema, type KeyPolicy, type KeyProgressPhase } from '../../../core/keys';
import { HEARTBEAT_MS } from '../../../core/keys/generate';
import { keyFiles, policy, service, tempDir, testVault } from './helpers';

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
    expect(await keyFiles(dir.path)).toEqual([]);
  });

  // How long the event loop stalls during an RSA-4096 generation is a figure for `npm run bench`.
  it('RSA-4096: progress phases in order, ending at done', async () => {
    const svc = service(dir.path, testVault());
    const events: { phase: KeyProgressPhase; fraction: number | undefined }[] = [];
    const { record } = await svc.generate(REG, { alg: 'RS512', size: 4096, policy }, (phase, fraction) => events.push({ phase, fraction }));
    expect(record.size).toBe(4096);
    const phases = events.map((e) => e.phase);
    // Order: generating (≥1, heartbeats), encrypting, storing, done.
    const firstOther = phases.findIndex((p) => p !== 'generating');
    expect(phases.slice(0, firstOther).every((p) => p === 'generating')).toBe(true);
    expect(phases.slice(firstOther)).toEqual(['encrypting', 'storing', 'done']);
    expect(events.at(-1)?.fraction).toBe(1);
  }, 120_000);

  it('runs off the event loop, with a heartbeat every HEARTBEAT_MS until the key pair is back', async () => {
    // Occupy every libuv thread with slow scrypt jobs, so the generation queues behind them: it is
    // surely still out when the checks below run, whatever the machine's speed. The heartbeat's
    // timer is faked, so its count depends on the interval alone, never on elapsed time.
    const threads = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
    const busy = Array.from({ length: threads }, () => new Promise<void>((resolve) => scrypt('x', 'salt', 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 }, () => resolve())));
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const phases: KeyProgressPhase[] = [];
      let settled = false;
      const pending = generateKeyObjects({ kty: 'EC', crv: 'P-256' }, (phase) => phases.push(phase)).finally(() => (settled = true));
      expect(phases).toEqual(['generating']);
      // A whole turn of the event loop passes and the generation is still out: it does not run on the loop.
      await new Promise((resolve) => setImmediate(resolve));
      expect(settled).toBe(false);
      vi.advanceTimersByTime(HEARTBEAT_MS * 4);
      expect(phases).toEqual(Array.from({ length: 5 }, () => 'generating'));
      vi.advanceTimersByTime(HEARTBEAT_MS - 1);
      expect(phases).toHaveLength(5);
      const pair = await pending;
      expect(pair.privateKey.asymmetricKeyType).toBe('ec');
      // The heartbeat stops with the generation.
      vi.advanceTimersByTime(HEARTBEAT_MS * 4);
      expect(phases).toHaveLength(5);
    } finally {
      vi.useRealTimers();
      await Promise.all(busy);
    }
  }, 60_000);
});
