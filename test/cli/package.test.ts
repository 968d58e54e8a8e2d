// `oidc-onboard package` and `verify-package` as a user runs them (runCli in-process, the real
// keychain; the real binary where the keychain is withheld): every exit code, human and JSON output.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canWithholdKeychain, NO_KEYCHAIN_ENV } from '../support/keychain-env';
import { runCli, spawnCli } from '../support/run-cli';

let dataDir: string;
const env = { OIDC_ONBOARD_KEYCHAIN_SERVICE: `oidc-onboard-test-cli-package-${process.pid}` };
const cli = (...args: string[]) => runCli([...args, '--data-dir', dataDir], { env });
const file = (name: string) => path.join(dataDir, name);
const ID = 'cli-pem-app-sandpit';
const UNFINISHED = 'cli-unfinished-sandpit';

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-package-'));
  expect((await cli('new', '--profile', 'nhs-login', '--environment', 'sandpit', '--name', 'CLI Pem App')).code).toBe(0);
  expect((await cli('set', ID, '--redirect-uri', 'https://app.example.org/callback', '--contact', 'dev@example.org')).code).toBe(0);
  expect((await cli('keys', 'generate', ID)).code).toBe(0);
  expect((await cli('new', '--profile', 'nhs-login', '--environment', 'sandpit', '--name', 'CLI Unfinished')).code).toBe(0);
  expect((await cli('keys', 'generate', UNFINISHED)).code).toBe(0);
}, 120_000);

afterAll(async () => {
  for (const id of [ID, UNFINISHED]) {
    const ring = await cli('keys', 'list', id, '--json');
    if (ring.code !== 0) continue;
    for (const r of ring.json<{ records: { kid: string }[] }>().records) await cli('keys', 'delete', id, '--kid', r.kid, '--yes');
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('package', () => {
  it('writes the package and prints its SHA-256 and where to send it (exit 0)', async () => {
    const run = await cli('package', ID, '--out', file('request.zip'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/SHA-256: [0-9a-f]{64}/);
    expect(run.stdout).toMatch(/Send to: .*sandpit/i);
    const json = await cli('package', ID, '--out', file('request-2.zip'), '--json');
    expect(json.code).toBe(0);
    const built = json.json<{ path: string; sha256: string; bytes: number; manifest: { format: string; formatVersion: number } }>();
    expect(built.manifest).toMatchObject({ format: 'oidc-onboard/registration-package', formatVersion: 1 });
    expect(built.bytes).toBe((await readFile(built.path)).length);
  });

  it('refuses while error findings remain (exit 1, findings listed) and packages with --acknowledge', async () => {
    const blocked = await cli('package', UNFINISHED, '--out', file('blocked.zip'));
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(/redirect_uris\.missing/);
    expect(blocked.stderr).toContain('FINDINGS_BLOCK');
    const acked = await cli('package', UNFINISHED, '--out', file('acked.zip'), '--acknowledge', 'URIs agreed separately', '--json');
    expect(acked.code, acked.stderr).toBe(0);
    expect(acked.json<{ manifest: { acknowledgement: { reason: string } } }>().manifest.acknowledgement.reason).toBe('URIs agreed separately');
  });

  it('refuses bad usage and unknown registrations (exit 2)', async () => {
    expect((await cli('package', ID)).code).toBe(2);
    expect((await cli('package')).code).toBe(2);
    expect((await cli('package', ID, '--out', file('x.zip'), '--acknowledge', ' ')).code).toBe(2);
    expect((await cli('package', 'no-such-registration', '--out', file('x.zip'))).code).toBe(2);
    expect((await cli('package', ID, '--out', file('x.zip'), '--ca', file('missing.pem'))).code).toBe(2);
  });
});

describe.runIf(canWithholdKeychain)('package without a keychain (the real binary, no D-Bus session)', () => {
  it('exits 3 (environment) and writes nothing; verify-package still works (it needs no keychain)', async () => {
    const failed = await spawnCli(['package', ID, '--out', file('no-keychain.zip'), '--data-dir', dataDir], { env: { ...env, ...NO_KEYCHAIN_ENV } });
    expect(failed.code, failed.stderr).toBe(3);
    expect(failed.stderr).toContain('KEYCHAIN_UNAVAILABLE');
    expect(existsSync(file('no-keychain.zip'))).toBe(false);
    const verified = await spawnCli(['verify-package', file('request.zip'), '--offline'], { env: NO_KEYCHAIN_ENV });
    expect(verified.code, verified.stderr).toBe(0);
  });
});

describe('verify-package', () => {
  it('finds an untouched package valid (exit 0), human and JSON', async () => {
    const run = await cli('verify-package', file('request.zip'), '--offline');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Registration package: VALID$/m);
    expect(run.stdout).toMatch(/Send to: /);
    const json = await cli('verify-package', file('request.zip'), '--json');
    expect(json.code).toBe(0);
    expect(json.json<{ verdict: string; sha256: string }>().verdict).toBe('valid');
  });

  it('finds a tampered package invalid (exit 1)', async () => {
    const bytes = await readFile(file('request.zip'));
    const at = bytes.indexOf(Buffer.from('CLI Pem App'));
    expect(at).toBeGreaterThan(0);
    bytes[at] = 'X'.charCodeAt(0);
    await writeFile(file('tampered.zip'), bytes);
    const run = await cli('verify-package', file('tampered.zip'), '--offline', '--json');
    expect(run.code).toBe(1);
    expect(run.json<{ verdict: string }>().verdict).toBe('invalid');
    const human = await cli('verify-package', file('tampered.zip'), '--offline');
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('INVALID');
  });

  it('refuses unreadable input and non-packages (exit 2)', async () => {
    await writeFile(file('not-a-zip.zip'), 'hello, this is not a zip archive');
    const notZip = await cli('verify-package', file('not-a-zip.zip'), '--json');
    expect(notZip.code).toBe(2);
    expect(notZip.json<{ error: { code: string } }>().error.code).toBe('INPUT_UNREADABLE');
    expect((await cli('verify-package', file('missing.zip'))).code).toBe(2);
    expect((await cli('verify-package')).code).toBe(2);
    expect((await cli('verify-package', file('request.zip'), '--bogus')).code).toBe(2);
  });
});
