// `diagnostics --out` through the real CLI: a 0600 zip with the registrations' public state and
// log tails, and no secret in it (unzipped and scanned), with or without a keychain.
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretAccountIn } from '../support/keychain-names';
import { createOsKeychain } from '../../core/storage/os-keychain';
import { canWithholdKeychain, NO_KEYCHAIN_ENV } from '../support/keychain-env';
import { runCli, spawnCli } from '../support/run-cli';

const SERVICE = `oidc-onboard-test-cli-diag-${randomUUID()}`;
const SECRET = 'diag-cli-S3cret-4242424242';
const vault = createOsKeychain({ service: SERVICE });
let dataDir: string;
let outDir: string;
let regId: string;

const cli = (args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) =>
  runCli([...args, '--data-dir', dataDir], { ...options, env: { OIDC_ONBOARD_KEYCHAIN_SERVICE: SERVICE, ...options.env } });

function unzip(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-diag-'));
  outDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-diag-out-'));
  regId = (await cli(['new', '--profile', 'nhs-cis2', '--environment', 'int', '--name', 'Diag App', '--json'])).json<{ id: string }>().id;
  // CIS2's "Client Secret" pattern issues a secret (NHS login issues none).
  expect((await cli(['set', regId, '--auth-method', 'client_secret_post'])).code).toBe(0);
  expect((await cli(['credentials', 'save', regId, '--client-id', 'diag-client'], { stdin: SECRET })).code).toBe(0);
  await mkdir(path.join(dataDir, 'logs'), { recursive: true });
  await writeFile(path.join(dataDir, 'logs', 'main.log'), `${JSON.stringify({ level: 'error', message: `oops ${SECRET}` })}\n`);
});
afterAll(async () => {
  await vault.delete(secretAccountIn(dataDir, regId, 'diag-client')).catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
  await rm(outDir, { recursive: true, force: true });
});

describe('oidc-onboard diagnostics', { timeout: 60_000 }, () => {
  it('writes a 0600 zip with no secret in it', async () => {
    const out = path.join(outDir, 'bundle.zip');
    const run = await cli(['diagnostics', '--out', out, '--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ path: out, entries: ['diagnostics.json', 'logs/main.log'] });
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    const files = unzip(await readFile(out));
    for (const text of Object.values(files)) expect(text).not.toContain(SECRET);
    const report = JSON.parse(files['diagnostics.json']!) as { registrations: { id: string; credentials: unknown }[]; recentErrors: string[]; keychain: { probe: { available: boolean } } };
    expect(report.registrations.find((r) => r.id === regId)?.credentials).toEqual({ clientId: 'diag-client', receivedAt: expect.any(String), hasSecret: true });
    expect(report.recentErrors).toEqual([expect.stringContaining('oops [REDACTED]')]);
    expect(report.keychain.probe.available).toBe(true);
  });

  it.runIf(canWithholdKeychain)('still writes a bundle without a keychain (logs left out), and needs --out', async () => {
    const out = path.join(outDir, 'no-keychain.zip');
    const run = await spawnCli(['diagnostics', '--out', out, '--data-dir', dataDir], { env: { OIDC_ONBOARD_KEYCHAIN_SERVICE: SERVICE, ...NO_KEYCHAIN_ENV } });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('not available');
    const files = unzip(await readFile(out));
    expect(Object.keys(files)).toEqual(['diagnostics.json']);
    expect(files['diagnostics.json']).not.toContain(SECRET);
    expect((await cli(['diagnostics'])).code).toBe(2);
  });
});
