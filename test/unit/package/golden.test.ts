// Golden file: fixed clock + the fixed RS256 key of RFC 7520 + frozen inputs → exact bytes.
// RSASSA-PKCS1-v1_5 is deterministic, so the whole .zip is. When the FORMAT changes on
// purpose (or the jwks-check Markdown/HTML renderers do), regenerate and review the diff:
//
//   UPDATE_GOLDEN=1 npm run test:unit -- test/unit/package/golden
//
// then put the printed SHA-256 in GOLDEN_SHA256 below and bump formatVersion if old
// packages no longer verify.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../core/package/format';
import { verifyPackage } from '../../../core/package/verify';
import { readZip } from '../../../core/package/zip';
import { buildPure, GOLDEN_PRIVATE_VALUES, goldenInputs, leaks } from './helpers';

const GOLDEN = path.resolve(import.meta.dirname, '../../fixtures/package/golden-rs256.zip');
const GOLDEN_SHA256 = 'd7c472ba57c213a083b6bd606f95ad668b605f583d87bce87d6218f31a2f679d';

describe('golden package (RS256, fixed clock)', () => {
  it('assembles to the exact bytes of the golden file', async () => {
    const { zip } = await buildPure(await goldenInputs());
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) {
      await writeFile(GOLDEN, zip);
      console.log(`golden written: ${GOLDEN} sha256=${sha256Hex(zip)}`);
    }
    const golden = new Uint8Array(await readFile(GOLDEN));
    // Entry by entry first, so a format change says where it is.
    const want = readZip(golden);
    const got = readZip(zip);
    expect(got.map((e) => e.name)).toEqual(want.map((e) => e.name));
    for (const [i, entry] of got.entries()) expect(Buffer.from(entry.data).toString('utf8'), entry.name).toBe(Buffer.from(want[i]!.data).toString('utf8'));
    expect(Buffer.from(zip).equals(Buffer.from(golden))).toBe(true);
    expect(sha256Hex(golden)).toBe(GOLDEN_SHA256);
  });

  it('is the same twice, and verifies offline as valid', async () => {
    const a = await buildPure(await goldenInputs());
    const b = await buildPure(await goldenInputs());
    expect(Buffer.from(a.zip).equals(Buffer.from(b.zip))).toBe(true);
    const result = await verifyPackage(a.zip, { offline: true, now: new Date('2026-02-02T00:00:00Z') });
    expect(result.steps.filter((s) => s.status === 'fail'), JSON.stringify(result.steps, null, 2)).toEqual([]);
    expect(result.verdict).toBe('valid');
    expect(leaks(a.zip, GOLDEN_PRIVATE_VALUES)).toEqual([]);
  });

  it('has the documented entries in the fixed order', async () => {
    const { zip } = await buildPure(await goldenInputs());
    expect(readZip(zip).map((e) => e.name)).toEqual(['manifest.json', 'registration.json', 'request.jwt', 'jwks.json', 'jwks-check.json', 'jwks-check.md', 'jwks-check.html', 'SUMMARY.md', 'summary.html']);
  });
});
