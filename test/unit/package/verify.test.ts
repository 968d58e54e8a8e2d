// Verification: a clean package is valid; any change to any entry (re-zipped cleanly), any
// byte of the archive, a foreign signature, a swapped key set, or a hostile header is caught.
import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasErrorCode, isAppError } from '../../../contract/errors';
import { orderEntries } from '../../../core/package/assemble';
import { verificationToMarkdown } from '../../../core/package/report';
import { verifyPackage, type PackageVerification } from '../../../core/package/verify';
import { readZip, writeZip, type ZipEntry } from '../../../core/package/zip';
import { buildPure, goldenInputs, rawZip, signLikeKeyService } from './helpers';

const NOW = new Date('2026-02-02T00:00:00Z');
const CREATED = new Date('2026-02-01T10:00:05.000Z');
let zip: Uint8Array;
let entries: ZipEntry[];

const verify = (bytes: Uint8Array) => verifyPackage(bytes, { offline: true, now: NOW });
const rezip = (list: ZipEntry[]) => writeZip(orderEntries(list), CREATED);
const failing = (v: PackageVerification) => v.steps.filter((s) => s.status === 'fail').map((s) => s.id);

async function foreignKey(kid: string): Promise<JWK> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...(await exportJWK(privateKey)), kid, alg: 'RS256' };
}

beforeAll(async () => {
  ({ zip, entries } = await buildPure(await goldenInputs()));
});

