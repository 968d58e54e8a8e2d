// The settings file shared by many processes: the inter-process lock (a stale lock left by a
// SIGKILLed process is broken, a live one is not), fresh reads, file modes, a newer-version file
// shown read-only with its registrations, and a preferences read that never writes.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../core/ports';
import { createPreferences } from '../../../core/storage/preferences';
import { createRegistrationRepository } from '../../../core/storage/registrations';
import { SETTINGS_SCHEMA_VERSION } from '../../../core/storage/settings-schema';
import { openSettingsStore } from '../../../core/storage/settings-store';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/settings');
const root = path.resolve(import.meta.dirname, '../../..');
const clock: Clock = { now: () => new Date('2026-11-27T12:00:00.000Z') };
let dir: string;
const configPath = () => path.join(dir, 'config.json');
const mode = async (p: string) => (await stat(p)).mode & 0o777;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'oidc-settings-proc-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A child process that takes the settings lock with proper-lockfile and reports when it holds it. `refresh` keeps it fresh (a live holder). */
function lockHolder(target: string, refresh: boolean): Promise<{ kill(): Promise<void> }> {
  const script = `
    const lockfile = require('proper-lockfile');
    lockfile.lock(${JSON.stringify(target)}, { realpath: false, stale: ${refresh ? 2000 : 2 ** 30}, update: ${refresh ? 1000 : 2 ** 29} })
      .then(() => { process.stdout.write('held\\n'); setInterval(() => {}, 1000); });`;
  const child = spawn(process.execPath, ['-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.stdout.once('data', () =>
      resolve({
        kill: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGKILL');
          }),
      }),
    );
  });
}

