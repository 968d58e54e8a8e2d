// Deleting a registration takes everything it owns with it — key files, keychain data keys, the
// client secret, check reports, packages in the data folder — through the CLI (`delete --yes`)
// and the app's operation (electron/handlers.ts). A keychain failure half-way leaves nothing
// orphaned, and deleting again finishes the job.
import { randomUUID } from 'node:crypto';
import { access, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../contract/errors';
import { createAppServices, type AppServices } from '../../../core/app/services';
import type { SecretVault } from '../../../core/ports';
import { cryptoRandom, silentLogger, systemClock } from '../../../core/ports/system';
import { createOsKeychain } from '../../../core/storage/os-keychain';
import { createHandlers } from '../../../electron/handlers';
import { keychainAccounts } from '../../support/keychain-items';
import { runCli } from '../../support/run-cli';
import { testFetcher } from '../../support/test-fetcher';

let dataDir: string;
let service: string;

const exists = (p: string) => access(p).then(() => true, () => false);

function servicesWith(vault: SecretVault): AppServices {
  return createAppServices({ dataDir, vault, clock: systemClock, random: cryptoRandom, logger: silentLogger, fetcher: testFetcher() });
}

/** The real keychain with a switch: from the `failAfter`-th delete on, deletes fail as a locked keychain would. */
function flakyVault(real: SecretVault, failAfter: number): SecretVault {
  let deletes = 0;
  return {
    backendName: real.backendName,
    service: real.service,
    get: (account) => real.get(account),
    set: (account, secret) => real.set(account, secret),
    async delete(account) {
      deletes += 1;
      if (deletes >= failAfter) throw new AppError('KEYCHAIN_UNAVAILABLE', 'injected: the keychain was locked half-way');
      return real.delete(account);
    },
  };
}

/** A registration owning two keychain keys, a client secret, a check report and a package in the data folder. */
async function populated(services: AppServices): Promise<string> {
  const id = services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Doomed App' }).registration.id;
  // EC keys (fast to make), declared as such: key generation refuses an algorithm the draft does not declare.
  services.drafts.setValues(id, { signingAlg: 'ES256' });
  await services.keys.generate(id, { alg: 'ES256' });
  await services.keys.generate(id, { alg: 'ES256' });
  // CIS2's "Client Secret" pattern: it issues the secret saved below.
  services.drafts.setValues(id, { authMethod: 'client_secret_post' });
  await services.credentials.save(id, { clientId: 'doomed-client', secret: 'doomed-S3cret-0123456789' });
  await services.checks.run({ registrationId: id, url: 'https://127.0.0.1:9/jwks.json', timeoutMs: 2000 });
  await services.packages.build(id, { offline: true, acknowledgeFindings: 'test package' });
  const reg = services.registrations.get(id);
  expect(reg.keys).toHaveLength(2);
  expect(reg.checks).toHaveLength(1);
  expect(reg.packages).toHaveLength(1);
  expect(await keychainAccounts(service)).toHaveLength(3);
  return id;
}

/** Nothing of `id` is left: no record, no key files, no reports, no package, no keychain item. */
async function expectNothingLeft(services: AppServices, id: string) {
  expect(services.registrations.find(id)).toBeUndefined();
  expect(await exists(path.join(dataDir, 'keys', id))).toBe(false);
  expect(await exists(path.join(dataDir, 'reports', id))).toBe(false);
  expect((await readdir(path.join(dataDir, 'packages')).catch(() => [])).filter((f) => f.startsWith(id))).toEqual([]);
  expect(await keychainAccounts(service)).toEqual([]);
}

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-delete-'));
  service = `oidc-onboard-test-delete-${randomUUID()}`;
});
afterEach(async () => {
  const vault = createOsKeychain({ service });
  for (const account of await keychainAccounts(service)) await vault.delete(account);
  await rm(dataDir, { recursive: true, force: true });
});

