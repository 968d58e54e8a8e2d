// `oidc-onboard keys …` end to end on the real keychain: generate, list, publish, export,
// import, rotate, retire, delete — and no private material ever lands in the data folder.
import { execFileSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compactDecrypt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keychainGuidance } from '../../core/storage/os-keychain';
import { canWithholdKeychain, NO_KEYCHAIN_ENV } from '../support/keychain-env';
import { runCli, spawnCli } from '../support/run-cli';

let dataDir: string;
const env = { OIDC_ONBOARD_KEYCHAIN_SERVICE: `oidc-onboard-test-cli-keys-${process.pid}` };
const cli = (args: string[], stdin?: string, extraEnv: NodeJS.ProcessEnv = {}) =>
  runCli([...args, '--data-dir', dataDir], { env: { ...env, ...extraEnv }, ...(stdin === undefined ? {} : { stdin }) });
const PASSPHRASE = 'orbit-candle-meadow-42';
type Jwks = { keys: { kid: string; kty: string; n?: string; e?: string; d?: string }[] };
type Ring = { records: { kid: string; state: string; thumbprint: string }[]; published: string[] };

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-keys-'));
  await cli(['new', '--profile', 'nhs-api-platform', '--environment', 'int', '--name', 'Backend API']);
  await cli(['new', '--profile', 'nhs-api-platform', '--environment', 'live', '--name', 'Backend API']);
});
afterAll(async () => {
  for (const id of ['backend-api-int', 'backend-api-live', 'rotation-int']) {
    const ring = (await cli(['keys', 'list', id, '--json'])).json<Ring>();
    for (const r of ring.records) await cli(['keys', 'delete', id, '--kid', r.kid, '--yes']);
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('keys commands', () => {
  let kid = '';

  it('generates with the profile defaults and lists the key as active and published', async () => {
    const run = await cli(['keys', 'generate', 'backend-api-int', '--size', '2048', '--json']);
    expect(run.code).toBe(0);
    const { record } = run.json<{ record: { kid: string; alg: string; state: string; thumbprint: string } }>();
    expect(record).toMatchObject({ alg: 'RS512', state: 'active' });
    expect(record.kid).toBe(record.thumbprint);
    kid = record.kid;
    const ring = (await cli(['keys', 'list', 'backend-api-int', '--json'])).json<Ring>();
    expect(ring.published).toEqual([kid]);
  });

  it('refuses an algorithm the profile does not allow (exit 2)', async () => {
    const run = await cli(['keys', 'generate', 'backend-api-int', '--alg', 'ES256']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('RS512');
  });

  it('prints the public JWKS and PEM, public members only', async () => {
    const jwks = JSON.parse((await cli(['keys', 'jwks', 'backend-api-int'])).stdout) as Jwks;
    expect(jwks.keys.map((k) => k.kid)).toEqual([kid]);
    expect(Object.keys(jwks.keys[0]!).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    const out = path.join(dataDir, 'published.json');
    expect((await cli(['keys', 'jwks', 'backend-api-int', '--out', out])).code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(jwks);
    const pem = (await cli(['keys', 'public-pem', 'backend-api-int'])).stdout;
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(createPublicKey(pem).export({ format: 'jwk' }).n).toBe(jwks.keys[0]!.n);
    // --json is one JSON document on stdout for these too (usage lines promise it for every command).
    expect((await cli(['keys', 'public-pem', 'backend-api-int', '--json'])).json<{ pem: string }>().pem).toBe(pem);
    const written = await cli(['keys', 'jwks', 'backend-api-int', '--out', out, '--json']);
    expect(written.json<{ written: string }>().written).toBe(out);
    expect(written.stderr).toBe('');
    const completion = (await cli(['completion', 'bash', '--json'])).json<{ shell: string; script: string }>();
    expect(completion.shell).toBe('bash');
    expect(completion.script).toMatch(/complete /);
  });

  it('exports encrypted PKCS#8 that OpenSSL opens, and a JWE that jose decrypts, both mode 0600', async () => {
    const p8 = path.join(dataDir, 'export.p8.pem');
    const run = await cli(['keys', 'export-private', 'backend-api-int', '--kid', kid, '--format', 'pkcs8', '--out', p8], `${PASSPHRASE}\n`);
    expect(run.code, run.stderr).toBe(0);
    expect((await stat(p8)).mode & 0o777).toBe(0o600);
    const publicPem = execFileSync('openssl', ['pkey', '-in', p8, '-passin', `pass:${PASSPHRASE}`, '-pubout'], { encoding: 'utf8' });
    expect(publicPem).toBe((await cli(['keys', 'public-pem', 'backend-api-int'])).stdout);

    const jwe = path.join(dataDir, 'export.jwe');
    expect((await cli(['keys', 'export-private', 'backend-api-int', '--kid', kid, '--format', 'jwe', '--out', jwe], PASSPHRASE)).code).toBe(0);
    const { plaintext } = await compactDecrypt(await readFile(jwe, 'utf8'), new TextEncoder().encode(PASSPHRASE), {
      keyManagementAlgorithms: ['PBES2-HS512+A256KW'],
      maxPBES2Count: 1_000_000,
    });
    expect(JSON.parse(new TextDecoder().decode(plaintext))).toMatchObject({ kid, d: expect.any(String) });
  });

  it('refuses a private export without a passphrase (2) or with a weak one', async () => {
    const out = path.join(dataDir, 'never.pem');
    expect((await cli(['keys', 'export-private', 'backend-api-int', '--kid', kid, '--format', 'pkcs8', '--out', out], '')).code).toBe(2);
    expect((await cli(['keys', 'export-private', 'backend-api-int', '--kid', kid, '--format', 'pkcs8', '--out', out], 'short')).code).toBe(2);
    await expect(stat(out)).rejects.toThrow();
  });

  it('imports its own encrypted export into another registration, with the passphrase on stdin', async () => {
    const run = await cli(['keys', 'import', 'backend-api-live', path.join(dataDir, 'export.p8.pem'), '--json'], PASSPHRASE);
    expect(run.code).toBe(0);
    expect(run.json<{ record: { thumbprint: string } }>().record.thumbprint).toBe(kid);
    const wrong = await cli(['keys', 'import', 'backend-api-live', path.join(dataDir, 'export.p8.pem')], 'wrong-passphrase-entirely');
    expect(wrong.code).toBe(1);
  });

  it('rotates: a next key is generated and published; the API platform waits out its 3600 s JWKS cache before signing with it', async () => {
    const generated = (await cli(['keys', 'rotate', 'backend-api-int', '--json'])).json<{ action: string; record: { kid: string; state: string } }>();
    expect(generated).toMatchObject({ action: 'generated', record: { state: 'next' } });
    const ring = (await cli(['keys', 'list', 'backend-api-int', '--json'])).json<Ring & { plan: { steps: { id: string; text: string }[] } }>();
    expect(ring.published.sort()).toEqual([kid, generated.record.kid].sort());
    expect(ring.plan.steps.find((step) => step.id === 'activate-next')?.text).toMatch(/caches your JWKS for 3600 s/);
    // Activating at once would sign with a kid the platform has not fetched yet: refused, with why.
    const early = await cli(['keys', 'rotate', 'backend-api-int']);
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/caches your JWKS for 3600 s/);
    expect((await cli(['keys', 'retire', 'backend-api-int', '--kid', 'nope'])).code).toBe(2);
    await cli(['keys', 'delete', 'backend-api-int', '--kid', generated.record.kid, '--yes']);
  });

  it('rotates a provider without a known JWKS cache at once: the next key signs, the old one retires', async () => {
    await cli(['new', '--profile', 'nhs-cis2', '--environment', 'int', '--name', 'Rotation']);
    const first = (await cli(['keys', 'generate', 'rotation-int', '--size', '2048', '--json'])).json<{ record: { kid: string } }>().record.kid;
    const generated = (await cli(['keys', 'rotate', 'rotation-int', '--json'])).json<{ action: string; record: { kid: string; state: string } }>();
    expect(generated).toMatchObject({ action: 'generated', record: { state: 'next' } });
    const activated = (await cli(['keys', 'rotate', 'rotation-int', '--json'])).json<{ action: string; record: { kid: string; state: string } }>();
    expect(activated).toMatchObject({ action: 'activated', record: { kid: generated.record.kid, state: 'active' } });
    const ring = (await cli(['keys', 'list', 'rotation-int', '--json'])).json<Ring>();
    expect(ring.records.find((r) => r.kid === first)?.state).toBe('retired');
    expect(ring.published).toContain(first); // still inside its grace period
  });

  it('deletes only with --yes', async () => {
    expect((await cli(['keys', 'delete', 'backend-api-int', '--kid', kid])).code).toBe(2);
    expect((await cli(['keys', 'delete', 'backend-api-int', '--kid', kid, '--yes'])).code).toBe(0);
    const ring = (await cli(['keys', 'list', 'backend-api-int', '--json'])).json<Ring>();
    expect(ring.records.map((r) => r.kid)).not.toContain(kid);
  });

  it.runIf(canWithholdKeychain)('exits 3 with guidance and writes nothing when the keychain is unavailable', async () => {
    const before = (await allFiles(dataDir)).sort();
    const run = await spawnCli(['keys', 'generate', 'backend-api-live', '--size', '2048', '--data-dir', dataDir], { env: { ...env, ...NO_KEYCHAIN_ENV } });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(keychainGuidance());
    expect((await allFiles(dataDir)).sort()).toEqual(before);
  });

  it('left no private key material anywhere in the data folder (exports aside)', async () => {
    for (const file of await allFiles(dataDir)) {
      if (file.includes('export.')) continue;
      const text = await readFile(file, 'latin1');
      expect(text, file).not.toContain('PRIVATE KEY');
      expect(text, file).not.toMatch(/"d"\s*:/);
    }
  });
});