describe('the inter-process lock', { timeout: 60_000 }, () => {
  it('breaks a stale lock left by a SIGKILLed process, and writes', async () => {
    const store = openSettingsStore({ dataDir: dir, clock, lock: { staleMs: 2000 } });
    const holder = await lockHolder(configPath(), false);
    await holder.kill();
    expect((await stat(`${configPath()}.lock`)).isDirectory()).toBe(true);
    store.update((s) => void (s.preferences.theme = 'dark'));
    expect(JSON.parse(await readFile(configPath(), 'utf8')).preferences.theme).toBe('dark');
    await expect(stat(`${configPath()}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('never breaks the lock of a live holder: the write gives up with STORAGE_WRITE_FAILED and changes nothing', async () => {
    const store = openSettingsStore({ dataDir: dir, clock, lock: { staleMs: 2000, waitMs: 4000 } });
    store.update((s) => void (s.preferences.theme = 'light'));
    const before = await readFile(configPath(), 'utf8');
    const holder = await lockHolder(configPath(), true);
    try {
      expect(() => store.update((s) => void (s.preferences.theme = 'dark'))).toThrow(expect.objectContaining({ code: 'STORAGE_WRITE_FAILED', details: expect.objectContaining({ reason: 'locked' }) }));
      expect(await readFile(configPath(), 'utf8')).toBe(before);
      expect((await stat(`${configPath()}.lock`)).isDirectory()).toBe(true);
    } finally {
      await holder.kill();
    }
  });
});

describe('a lock taken over while its holder was paused', () => {
  it('is noticed before the write: STORAGE_WRITE_FAILED (lock-lost), the file unchanged', async () => {
    const store = openSettingsStore({ dataDir: dir, clock });
    store.update((s) => void (s.preferences.theme = 'light'));
    const before = await readFile(configPath(), 'utf8');
    expect(() =>
      store.update((s) => {
        // What another process does after judging this one dead: break the lock and take it.
        rmSync(`${configPath()}.lock`, { recursive: true });
        mkdirSync(`${configPath()}.lock`);
        s.preferences.theme = 'dark';
      }),
    ).toThrow(expect.objectContaining({ code: 'STORAGE_WRITE_FAILED', details: expect.objectContaining({ reason: 'lock-lost' }) }));
    expect(await readFile(configPath(), 'utf8')).toBe(before);
    // Releasing left the new holder's lock in place.
    expect((await stat(`${configPath()}.lock`)).isDirectory()).toBe(true);
    rmSync(`${configPath()}.lock`, { recursive: true });
  });
});

describe('two stores on one folder (the app and a CLI process)', () => {
  it('each write starts from the file as it is now, and a long-lived store sees the other writes', () => {
    const app = createRegistrationRepository({ store: openSettingsStore({ dataDir: dir, clock }), clock });
    const cli = createRegistrationRepository({ store: openSettingsStore({ dataDir: dir, clock }), clock });
    const base = { provider: 'nhs-cis2', environment: 'int', metadata: {}, notes: '', createdAt: clock.now().toISOString(), updatedAt: clock.now().toISOString(), keys: [], checks: [], packages: [], checklist: {} };
    app.create(() => ({ ...base, id: 'from-app' }));
    cli.create(() => ({ ...base, id: 'from-cli' }));
    app.update('from-app', (r) => void (r.notes = 'app edit'));
    expect(app.list().map((r) => r.id).sort()).toEqual(['from-app', 'from-cli']);
    expect(cli.get('from-app').notes).toBe('app edit');
    cli.remove('from-app');
    expect(app.find('from-app')).toBeUndefined();
    expect(() => app.update('from-app', () => undefined)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('looks registrations up by own property only: constructor, __proto__, toString are "no registration"', () => {
    const repo = createRegistrationRepository({ store: openSettingsStore({ dataDir: dir, clock }), clock });
    for (const id of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(repo.find(id)).toBeUndefined();
      expect(() => repo.get(id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('No registration') }));
      expect(() => repo.update(id, () => undefined)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    }
  });
});

describe('lookups hand out copies', () => {
  it('changing a record returned by list, find or get (or the preferences) does not change the next read', () => {
    const store = openSettingsStore({ dataDir: dir, clock });
    const repo = createRegistrationRepository({ store, clock });
    const base = { provider: 'nhs-cis2', environment: 'int', metadata: { client_name: 'Kept' }, notes: 'kept', createdAt: clock.now().toISOString(), updatedAt: clock.now().toISOString(), keys: [], checks: [], packages: [], checklist: {} };
    repo.create(() => ({ ...base, id: 'one' }));
    repo.create(() => ({ ...base, id: 'two' }));

    const found = repo.find('one')!;
    found.notes = 'changed through find';
    found.metadata.client_name = 'changed through find';
    const got = repo.get('two');
    got.keys.push({ kid: 'not-a-key' } as never);
    const listed = repo.list();
    for (const record of listed) record.checklist['x'] = { done: true } as never;
    listed.pop();
    const preferences = createPreferences(store);
    preferences.get().theme = 'dark';

    expect(repo.get('one')).toMatchObject({ notes: 'kept', metadata: { client_name: 'Kept' }, checklist: {} });
    expect(repo.find('two')).toMatchObject({ keys: [], checklist: {} });
    expect(repo.list()).toHaveLength(2);
    expect(store.read().registrations['one']!.metadata).toEqual({ client_name: 'Kept' });
    expect(preferences.get().theme).not.toBe('dark');
    // And a write starts from the stored values, not from anything a caller changed.
    repo.update('one', (r) => void (r.notes = 'written'));
    expect(repo.get('one')).toMatchObject({ notes: 'written', metadata: { client_name: 'Kept' } });
  });
});

describe('file modes', () => {
  it.skipIf(process.platform === 'win32')('writes config.json 0600 in a 0700 folder', async () => {
    const dataDir = path.join(dir, 'fresh');
    openSettingsStore({ dataDir, clock }).update((s) => void (s.preferences.theme = 'dark'));
    expect(await mode(dataDir)).toBe(0o700);
    expect(await mode(path.join(dataDir, 'config.json'))).toBe(0o600);
  });

  it.skipIf(process.platform === 'win32')('tightens an existing 0755 folder and 0644 file it owns', async () => {
    const dataDir = path.join(dir, 'old');
    await mkdir(dataDir, { mode: 0o755 });
    await chmod(dataDir, 0o755);
    await writeFile(path.join(dataDir, 'config.json'), await readFile(path.join(fixtures, 'v2.json')), { mode: 0o644 });
    await chmod(path.join(dataDir, 'config.json'), 0o644);
    openSettingsStore({ dataDir, clock });
    expect(await mode(dataDir)).toBe(0o700);
    expect(await mode(path.join(dataDir, 'config.json'))).toBe(0o600);
  });
});

describe('a config.json from a newer version', () => {
  async function newerFile(): Promise<string> {
    const v2 = JSON.parse(await readFile(path.join(fixtures, 'v2.json'), 'utf8'));
    const registration = { ...v2.registrations['patient-portal-int'], futureMember: { x: 1 } };
    const text = JSON.stringify({ schemaVersion: SETTINGS_SCHEMA_VERSION + 1, registrations: { 'patient-portal-int': registration, 'future-shape': { id: 'future-shape', shape: 'new' } }, preferences: { theme: 'dark', clipboardClearSeconds: 45 }, future: true });
    await writeFile(configPath(), text);
    return text;
  }

  it('shows its registrations read-only, refuses writes with a clear error, and leaves its bytes alone', async () => {
    const text = await newerFile();
    const store = openSettingsStore({ dataDir: dir, clock });
    const repo = createRegistrationRepository({ store, clock });
    expect(store.readOnly).toBe(true);
    expect(repo.list().map((r) => r.id)).toEqual(['patient-portal-int']);
    expect(repo.get('patient-portal-int').metadata.client_name).toBe('Patient Portal');
    expect(store.notices).toEqual([expect.objectContaining({ kind: 'newer-version', message: expect.stringContaining('future-shape') })]);
    expect(() => repo.update('patient-portal-int', (r) => void (r.notes = 'x'))).toThrow(expect.objectContaining({ code: 'STORAGE_WRITE_FAILED', message: expect.stringContaining('newer version') }));
    expect(await readFile(configPath(), 'utf8')).toBe(text);
  });

  it('reading the preferences never writes the file (bytes and mtime unchanged), newer or not', async () => {
    await newerFile();
    for (const setup of ['newer', 'current'] as const) {
      // The fixture's content at the current schema version (an older file is migrated, i.e. written, on open).
      if (setup === 'current') await writeFile(configPath(), JSON.stringify({ ...JSON.parse(await readFile(path.join(fixtures, 'v2.json'), 'utf8')), schemaVersion: SETTINGS_SCHEMA_VERSION }));
      const before = { bytes: await readFile(configPath()), mtime: (await stat(configPath())).mtimeMs };
      const preferences = createPreferences(openSettingsStore({ dataDir: dir, clock }));
      expect(preferences.get()).toEqual({ theme: 'dark', clipboardClearSeconds: 45 });
      expect(preferences.set({})).toEqual({ theme: 'dark', clipboardClearSeconds: 45 });
      expect(await readFile(configPath())).toEqual(before.bytes);
      expect((await stat(configPath())).mtimeMs).toBe(before.mtime);
    }
  });
});
