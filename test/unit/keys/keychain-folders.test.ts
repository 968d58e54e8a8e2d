// Keychain items belong to one data folder (issue 10 item 3), with the real Secret Service:
// two folders with the same registration and kid keep their own keys; items named the way earlier
// versions did are moved on first use, crash-safely; a keychain item that is not a data key is
// KEYCHAIN_ITEM_INVALID and leaves the key file alone.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compactVerify, importJWK } from 'jose';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { errorKind, isAppError, type AppError } from '../../../contract/errors';
import { createAppServices, type AppServices } from '../../../core/app/services';
import { createFetcher } from '../../../core/net/fetcher';
import { legacyClientSecretAccount } from '../../../core/credentials/accounts';
import { keyFilePath, type KeyRecord } from '../../../core/keys';
import { legacyDataKeyAccount } from '../../../core/keys/custody';
import type { SecretVault } from '../../../core/ports';
import { cryptoRandom, silentLogger, systemClock } from '../../../core/ports/system';
import { INSTALLATION_FILE, readInstallation } from '../../../core/storage/installation';
import { createOsKeychain } from '../../../core/storage/os-keychain';
import { dataKeyAccountIn, secretAccountIn } from '../../support/keychain-names';

const SECRET = 'Folder-scoped-s3cret-0123456789';
const KID = 'shared-kid';
const STRONG = 'correct horse battery staple 42!';

// One real keychain service for the whole file, as on a user's machine: every data folder shares it.
const real = createOsKeychain({ service: `oidc-onboard-test-folders-${randomUUID()}` });
const written = new Set<string>();
const dirs: string[] = [];

/** The real keychain, passed through; it records each call so tests can see what was touched. */
function recordingVault(calls: string[]): SecretVault {
  return {
    backendName: real.backendName,
    service: real.service,
    get: (account) => (calls.push(`get ${account}`), real.get(account)),
    set: (account, secret) => (calls.push(`set ${account}`), written.add(account), real.set(account, secret)),
    delete: (account) => (calls.push(`delete ${account}`), real.delete(account)),
  };
}

function open(dataDir: string): AppServices & { calls: string[] } {
  const calls: string[] = [];
  const services = createAppServices({ dataDir, vault: recordingVault(calls), clock: systemClock, random: cryptoRandom, logger: silentLogger, fetcher: createFetcher({ userAgent: 'oidc-onboard-test' }) });
  return Object.assign(services, { calls });
}

async function newFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'oidc-folders-'));
  dirs.push(dir);
  return dir;
}

/** A registration named the same in every folder, with a key of the fixed custom kid and saved credentials. */
async function populate(services: AppServices, withCredentials = true): Promise<{ id: string; record: KeyRecord }> {
  const id = services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Same Name' }).registration.id;
  // CIS2's "Client Secret" pattern is the one where the provider issues a secret to keep in the keychain.
  if (withCredentials) services.registrations.update(id, (registration) => void (registration.metadata.token_endpoint_auth_method = 'client_secret_basic'));
  const { record } = await services.keys.generate(id, { alg: 'RS256', size: 2048, kid: KID });
  if (withCredentials) await services.credentials.save(id, { clientId: 'client-1', secret: SECRET });
  return { id, record };
}

