// The folder watch behind the app's `registrations:changed`: another store's write (an atomic
// rename, as every write is) is reported with the registrations it changed; the watching store's
// own writes are not; and the wizard's autosave merge keeps what another process changed.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDraftService, mergeMembers } from '../../../core/registration/drafts';
import { systemClock } from '../../../core/ports/system';
import { createRegistrationRepository } from '../../../core/storage/registrations';
import { openSettingsStore, type SettingsChange } from '../../../core/storage/settings-store';
import { watchSettings } from '../../../core/storage/settings-watch';
import { testFetcher } from '../../support/test-fetcher';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'oidc-watch-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function processOn(dataDir: string) {
  const store = openSettingsStore({ dataDir, clock: systemClock });
  const registrations = createRegistrationRepository({ store, clock: systemClock });
  return { store, registrations, drafts: createDraftService({ registrations, clock: systemClock, fetcher: testFetcher() }) };
}

describe('watching the settings folder', () => {
  it("reports another process's changes with their ids, and never the watcher's own writes", async () => {
    const app = processOn(dir);
    const cli = processOn(dir);
    const seen: SettingsChange[] = [];
    const watch = watchSettings({ store: app.store, onChange: (change) => seen.push(change), debounceMs: 30 });
    try {
      const own = app.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Own' }).registration.id;
      const other = cli.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Other' }).registration.id;
      await expect.poll(() => seen.flatMap((c) => c.registrations)).toContain(other);
      expect(seen.flatMap((c) => c.registrations)).not.toContain(own);

      const before = seen.length;
      app.drafts.setValues(own, { clientName: 'Own, renamed' });
      cli.drafts.setValues(other, { clientName: 'Other, renamed' });
      await expect.poll(() => seen.length).toBeGreaterThan(before);
      expect(seen.slice(before).flatMap((c) => c.registrations)).toEqual([other]);
      expect(app.registrations.get(other).metadata.client_name).toBe('Other, renamed');
    } finally {
      watch.close();
    }
  });

  it('no read and no own write in between swallows a change made elsewhere', () => {
    const app = processOn(dir);
    const cli = processOn(dir);
    const a = app.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'A' }).registration.id;
    expect(app.store.refresh()).toBeUndefined();
    const b = cli.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'B' }).registration.id;
    app.store.read(); // an IPC read before the watcher's check
    app.drafts.setValues(a, { clientName: 'A2' }); // and the app's own autosave
    cli.drafts.setValues(b, { clientName: 'B2' });
    app.drafts.setValues(a, { clientName: 'A3' });
    expect(app.store.refresh()).toEqual({ registrations: [b], preferences: false, readOnly: false });
    expect(app.store.refresh()).toBeUndefined();
  });

  it('an autosave with its base writes only what the window changed; a member changed elsewhere survives', () => {
    const app = processOn(dir);
    const cli = processOn(dir);
    const id = app.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Clinic' }).registration.id;
    const base = app.registrations.get(id);
    cli.drafts.setValues(id, { addRedirectUris: ['https://clinic.example.org/cb'], contacts: ['ops@clinic.example.org'] });
    app.drafts.update(id, { metadata: { ...base.metadata, client_name: 'Clinic v2' }, notes: base.notes, base: { metadata: base.metadata, notes: base.notes } });
    const now = cli.registrations.get(id).metadata;
    expect(now).toMatchObject({ client_name: 'Clinic v2', redirect_uris: ['https://clinic.example.org/cb'], contacts: ['ops@clinic.example.org'] });
  });

  it('merges member by member: changed here wins, untouched takes the current value, removed here goes', () => {
    expect(mergeMembers({ a: 1, b: 1, c: 1, d: 1 }, { a: 2, b: 1, c: 1 }, { a: 1, b: 3, c: 1, d: 1, e: 5 })).toEqual({ a: 2, b: 3, c: 1, e: 5 });
  });
});
