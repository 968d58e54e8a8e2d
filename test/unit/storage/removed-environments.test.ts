// Drafts saved for an environment the provider removed (NHS login `mock`) move to its replacement
// when the data folder is opened, with a notice the user sees (issue 11 item 1).
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findEnvironment, getProfile } from '../../../core/profiles';
import { REMOVED_ENVIRONMENTS, moveRemovedEnvironments } from '../../../core/storage/removed-environments';
import { SETTINGS_SCHEMA_VERSION, upgradeSettings } from '../../../core/storage/settings-schema';
import { openSettingsStore } from '../../../core/storage/settings-store';
import { runCli } from '../../support/run-cli';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/settings/v2-nhs-login-mock.json');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'oidc-removed-env-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('removed environments', () => {
  it('name environments the profiles no longer have, and replacements they do', () => {
    for (const removed of REMOVED_ENVIRONMENTS) {
      expect(findEnvironment(getProfile(removed.provider), removed.environment)).toBeUndefined();
      expect(findEnvironment(getProfile(removed.provider), removed.replacement)).toBeDefined();
    }
  });

  it('the v2 → v3 migration moves an NHS login mock draft to sandpit with a notice, and leaves the others alone', async () => {
    const raw = JSON.parse(await readFile(fixture, 'utf8'));
    const outcome = upgradeSettings(raw);
    expect(outcome.dropped).toEqual([]);
    expect(outcome.changed).toBe(true);
    expect(outcome.settings.schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
    const moved = outcome.settings.registrations['citizen-app-mock']!;
    expect(moved).toMatchObject({ provider: 'nhs-login', environment: 'sandpit', notes: 'started on the mock', metadata: { client_name: 'Citizen App' } });
    expect(moved.notices).toEqual([expect.objectContaining({ code: 'nhs-login.mock-removed', text: expect.stringMatching(/mock[\s\S]*removed[\s\S]*20 December 2023[\s\S]*Sandpit/) })]);
    const untouched = outcome.settings.registrations['patient-portal-int']!;
    expect(untouched.environment).toBe('int');
    expect(untouched.notices).toBeUndefined();
  });

  it('is idempotent: the notice is added once', () => {
    const once = moveRemovedEnvironments({ provider: 'nhs-login', environment: 'mock' });
    const again = moveRemovedEnvironments({ ...once, environment: 'mock' });
    expect(again.notices).toHaveLength(1);
    expect(moveRemovedEnvironments(once)).toBe(once);
  });

  it('opening the data folder rewrites the file, and `show` prints the notice', async () => {
    await copyFile(fixture, path.join(dir, 'config.json'));
    openSettingsStore({ dataDir: dir, clock: { now: () => new Date('2026-12-01T10:00:00Z') } }).read();
    const onDisk = JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8'));
    expect(onDisk.schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
    expect(onDisk.registrations['citizen-app-mock'].environment).toBe('sandpit');
    const shown = await runCli(['show', 'citizen-app-mock', '--data-dir', dir]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('NHS login · Sandpit');
    expect(shown.stdout).toMatch(/NOTICE: This draft was for NHS login's "mock" environment/);
  });
});