async function verifies(jws: string, record: KeyRecord): Promise<boolean> {
  try {
    await compactVerify(jws, await importJWK(record.publicJwk, record.alg));
    return true;
  } catch {
    return false;
  }
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/**
 * Turns a folder into what a version before the installation id left behind: the same key file and
 * records, the items under the old names (`key:<registration>:<kid>`, `client-secret:<registration>:<client id>`),
 * and no installation.json.
 */
async function makeOldStyle(dataDir: string, id: string, withCredentials = true): Promise<{ dataKey: string }> {
  const dataKey = (await real.get(dataKeyAccountIn(dataDir, id, KID)))!;
  await real.set(legacyDataKeyAccount(id, KID), dataKey);
  written.add(legacyDataKeyAccount(id, KID));
  await real.delete(dataKeyAccountIn(dataDir, id, KID));
  if (withCredentials) {
    await real.set(legacyClientSecretAccount(id, 'client-1'), SECRET);
    written.add(legacyClientSecretAccount(id, 'client-1'));
    await real.delete(secretAccountIn(dataDir, id, 'client-1'));
  }
  await rm(path.join(dataDir, INSTALLATION_FILE));
  return { dataKey };
}

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
afterAll(async () => {
  for (const account of written) await real.delete(account).catch(() => undefined);
});

describe('two data folders', () => {
  it('with the same registration name and the same custom kid keep their own keys and secrets', async () => {
    const [dirA, dirB] = [await newFolder(), await newFolder()];
    const a = open(dirA);
    const b = open(dirB);
    const inA = await populate(a);
    const inB = await populate(b);
    expect(inB.id).toBe(inA.id);
    expect(inB.record.kid).toBe(inA.record.kid);
    expect(dataKeyAccountIn(dirA, inA.id, KID)).not.toBe(dataKeyAccountIn(dirB, inB.id, KID));

    // Both private keys are still usable and exportable after the second generation.
    for (const [services, { id, record }] of [
      [a, inA],
      [b, inB],
    ] as const) {
      expect(await verifies(await services.keyService.sign(id, record, 'x'), record)).toBe(true);
      const exported = await services.keyService.exportPrivate(id, record, 'pkcs8-encrypted-pem', STRONG);
      expect(exported).toContain('ENCRYPTED PRIVATE KEY');
      expect(await services.credentials.reveal(id)).toBe(SECRET);
    }
    // Even from freshly opened services (nothing cached).
    expect(await verifies(await open(dirA).keyService.sign(inA.id, inA.record, 'y'), inA.record)).toBe(true);
    expect(inA.record.thumbprint).not.toBe(inB.record.thumbprint);
  });

  it('get their installation id race-free: parallel processes all end up with the one that was written', async () => {
    const dir = await newFolder();
    const module = fileURLToPath(new URL('../../../core/storage/installation.ts', import.meta.url));
    const startAt = Date.now() + 1500;
    const script = `import { ensureInstallation } from ${JSON.stringify(module)};
while (Date.now() < ${startAt});
process.stdout.write(ensureInstallation(${JSON.stringify(dir)}).id);`;
    const run = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err}`))));
      });
    const ids = await Promise.all(Array.from({ length: 6 }, run));
    expect(new Set(ids).size).toBe(1);
    expect(readInstallation(dir)?.id).toBe(ids[0]);
    // No temp file is left behind.
    expect(await readdir(dir)).toEqual([INSTALLATION_FILE]);
  }, 60_000);
});

describe('items named the old way', () => {
  it('are moved to folder-scoped names on first keychain use, and the old ones are gone', async () => {
    const dir = await newFolder();
    const { id, record } = await populate(open(dir));
    const { dataKey } = await makeOldStyle(dir, id);

    const later = open(dir);
    // Commands that need no secret (list, show) touch no keychain item.
    expect(Object.keys(later.store.read().registrations)).toEqual([id]);
    expect(later.credentials.show(id)).toMatchObject({ clientId: 'client-1', account: secretAccountIn(dir, id, 'client-1') });
    expect(later.calls).toEqual([]);

    expect(await verifies(await later.keyService.sign(id, record, 'x'), record)).toBe(true);
    expect(await real.get(legacyDataKeyAccount(id, KID))).toBeUndefined();
    expect(await real.get(legacyClientSecretAccount(id, 'client-1'))).toBeUndefined();
    expect(await real.get(dataKeyAccountIn(dir, id, KID))).toBe(dataKey);
    expect(await later.credentials.reveal(id)).toBe(SECRET);
    expect(readInstallation(dir)?.keychainMigratedAt).toBeDefined();

    // Done once per folder: the next process goes straight to the new names.
    const third = open(dir);
    expect(await verifies(await third.keyService.sign(id, record, 'y'), record)).toBe(true);
    expect(third.calls).toEqual([`get ${dataKeyAccountIn(dir, id, KID)}`]);
  });

  it.each([
    ['copied but not yet deleted (both names hold the item)', true],
    ['deleted but the folder not yet marked as done', false],
  ])('finish cleanly after a crash: %s', async (_label, oldStillThere) => {
    const dir = await newFolder();
    const { id, record } = await populate(open(dir));
    const { dataKey } = await makeOldStyle(dir, id);
    // The interrupted run had created the installation id and copied the items.
    await real.set(dataKeyAccountIn(dir, id, KID), dataKey);
    await real.set(secretAccountIn(dir, id, 'client-1'), SECRET);
    if (!oldStillThere) {
      await real.delete(legacyDataKeyAccount(id, KID));
      await real.delete(legacyClientSecretAccount(id, 'client-1'));
    }
    expect(readInstallation(dir)?.keychainMigratedAt).toBeUndefined();

    const next = open(dir);
    expect(await verifies(await next.keyService.sign(id, record, 'x'), record)).toBe(true);
    expect(await next.credentials.reveal(id)).toBe(SECRET);
    expect(await real.get(legacyDataKeyAccount(id, KID))).toBeUndefined();
    expect(await real.get(legacyClientSecretAccount(id, 'client-1'))).toBeUndefined();
    expect(await real.get(dataKeyAccountIn(dir, id, KID))).toBe(dataKey);
    expect(readInstallation(dir)?.keychainMigratedAt).toBeDefined();
  });

  it("move only to the folder whose key file the old data key opens (old names were shared by every folder)", async () => {
    const [dirA, dirB] = [await newFolder(), await newFolder()];
    const inA = await populate(open(dirA), false);
    const inB = await populate(open(dirB), false);
    // The old version's second `keys generate` (folder B) overwrote folder A's data key.
    await makeOldStyle(dirA, inA.id, false);
    const { dataKey: bKey } = await makeOldStyle(dirB, inB.id, false);
    expect(await real.get(legacyDataKeyAccount(inA.id, KID))).toBe(bKey);

    // A's key was lost by that overwrite; opening A must not take B's item for its own.
    const a = open(dirA);
    expect((await rejection(a.keyService.sign(inA.id, inA.record, 'x'))).code).toBe('KEYCHAIN_ITEM_MISSING');
    expect(await real.get(legacyDataKeyAccount(inA.id, KID))).toBe(bKey);
    expect(await readdir(path.dirname(keyFilePath(dirA, inA.id, KID)))).toHaveLength(1);

    const b = open(dirB);
    expect(await verifies(await b.keyService.sign(inB.id, inB.record, 'x'), inB.record)).toBe(true);
    expect(await real.get(legacyDataKeyAccount(inB.id, KID))).toBeUndefined();
  });
});

describe('a keychain item that is not a data key', () => {
  it.each([
    ['garbage text', 'not a key at all!'],
    ['too short', Buffer.alloc(16, 7).toString('base64url')],
    ['too long', Buffer.alloc(48, 7).toString('base64url')],
    ['padded standard base64', `${Buffer.alloc(32, 7).toString('base64')}`],
    ['non-canonical last character', `${Buffer.alloc(32, 0).toString('base64url').slice(0, 42)}B`],
    ['empty', ''],
  ])('(%s) is KEYCHAIN_ITEM_INVALID and the key file is left untouched', async (_label, garbage) => {
    const dir = await newFolder();
    const services = open(dir);
    const { id, record } = await populate(services, false);
    const file = keyFilePath(dir, id, KID);
    const before = await readFile(file);
    const account = dataKeyAccountIn(dir, id, KID);
    const dataKey = (await real.get(account))!;
    await real.set(account, garbage);

    const error = await rejection(services.keyService.sign(id, record, 'x'));
    expect(error.code).toBe('KEYCHAIN_ITEM_INVALID');
    expect(errorKind(error.code)).toBe('environment');
    expect(error.message).toContain(account);
    // The item's content is never echoed (it might be a secret put there by mistake).
    if (garbage.length > 8) expect(error.message).not.toContain(garbage);
    expect(await services.keyService.verifyCustody(id, record)).toMatchObject({ ok: false, code: 'KEYCHAIN_ITEM_INVALID' });
    // Byte for byte the same file, still in place (not quarantined).
    expect(await readFile(file)).toEqual(before);
    expect(await readdir(path.dirname(file))).toEqual([path.basename(file)]);

    // Restoring the item makes the key usable again.
    await real.set(account, dataKey);
    expect(await verifies(await services.keyService.sign(id, record, 'y'), record)).toBe(true);
  });
});