describe('verifyPackage', () => {
  it('finds a clean package valid, step by step, with a readable report', async () => {
    const v = await verify(zip);
    expect(v.verdict).toBe('valid');
    expect(v.steps.map((s) => [s.id, s.status])).toEqual([
      ['archive', 'pass'],
      ['manifest', 'pass'],
      ['archive.layout', 'pass'],
      ['files', 'pass'],
      ['signature', 'pass'],
      ['claims', 'pass'],
      ['claims.time', 'pass'],
      ['metadata', 'pass'],
      ['live.signature', 'skip'],
      ['live.check', 'skip'],
    ]);
    expect(v.intact).toEqual({ status: 'pass', message: expect.any(String), failed: [] });
    expect(v.live.status).toBe('not-checked');
    expect(v.requested?.values.client_name).toBeDefined();
    const md = verificationToMarkdown(v);
    expect(md).toContain('# Registration package: VALID');
    expect(md).toContain('Intact and signed by the enclosed key: YES');
    expect(md).toContain(v.sha256);
  });

  it('catches a change to each entry in turn, re-zipped cleanly', async () => {
    for (const target of entries) {
      const changed = entries.map((e) => (e.name === target.name ? { name: e.name, data: new Uint8Array([...e.data.slice(0, -1), e.data.at(-1)! ^ 0x01]) } : e));
      const v = await verify(rezip(changed));
      expect(v.verdict, target.name).toBe('invalid');
      expect(v.intact.status, target.name).toBe('fail');
      expect(v.headline, target.name).toMatch(/^The package is not intact/);
      expect(v.steps.find((s) => s.id === 'archive.layout')?.status, target.name).not.toBe('fail'); // caught by content, not layout
    }
  });

  it('catches a removed entry, an added entry, and a changed entry order', async () => {
    for (const target of entries) {
      const v = await verify(rezip(entries.filter((e) => e !== target)).slice()).catch((e: unknown) => e);
      // Without manifest.json it is no longer a package at all (exit 2); otherwise invalid.
      if (target.name === 'manifest.json') expect(hasErrorCode(v, 'INPUT_UNREADABLE')).toBe(true);
      else expect((v as PackageVerification).verdict, target.name).toBe('invalid');
    }
    const extra = await verify(rezip([...entries, { name: 'notes.txt', data: new TextEncoder().encode('hi') }]));
    expect(extra.verdict).toBe('invalid');
    expect(extra.steps.find((s) => s.id === 'files')?.message).toContain('unknown entries: notes.txt');
    const reordered = await verify(writeZip([...entries].reverse(), CREATED));
    expect(failing(reordered)).toEqual(['archive.layout']);
  });

  it('names the offset of invalid UTF-8 in request.jwt instead of decoding it loosely', async () => {
    const bad = entries.map((e) => (e.name === 'request.jwt' ? { name: e.name, data: new Uint8Array([...e.data.subarray(0, 10), 0xff, ...e.data.subarray(10)]) } : e));
    const v = await verify(rezip(bad));
    expect(v.verdict).toBe('invalid');
    expect(v.steps.find((s) => s.id === 'signature')?.message).toBe('request.jwt is not valid UTF-8 (invalid byte at byte offset 10).');
  });

  it('catches a change to ANY byte of the archive (every position)', async () => {
    const positions = Array.from({ length: zip.length }, (_, i) => i);
    for (const at of positions) {
      const copy = zip.slice();
      copy[at] = copy[at]! ^ 0x20;
      const outcome = await verify(copy).catch((error: unknown) => error);
      if (isAppError(outcome)) expect(outcome.code, `byte ${at}`).toBe('INPUT_UNREADABLE');
      else expect((outcome as PackageVerification).verdict, `byte ${at}`).toBe('invalid');
    }
  }, 120_000);

  it('catches random multi-byte corruption (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat({ max: zip.length - 1 }), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 6 }), async (edits) => {
        const copy = zip.slice();
        for (const [at, mask] of edits) copy[at] = copy[at]! ^ mask;
        const outcome = await verify(copy).catch((error: unknown) => error);
        if (isAppError(outcome)) expect(outcome.code).toBe('INPUT_UNREADABLE');
        else expect((outcome as PackageVerification).verdict).toBe('invalid');
      }),
      { numRuns: 150 },
    );
  });

  it('refuses request.jwt re-signed by a foreign key under the same kid', async () => {
    const jwt = Buffer.from(entries.find((e) => e.name === 'request.jwt')!.data).toString('utf8');
    const payload = Buffer.from(jwt.split('.')[1]!, 'base64url');
    const forged = await signLikeKeyService(payload, await foreignKey('golden-rs256'), { typ: 'oidc-onboard-registration+jwt' });
    const v = await verify(rezip(entries.map((e) => (e.name === 'request.jwt' ? { name: e.name, data: new TextEncoder().encode(forged) } : e))));
    expect(v.verdict).toBe('invalid');
    expect(v.steps.find((s) => s.id === 'signature')?.message).toMatch(/does not verify/);
    const otherKid = await signLikeKeyService(payload, await foreignKey('intruder'), { typ: 'oidc-onboard-registration+jwt' });
    const w = await verify(rezip(entries.map((e) => (e.name === 'request.jwt' ? { name: e.name, data: new TextEncoder().encode(otherKid) } : e))));
    expect(w.steps.find((s) => s.id === 'signature')?.message).toMatch(/No key in jwks\.json has the kid "intruder"/);
  });

  it('refuses a package re-signed by another key with a matching swapped jwks.json (the manifest names the original key)', async () => {
    const intruder = await foreignKey('golden-rs256');
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = intruder;
    const swapped = entries.map((e) => (e.name === 'jwks.json' ? { name: e.name, data: new TextEncoder().encode(`${JSON.stringify({ keys: [{ ...pub, use: 'sig' }] }, null, 2)}\n`) } : e));
    const jwt = Buffer.from(entries.find((e) => e.name === 'request.jwt')!.data).toString('utf8');
    const forged = await signLikeKeyService(Buffer.from(jwt.split('.')[1]!, 'base64url'), intruder, { typ: 'oidc-onboard-registration+jwt' });
    const v = await verify(rezip(swapped.map((e) => (e.name === 'request.jwt' ? { name: e.name, data: new TextEncoder().encode(forged) } : e))));
    expect(v.verdict).toBe('invalid');
    expect(failing(v)).toEqual(expect.arrayContaining(['files', 'claims']));
    expect(await calculateJwkThumbprint(pub)).not.toBe(v.manifest?.signingKey.thumbprint);
  });

  it('never accepts alg none or HMAC headers', async () => {
    const jwt = Buffer.from(entries.find((e) => e.name === 'request.jwt')!.data).toString('utf8');
    const [, payload] = jwt.split('.');
    for (const alg of ['none', 'HS256']) {
      const header = Buffer.from(JSON.stringify({ alg, kid: 'golden-rs256', typ: 'oidc-onboard-registration+jwt' })).toString('base64url');
      const forged = `${header}.${payload}.${alg === 'none' ? '' : 'c2ln'}`;
      const v = await verify(rezip(entries.map((e) => (e.name === 'request.jwt' ? { name: e.name, data: new TextEncoder().encode(forged) } : e))));
      expect(v.steps.find((s) => s.id === 'signature')?.message, alg).toMatch(/not accepted/);
      expect(v.verdict).toBe('invalid');
    }
  });

  it('reports hostile archives as invalid, and non-packages as unreadable', async () => {
    const traversal = rawZip([...entries.map((e) => ({ name: e.name, data: e.data })), { name: '../evil.sh', data: new TextEncoder().encode('rm -rf /') }]);
    const v = await verify(traversal);
    expect(v.verdict).toBe('invalid');
    expect(failing(v)).toEqual(['archive']);
    const notPackage = writeZip([{ name: 'readme.txt', data: new TextEncoder().encode('hello') }], CREATED);
    await expect(verify(notPackage)).rejects.toSatisfy((e: unknown) => hasErrorCode(e, 'INPUT_UNREADABLE'));
    const otherFormat = writeZip([{ name: 'manifest.json', data: new TextEncoder().encode('{"format":"something-else"}') }], CREATED);
    await expect(verify(otherFormat)).rejects.toSatisfy((e: unknown) => hasErrorCode(e, 'INPUT_UNREADABLE'));
    const newer = writeZip([{ name: 'manifest.json', data: new TextEncoder().encode('{"format":"oidc-onboard/registration-package","formatVersion":2}') }], CREATED);
    await expect(verify(newer)).rejects.toThrow(/format version 2/);
    await expect(verify(new TextEncoder().encode('%PDF-1.7 not a zip'))).rejects.toSatisfy((e: unknown) => hasErrorCode(e, 'INPUT_UNREADABLE'));
  });

  it('warns, without failing, when the request has expired', async () => {
    const v = await verifyPackage(zip, { offline: true, now: new Date('2026-04-01T00:00:00Z') });
    expect(v.verdict).toBe('valid');
    expect(v.steps.find((s) => s.id === 'claims.time')?.status).toBe('warn');
    expect(v.warnings.join('\n')).toMatch(/expired/);
  });

  it("warns when today's rules find errors in the packaged values", async () => {
    const inputs = await goldenInputs();
    inputs.registration.metadata = { ...inputs.registration.metadata, redirect_uris: ['http://app.example.org/callback#frag'] };
    const { zip: bad } = await buildPure(inputs);
    const v = await verify(bad);
    expect(v.verdict).toBe('valid');
    expect(v.steps.find((s) => s.id === 'metadata')?.status).toBe('warn');
    expect(readZip(bad).length).toBeGreaterThan(0);
  });
});