describe('deleting a registration', { timeout: 120_000 }, () => {
  it('CLI: `delete` without --yes explains and exits 2; with --yes --json it removes everything and says what', async () => {
    const id = await populated(servicesWith(createOsKeychain({ service })));
    const env = { OIDC_ONBOARD_KEYCHAIN_SERVICE: service };

    const refused = await runCli(['delete', id, '--data-dir', dataDir], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect(await keychainAccounts(service)).toHaveLength(3);

    const run = await runCli(['delete', id, '--yes', '--json', '--data-dir', dataDir], { env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = run.json<{ deleted: boolean; keys: { fileRemoved: boolean; keychainItemRemoved: boolean }[]; credentials: { clientId: string; keychainItemRemoved: boolean }; checkReportsRemoved: number; packageFilesRemoved: string[] }>();
    expect(report).toMatchObject({ deleted: true, credentials: { clientId: 'doomed-client', keychainItemRemoved: true }, checkReportsRemoved: 1 });
    expect(report.keys).toEqual([
      { kid: expect.any(String), fileRemoved: true, keychainItemRemoved: true },
      { kid: expect.any(String), fileRemoved: true, keychainItemRemoved: true },
    ]);
    expect(report.packageFilesRemoved).toHaveLength(1);
    await expectNothingLeft(servicesWith(createOsKeychain({ service })), id);
    expect((await runCli(['show', id, '--data-dir', dataDir], { env })).code).toBe(2);
  });

  it("the app's deleteRegistration (electron/handlers.ts) removes the client secret and everything else too", async () => {
    const services = servicesWith(createOsKeychain({ service }));
    const id = await populated(services);
    const handlers = createHandlers(services, { openExternal: async () => undefined, chooseSavePath: async () => undefined, writeClipboard: async () => undefined });
    expect(await handlers.deleteRegistration({ id, confirm: true }, { emit: () => undefined })).toEqual({ deleted: true });
    await expectNothingLeft(services, id);
  });

  it('a keychain failure half-way leaves nothing orphaned, and deleting again finishes the job', async () => {
    const real = createOsKeychain({ service });
    const id = await populated(servicesWith(real));
    const failing = servicesWith(flakyVault(real, 2));

    await expect(failing.deletion.delete(id, { confirm: true })).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    // Half-way: one key pair went, the rest is still there — and still recorded.
    const reg = failing.registrations.get(id);
    const left = await keychainAccounts(service);
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThan(3);
    const recordedKids = reg.keys.map((k) => String(k.kid));
    for (const account of left) expect(recordedKids.some((kid) => account.includes(kid)) || account.includes(reg.credentials!.clientId)).toBe(true);
    const keyFiles = await readdir(path.join(dataDir, 'keys', id));
    expect(keyFiles.length).toBeLessThanOrEqual(recordedKids.length);

    // The retry (keychain back) completes it.
    const healthy = servicesWith(real);
    const report = await healthy.deletion.delete(id, { confirm: true });
    expect(report.keys).toHaveLength(2);
    await expectNothingLeft(healthy, id);
  });

  it.skipIf(process.platform === 'win32')('every file the app writes in the data folder is 0600, every folder 0700', async () => {
    await populated(servicesWith(createOsKeychain({ service })));
    const entries = await readdir(dataDir, { withFileTypes: true, recursive: true });
    const modes = await Promise.all(entries.map(async (e) => ({ path: path.relative(dataDir, path.join(e.parentPath, e.name)), dir: e.isDirectory(), mode: (await stat(path.join(e.parentPath, e.name))).mode & 0o777 })));
    expect(modes.map((m) => m.path)).toEqual(expect.arrayContaining(['config.json', expect.stringMatching(/^keys\//), expect.stringMatching(/^reports\//), expect.stringMatching(/^packages\//)]));
    for (const m of modes) expect({ path: m.path, mode: m.mode.toString(8) }).toEqual({ path: m.path, mode: m.dir ? '700' : '600' });
    expect(((await stat(dataDir)).mode & 0o777).toString(8)).toBe('700');
  });

  it('refuses without confirmation, and says "no registration" for an unknown or inherited id', async () => {
    const services = servicesWith(createOsKeychain({ service }));
    await expect(services.deletion.delete('anything')).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    for (const id of ['nope', 'constructor', '__proto__', 'toString']) {
      await expect(services.deletion.delete(id, { confirm: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});
