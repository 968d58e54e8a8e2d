import { compactVerify, importJWK } from 'jose';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyRecord, KeyService, SigningAlg } from '../../../core/keys';
import { policy, service, tempDir, testVault } from './helpers';

const REG = 'reg-prop';
const ALGS: SigningAlg[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384'];

let dir: Awaited<ReturnType<typeof tempDir>>;
let svc: KeyService;
const records = new Map<SigningAlg, KeyRecord>();

beforeAll(async () => {
  dir = await tempDir();
  svc = service(dir.path, testVault());
  // One key per type, generated once (RSA at 2048 for speed); the property reuses them.
  await Promise.all(
    ALGS.map(async (alg) => {
      const { record } = await svc.generate(REG, { alg, size: 2048, policy });
      records.set(alg, record);
    }),
  );
}, 60_000);
afterAll(async () => {
  await dir.cleanup();
});

async function verifies(jws: string, record: KeyRecord): Promise<boolean> {
  try {
    const result = await compactVerify(jws, await importJWK(record.publicJwk, record.alg), { algorithms: [record.alg] });
    return result.protectedHeader.kid === record.kid;
  } catch {
    return false;
  }
}

function flipByte(segment: string, index: number, mask: number): string {
  const bytes = Buffer.from(segment, 'base64url');
  const at = index % bytes.length;
  bytes[at] = bytes[at]! ^ mask;
  return bytes.toString('base64url');
}

describe('sign → verify (property)', () => {
  it('every generated key type signs any payload verifiably, and any flipped byte breaks it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ALGS),
        fc.oneof(fc.uint8Array({ minLength: 0, maxLength: 512 }), fc.string({ unit: 'grapheme' }).map((s) => new TextEncoder().encode(s))),
        fc.constantFrom(0, 1, 2),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (alg, payload, segmentIndex, byteIndex, mask) => {
          const record = records.get(alg)!;
          const jws = await svc.sign(REG, record, payload, { header: { typ: 'JWT' } });
          expect(await verifies(jws, record)).toBe(true);

          const segments = jws.split('.');
          // An empty payload has no byte to flip; flip the signature instead.
          const target = segments[segmentIndex]!.length === 0 ? 2 : segmentIndex;
          segments[target] = flipByte(segments[target]!, byteIndex, mask);
          expect(await verifies(segments.join('.'), record)).toBe(false);
        },
      ),
      { numRuns: 120 },
    );
  }, 120_000);
});
