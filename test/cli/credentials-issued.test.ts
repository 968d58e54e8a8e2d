// What the provider issues decides what `credentials save` stores (issue 11 item 2), against the
// real OS keychain: a Client ID alone for NHS login and CIS2 private_key_jwt (no keychain item
// written), a secret required for CIS2 client_secret_post (exit 2 without one), an API key with an
// optional application id and KID for the API platform (a UUID typed as the API key warns).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findCredentialsAsync } from '@napi-rs/keyring';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyService, PERMISSIVE_KEY_POLICY } from '../../core/keys';
import { cryptoRandom, silentLogger, systemClock } from '../../core/ports/system';
import { createOsKeychain } from '../../core/storage/os-keychain';
import { openSettingsStore } from '../../core/storage/settings-store';
import { runCli } from '../support/run-cli';

const SERVICE = `oidc-onboard-test-cli-issued-${randomUUID()}`;
const vault = createOsKeychain({ service: SERVICE });
let dataDir: string;

const cli = (args: string[], stdin = '') => runCli([...args, '--data-dir', dataDir], { stdin, env: { OIDC_ONBOARD_KEYCHAIN_SERVICE: SERVICE } });
/** Every item the real keychain holds under this test's service name. */
const items = async () => (await findCredentialsAsync(SERVICE)).map((c) => c.account);

async function draft(profile: string, environment: string, name: string, authMethod?: string): Promise<string> {
  const created = await cli(['new', '--profile', profile, '--environment', environment, '--name', name, '--json']);
  expect(created.code).toBe(0);
  const id = created.json<{ id: string }>().id;
  if (authMethod !== undefined) expect((await cli(['set', id, '--auth-method', authMethod])).code).toBe(0);
  return id;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-issued-'));
});
afterAll(async () => {
  for (const account of await items()) await vault.delete(account).catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

describe('credentials save follows what the provider issues', { timeout: 90_000 }, () => {
  it('NHS login: the Client ID is saved alone with nothing on stdin; no keychain item is written', async () => {
    const id = await draft('nhs-login', 'sandpit', 'Citizen App');
    const before = await items();
    const run = await cli(['credentials', 'save', id, '--client-id', 'nhs-login-client-1', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ clientId: 'nhs-login-client-1', hasSecret: false, secretIssued: false, identifierLabel: 'Client ID' });
    expect(await items()).toEqual(before);
    const human = await cli(['credentials', 'show', id]);
    expect(human.stdout).toContain('Client ID:     nhs-login-client-1');
    expect(human.stdout).toContain('none (the provider issues no secret)');
    expect(human.stdout).not.toContain('Keychain item');
  });

  it('NHS login: a secret on stdin is refused (exit 2, explained) and nothing is stored', async () => {
    const id = await draft('nhs-login', 'integration', 'Citizen App');
    const before = await items();
    const run = await cli(['credentials', 'save', id, '--client-id', 'nhs-login-client-2'], 'junk-typed-because-the-form-wanted-one\n');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/issues no client secret/);
    expect((await cli(['credentials', 'show', id])).code).toBe(2);
    expect(await items()).toEqual(before);
  });

  it('CIS2 private_key_jwt: the Client ID alone; the assertion then uses it without --client-id', async () => {
    const id = await draft('nhs-cis2', 'int', 'Ward Rounds');
    const before = await items();
    const run = await cli(['credentials', 'save', id, '--client-id', '123456789.apps.supplier', '--json']);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ hasSecret: false, secretIssued: false });
    expect(await items()).toEqual(before);

    const keys = createKeyService({ dataDir, vault, clock: systemClock, random: cryptoRandom, logger: silentLogger });
    const { record } = await keys.generate(id, { alg: 'RS256', size: 2048, policy: PERMISSIVE_KEY_POLICY, state: 'active' });
    openSettingsStore({ dataDir, clock: systemClock }).update((s) => void s.registrations[id]!.keys.push(record));
    const signed = await cli(['assertion', id, '--json']);
    expect(signed.code).toBe(0);
    expect(decodeJwt(signed.json<{ jwt: string }>().jwt)).toMatchObject({ iss: '123456789.apps.supplier', sub: '123456789.apps.supplier' });
  });

  it('CIS2 client_secret_post without a secret: exit 2, explained, nothing stored; with one: the secret is in the keychain', async () => {
    const id = await draft('nhs-cis2', 'int', 'Simple Portal', 'client_secret_post');
    const before = await items();
    for (const stdin of ['', '\n']) {
      const run = await cli(['credentials', 'save', id, '--client-id', '987.apps.supplier'], stdin);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/issues a client secret with the Client ID: give it on stdin/);
    }
    const json = await cli(['credentials', 'save', id, '--client-id', '987.apps.supplier', '--json']);
    expect(json.code).toBe(2);
    expect(json.json<{ error: { code: string } }>().error.code).toBe('USAGE');
    expect((await cli(['credentials', 'show', id])).code).toBe(2);
    expect(await items()).toEqual(before);

    const saved = await cli(['credentials', 'save', id, '--client-id', '987.apps.supplier', '--json'], 'the-real-secret\n');
    expect(saved.code).toBe(0);
    expect(saved.json()).toMatchObject({ hasSecret: true, secretIssued: true });
    expect((await items()).filter((account) => !before.includes(account))).toHaveLength(1);
  });

  it('API platform: an API key (labelled so) with the optional application id and KID; no secret; a UUID as API key warns, naming the application id', async () => {
    const id = await draft('nhs-api-platform', 'int', 'Referrals Sync');
    const before = await items();
    const missing = await cli(['credentials', 'save', id]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--api-key is required: the API key');

    const uuid = '009c531e-072f-4468-a24c-4b6faab562da';
    const warned = await cli(['credentials', 'save', id, '--api-key', uuid, '--json']);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toMatch(/warning: The API key you entered looks like a UUID — that is what the application id looks like/);
    expect(warned.json<{ warnings: string[] }>().warnings).toHaveLength(1);

    const run = await cli(['credentials', 'save', id, '--api-key', 'Abc123DefGhi456', '--application-id', uuid, '--kid', 'int-2027-12-01', '--yes', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ identifierLabel: 'API key', clientId: 'Abc123DefGhi456', applicationId: uuid, kid: 'int-2027-12-01', hasSecret: false, warnings: [] });
    expect(await items()).toEqual(before);
    const human = await cli(['credentials', 'show', id]);
    expect(human.stdout).toContain('API key:       Abc123DefGhi456');
    expect(human.stdout).toContain(`Application id: ${uuid}`);

    const badAppId = await cli(['credentials', 'save', id, '--api-key', 'Abc123DefGhi456', '--application-id', 'not-a-uuid', '--yes']);
    expect(badAppId.code).toBe(2);
    expect(badAppId.stderr).toMatch(/application id is a UUID/);
  });
});
