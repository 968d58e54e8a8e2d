// The CLI entry: version, help, global flags, exit codes, and `doctor` with and without a keychain.
import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { keychainBackendName, keychainGuidance } from '../../core/storage/os-keychain';
import { canWithholdKeychain, NO_KEYCHAIN_ENV } from '../support/keychain-env';
import { runCli, spawnCli } from '../support/run-cli';

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

// The real binary for the entry point, exit statuses and one keychain round trip (doctor's probe
// stores, reads back and deletes an item); the rest in-process.
describe('oidc-onboard basics', () => {
  it('prints its version', async () => {
    const run = await spawnCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it('prints help listing every command, and exits 2 with help on stderr when no command is given', async () => {
    const help = await spawnCli(['--help']);
    expect(help.code).toBe(0);
    for (const name of ['doctor', 'profiles', 'new', 'list', 'show', 'set', 'validate', 'validate-metadata', 'discover', 'keys', 'check-jwks', 'check-history', 'check-compare', 'package', 'verify-package', 'credentials', 'assertion', 'diagnostics']) expect(help.stdout).toContain(`  ${name}`);
    const bare = await spawnCli([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: oidc-onboard');
  });

  it('refuses unknown commands and unknown flags with exit 2', async () => {
    expect((await spawnCli(['frobnicate'])).code).toBe(2);
    const run = await runCli(['doctor', '--no-such-flag']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Unknown option|no-such-flag/);
  });

  it('doctor --json reports a working keychain and a writable data folder (exit 0)', async () => {
    const run = await spawnCli(['doctor', '--json', '--data-dir', dataDir]);
    expect(run.stderr).not.toMatch(/TypeError|ReferenceError/);
    const report = run.json<{ ok: boolean; keychain: { available: boolean; backend: string }; dataDir: { path: string; writable: boolean }; node: string }>();
    expect(report.keychain).toMatchObject({ available: true, backend: keychainBackendName() });
    expect(report.dataDir).toMatchObject({ path: dataDir, writable: true });
    expect(Number(report.node.split('.')[0])).toBeGreaterThanOrEqual(22);
    expect(run.code).toBe(0);
  });

  it.runIf(canWithholdKeychain)('doctor exits 3 with guidance when no keychain is reachable', async () => {
    const run = await spawnCli(['doctor', '--data-dir', dataDir], { env: NO_KEYCHAIN_ENV });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('FAIL  OS keychain');
    expect(run.stdout).toContain(keychainGuidance());
  });

  it('doctor exits 3 when the data folder is not writable', async () => {
    const blocker = path.join(dataDir, 'a-file');
    await writeFile(blocker, 'x');
    await chmod(blocker, 0o400);
    const run = await runCli(['doctor', '--json', '--data-dir', path.join(blocker, 'sub')]);
    expect(run.code).toBe(3);
    expect(run.json<{ dataDir: { writable: boolean } }>().dataDir.writable).toBe(false);
  });

  it('takes the data folder from OIDC_ONBOARD_DATA_DIR', async () => {
    const run = await runCli(['doctor', '--json'], { env: { OIDC_ONBOARD_DATA_DIR: dataDir } });
    expect(run.json<{ dataDir: { path: string } }>().dataDir.path).toBe(dataDir);
  });
});
