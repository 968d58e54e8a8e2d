// The CLI over the registrations repository: inherited names are "no registration" (exit 2), and a
// config.json from a newer version is listed read-only, writes refused, its bytes untouched.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS_SCHEMA_VERSION } from '../../core/storage/settings-schema';
import { runCli } from '../support/run-cli';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/settings');
let dataDir: string;
const cli = (args: string[]) => runCli([...args, '--data-dir', dataDir], { env: { OIDC_ONBOARD_KEYCHAIN_SERVICE: `oidc-onboard-test-lookups-${process.pid}` } });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-lookups-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('registration lookups and a newer settings file', { timeout: 90_000 }, () => {
  it.each([
    ['show', 'constructor'],
    ['keys', 'list', '__proto__'],
    ['validate', 'toString'],
    ['credentials', 'show', 'hasOwnProperty'],
  ].map((args) => [args.join(' '), args] as const))('%s → exit 2 "no registration"', async (_name, args) => {
    const run = await cli([...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/No registration/);
    expect(run.stderr).not.toMatch(/TypeError/);
  });

  it('lists the registrations of a newer-version file, refuses to change them (exit 3, clear message), bytes unchanged', async () => {
    const v2 = JSON.parse(await readFile(path.join(fixtures, 'v2.json'), 'utf8'));
    const text = JSON.stringify({ ...v2, schemaVersion: SETTINGS_SCHEMA_VERSION + 1, newerMember: [1, 2, 3] });
    await writeFile(path.join(dataDir, 'config.json'), text);

    const listed = await cli(['list', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.stringify(listed.json())).toContain('patient-portal-int');
    expect(listed.stderr).toContain('newer version');

    const set = await cli(['set', 'patient-portal-int', '--client-name', 'Changed']);
    expect(set.code).toBe(3);
    expect(set.stderr).toMatch(/newer version of OIDC Onboard.*Nothing was changed/);
    const deleted = await cli(['delete', 'patient-portal-int', '--yes']);
    expect(deleted.code).toBe(3);
    expect(await readFile(path.join(dataDir, 'config.json'), 'utf8')).toBe(text);
  });
});
