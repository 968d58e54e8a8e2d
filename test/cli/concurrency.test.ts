// Many processes, one data folder (issue 10 item 2): real CLI processes started together on one
// folder, while a long-lived store — as the desktop app holds it — keeps writing. Every change
// must be there afterwards; the long-lived store must lose nothing and see everything.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDraftService } from '../../core/registration/drafts';
import { createRegistrationRepository } from '../../core/storage/registrations';
import { openSettingsStore, type SettingsStore } from '../../core/storage/settings-store';
import { createKeyService } from '../../core/keys/key-service';
import { parseKeyRecord } from '../../core/keys/key-record';
import { cryptoRandom, silentLogger, systemClock } from '../../core/ports/system';
import { createOsKeychain } from '../../core/storage/os-keychain';
import { keychainAccounts } from '../support/keychain-items';
import { spawnCli, type CliRun } from '../support/run-cli';
import { testFetcher } from '../support/test-fetcher';

const SERVICE = `oidc-onboard-test-concurrency-${randomUUID()}`;
let dataDir: string;

const cli = (args: string[], stdin?: string): Promise<CliRun> =>
  spawnCli([...args, '--data-dir', dataDir], { env: { OIDC_ONBOARD_KEYCHAIN_SERVICE: SERVICE }, timeoutMs: 240_000, ...(stdin === undefined ? {} : { stdin }) });

const expectAllOk = (runs: CliRun[]) => {
  for (const run of runs) expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.any(String) as string });
};

/** Opens the folder the way the app does: one store, kept open for the whole run. */
function openLongLived(): { store: SettingsStore; drafts: ReturnType<typeof createDraftService>; registrations: ReturnType<typeof createRegistrationRepository> } {
  const store = openSettingsStore({ dataDir, clock: systemClock });
  const registrations = createRegistrationRepository({ store, clock: systemClock });
  return { store, registrations, drafts: createDraftService({ registrations, clock: systemClock, fetcher: testFetcher() }) };
}

/** While `work` runs, the long-lived store keeps writing its own registration (the app's autosave). */
async function whileAppAutosaves<T>(app: ReturnType<typeof openLongLived>, appId: string, work: () => Promise<T>): Promise<{ result: T; saves: number }> {
  let saves = 0;
  const timer = setInterval(() => {
    app.drafts.update(appId, { notes: `autosave ${saves + 1}` });
    saves += 1;
  }, 25);
  try {
    return { result: await work(), saves };
  } finally {
    clearInterval(timer);
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-concurrency-'));
});
afterAll(async () => {
  const vault = createOsKeychain({ service: SERVICE });
  for (const account of await keychainAccounts(SERVICE)) await vault.delete(account);
  await rm(dataDir, { recursive: true, force: true });
});

describe('many processes, one data folder', { timeout: 300_000 }, () => {
  it('20 parallel `set`s on 20 registrations and 10 parallel redirect URIs on one all land; the app store loses nothing and sees them', async () => {
    const app = openLongLived();
    const ids = Array.from({ length: 20 }, (_, n) => app.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: `Service ${n}` }).registration.id);
    const shared = app.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Shared' }).registration.id;
    const appOwn = app.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Open in the app' }).registration.id;

    const { saves } = await whileAppAutosaves(app, appOwn, async () => {
      const runs = await Promise.all([
        ...ids.map((id, n) => cli(['set', id, '--client-name', `Renamed ${n}`])),
        ...Array.from({ length: 10 }, (_, n) => cli(['set', shared, '--redirect-uri', `https://app.example.org/callback/${n}`])),
      ]);
      expectAllOk(runs);
    });
    expect(saves).toBeGreaterThan(0);

    // A fresh reader and the long-lived store both see every change.
    const fresh = openSettingsStore({ dataDir, clock: systemClock }).read().registrations;
    for (const view of [fresh, app.store.read().registrations]) {
      ids.forEach((id, n) => expect(view[id]!.metadata.client_name).toBe(`Renamed ${n}`));
      expect([...(view[shared]!.metadata.redirect_uris as string[])].sort()).toEqual(Array.from({ length: 10 }, (_, n) => `https://app.example.org/callback/${n}`).sort());
      expect(view[appOwn]!.notes).toBe(`autosave ${saves}`);
    }
    // The app's next autosave writes its own change only: what the CLI did stays.
    app.drafts.update(appOwn, { notes: 'after the run' });
    const after = openSettingsStore({ dataDir, clock: systemClock }).read().registrations;
    ids.forEach((id, n) => expect(after[id]!.metadata.client_name).toBe(`Renamed ${n}`));
    expect(after[shared]!.metadata.redirect_uris).toHaveLength(10);
  });

  it('6 parallel `keys generate` on one registration, with `credentials save` interleaved: 6 records, 6 files, 6 keychain items, the Client ID kept, no orphan', async () => {
    const app = openLongLived();
    const id = app.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Keys in parallel' }).registration.id;
    // CIS2's "Client Secret" pattern, so a secret is issued and saved alongside the keys.
    app.drafts.setValues(id, { authMethod: 'client_secret_post' });
    const before = new Set(await keychainAccounts(SERVICE));

    const runs = await Promise.all([
      ...Array.from({ length: 3 }, () => cli(['keys', 'generate', id, '--json'])),
      cli(['credentials', 'save', id, '--client-id', 'parallel-client'], 'parallel-S3cret-0123456789\n'),
      ...Array.from({ length: 3 }, () => cli(['keys', 'generate', id, '--json'])),
    ]);
    expectAllOk(runs);

    const generated = runs.filter((_, n) => n !== 3).map((run) => run.json<{ record: { kid: string } }>().record.kid);
    const registration = app.registrations.get(id);
    expect(registration.keys.map((k) => k.kid).sort()).toEqual([...generated].sort());
    expect(registration.credentials).toMatchObject({ clientId: 'parallel-client', hasSecret: true });

    const files = await readdir(path.join(dataDir, 'keys', id));
    expect(files.filter((f) => f.endsWith('.key'))).toHaveLength(6);
    const added = (await keychainAccounts(SERVICE)).filter((account) => !before.has(account));
    expect(added).toHaveLength(7); // 6 data keys + 1 client secret
    // No orphan: every new keychain item belongs to a recorded key or to the recorded Client ID.
    for (const account of added) expect(generated.some((kid) => account.includes(kid)) || account.includes('parallel-client')).toBe(true);
    // And every key is usable: its file and its keychain item decode together.
    const keyService = createKeyService({ dataDir, vault: createOsKeychain({ service: SERVICE }), clock: systemClock, random: cryptoRandom, logger: silentLogger });
    for (const record of registration.keys.map(parseKeyRecord)) expect(await keyService.verifyCustody(id, record)).toEqual({ ok: true });
  });
});
