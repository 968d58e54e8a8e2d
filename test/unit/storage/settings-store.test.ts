// The settings file: migrations from every schema version, quarantine and recovery of broken
// files, read-only for newer files, and failed writes that lose nothing.
import { chmod, copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../core/ports';
import { SETTINGS_SCHEMA_VERSION, upgradeSettings } from '../../../core/storage/settings-schema';
import { openSettingsStore } from '../../../core/storage/settings-store';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/settings');
const clock: Clock = { now: () => new Date('2026-11-27T12:00:00.000Z') };
let dir: string;
const configPath = () => path.join(dir, 'config.json');

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'oidc-settings-'));
});
afterEach(async () => {
  await chmod(dir, 0o700).catch(() => {});
  await rm(dir, { recursive: true, force: true });
});

async function quarantined(): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.startsWith('config.json.corrupt-'));
}

describe('settings migrations', () => {
  it.each(['v1.json', 'v2.json'])('opens the %s fixture and brings it to the current version', async (fixture) => {
    await copyFile(path.join(fixtures, fixture), configPath());
    const store = openSettingsStore({ dataDir: dir, clock });
    const settings = store.read();
    expect(settings.schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
    expect(settings.registrations['patient-portal-int']).toMatchObject({ provider: 'nhs-cis2', environment: 'int', metadata: { client_name: 'Patient Portal' } });
    const onDisk = JSON.parse(await readFile(configPath(), 'utf8'));
    expect(onDisk.schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
    expect(await quarantined()).toEqual([]);
  });

  it('migrates v1 drafts with all their values and notes', async () => {
    await copyFile(path.join(fixtures, 'v1.json'), configPath());
    const store = openSettingsStore({ dataDir: dir, clock });
    expect(store.notices).toEqual([expect.objectContaining({ kind: 'migrated' })]);
    const { registrations } = store.read();
    expect(Object.keys(registrations).sort()).toEqual(['citizen-app-sandpit', 'patient-portal-int']);
    expect(registrations['patient-portal-int']!.notes).toBe('from the v1 preview');
    expect(registrations['citizen-app-sandpit']!.updatedAt).toBe('2026-02-01T09:00:00.000Z');
  });

  it('is idempotent: migrating the output again changes nothing', async () => {
    const once = upgradeSettings(JSON.parse(await readFile(path.join(fixtures, 'v1.json'), 'utf8')));
    const twice = upgradeSettings(once.settings);
    expect(twice.settings).toEqual(once.settings);
    expect(twice.changed).toBe(false);
  });

  it('keeps preferences through a reopen', async () => {
    await copyFile(path.join(fixtures, 'v2.json'), configPath());
    openSettingsStore({ dataDir: dir, clock });
    expect(openSettingsStore({ dataDir: dir, clock }).read().preferences).toEqual({ clipboardClearSeconds: 45, theme: 'dark' });
  });
});

describe('settings corruption', () => {
  it.each([
    ['garbage', 'this is {not json'],
    ['empty', ''],
    ['whitespace only', '  \n'],
    ['a JSON array', '[1,2,3]'],
    ['a JSON string', '"hello"'],
  ])('quarantines a %s file, starts empty and tells the user', async (_name, content) => {
    await writeFile(configPath(), content);
    const store = openSettingsStore({ dataDir: dir, clock });
    expect(store.read().registrations).toEqual({});
    const [moved] = await quarantined();
    expect(moved).toBe('config.json.corrupt-2026-11-27T12-00-00-000Z');
    expect(await readFile(path.join(dir, moved!), 'utf8')).toBe(content);
    expect(store.notices[0]).toMatchObject({ kind: 'quarantined' });
    // The fresh file is valid and usable.
    store.update((s) => void (s.preferences.theme = 'light'));
    expect(JSON.parse(await readFile(configPath(), 'utf8')).preferences.theme).toBe('light');
  });

  it('quarantines a file with invalid UTF-8 (naming the offset) instead of replacing the bad bytes', async () => {
    const v2 = await readFile(path.join(fixtures, 'v2.json'));
    const at = v2.indexOf('patient-portal-int') + 3;
    const damaged = Buffer.concat([v2.subarray(0, at), Buffer.from([0xc0, 0xaf]), v2.subarray(at)]);
    await writeFile(configPath(), damaged);
    const store = openSettingsStore({ dataDir: dir, clock });
    expect(store.read().registrations).toEqual({});
    expect(store.notices[0]?.message).toContain(`not valid UTF-8: invalid byte at byte offset ${at}`);
    const [moved] = await quarantined();
    expect(await readFile(path.join(dir, moved!))).toEqual(damaged);
  });

  it('reads a file with a UTF-8 byte-order mark without losing anything', async () => {
    await writeFile(configPath(), '\uFEFF' + (await readFile(path.join(fixtures, 'v2.json'), 'utf8')));
    const store = openSettingsStore({ dataDir: dir, clock });
    expect(Object.keys(store.read().registrations)).toEqual(['patient-portal-int']);
    expect(await quarantined()).toEqual([]);
  });

  it('recovers the valid registrations of a schema-violating file and keeps a copy of the original', async () => {
    const good = JSON.parse(await readFile(path.join(fixtures, 'v2.json'), 'utf8'));
    good.registrations.broken = { id: 'broken', provider: 42 };
    good.registrations.mismatch = { ...good.registrations['patient-portal-int'], id: 'other' };
    const original = JSON.stringify(good);
    await writeFile(configPath(), original);
    const store = openSettingsStore({ dataDir: dir, clock });
    expect(Object.keys(store.read().registrations)).toEqual(['patient-portal-int']);
    expect(store.read().preferences.theme).toBe('dark');
    const [copy] = await quarantined();
    expect(await readFile(path.join(dir, copy!), 'utf8')).toBe(original);
    expect(store.notices.map((n) => n.kind)).toEqual(['quarantined', 'recovered']);
    expect(store.notices[1]!.message).toContain('broken');
  });

  it('opens a file from a newer version read-only and never overwrites it', async () => {
    const newer = JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION + 1, registrations: {}, future: true });
    await writeFile(configPath(), newer);
    const store = openSettingsStore({ dataDir: dir, clock });
    expect(store.readOnly).toBe(true);
    expect(() => store.update(() => {})).toThrow(expect.objectContaining({ code: 'STORAGE_WRITE_FAILED' }));
    expect(await readFile(configPath(), 'utf8')).toBe(newer);
  });

  it('a failed write loses nothing (injected failure)', async () => {
    // A file already at the current version, so opening it needs no write.
    const current = { ...JSON.parse(await readFile(path.join(fixtures, 'v2.json'), 'utf8')), schemaVersion: SETTINGS_SCHEMA_VERSION };
    await writeFile(configPath(), JSON.stringify(current));
    const before = await readFile(configPath(), 'utf8');
    const store = openSettingsStore({
      dataDir: dir,
      clock,
      writeFile: () => {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    });
    expect(() => store.update((s) => void (s.preferences.theme = 'light'))).toThrow(expect.objectContaining({ code: 'STORAGE_WRITE_FAILED' }));
    expect(store.read().preferences.theme).toBe('dark');
    expect(await readFile(configPath(), 'utf8')).toBe(before);
  });

  it('refuses to save settings that break the schema', async () => {
    const store = openSettingsStore({ dataDir: dir, clock });
    expect(() => store.update((s) => void ((s as unknown as { schemaVersion: number }).schemaVersion = 99))).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });
});
