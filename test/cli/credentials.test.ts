// `credentials` and `assertion` through the CLI (runCli in-process, each step a fresh run), against the real
// OS keychain: save, read back, replace, a failed replace without a keychain, delete; the
// secret never in argv, output (without --reveal), logs or the data folder.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataKeyAccountIn, secretAccountIn } from '../support/keychain-names';
import { createKeyService, PERMISSIVE_KEY_POLICY, toJwks, type KeyRecord } from '../../core/keys';
import { cryptoRandom, silentLogger, systemClock } from '../../core/ports/system';
import { createOsKeychain } from '../../core/storage/os-keychain';
import { openSettingsStore } from '../../core/storage/settings-store';
import { keychainBackendName, keychainGuidance } from '../../core/storage/os-keychain';
import { canWithholdKeychain, NO_KEYCHAIN_ENV } from '../support/keychain-env';
import { runCli, spawnCli } from '../support/run-cli';
import { startHttpsServer } from '../support/hostile-server';
import { getTestPki, LOCAL_HOSTS } from '../support/test-pki';

const SERVICE = `oidc-onboard-test-cli-cred-${randomUUID()}`;
const SECRET = 'cli-S3cret-first-0123456789';
const NEW_SECRET = 'cli-S3cret-rotated-9876543210';
const THIRD_SECRET = 'cli-S3cret-never-saved-55555';
const vault = createOsKeychain({ service: SERVICE });
let dataDir: string;
let regId: string;
let activeRecord: KeyRecord | undefined;

const cli = (args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}) =>
  runCli([...args, '--data-dir', dataDir], { ...options, env: { OIDC_ONBOARD_KEYCHAIN_SERVICE: SERVICE, ...options.env } });
/** The real binary in a process that finds no keychain. */
const cliWithoutKeychain = (args: string[], options: { stdin?: string } = {}) =>
  spawnCli([...args, '--data-dir', dataDir], { ...options, env: { OIDC_ONBOARD_KEYCHAIN_SERVICE: SERVICE, ...NO_KEYCHAIN_ENV } });

async function filesUnder(dir: string): Promise<{ path: string; content: Buffer }[]> {
  const out: { path: string; content: Buffer }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push({ path: full, content: await readFile(full) });
  }
  return out;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-cred-'));
  const created = await cli(['new', '--profile', 'nhs-cis2', '--environment', 'int', '--name', 'CLI App', '--json']);
  expect(created.code).toBe(0);
  regId = created.json<{ id: string }>().id;
  // CIS2's "Client Secret" pattern: the one that issues a secret with the Client ID.
  expect((await cli(['set', regId, '--auth-method', 'client_secret_post'])).code).toBe(0);
});
afterAll(async () => {
  for (const clientId of ['first-client', 'second-client', 'third-client']) await vault.delete(secretAccountIn(dataDir, regId, clientId)).catch(() => undefined);
  const settings = openSettingsStore({ dataDir, clock: systemClock }).read();
  for (const key of settings.registrations[regId]?.keys ?? []) await vault.delete(dataKeyAccountIn(dataDir, regId, String(key.kid))).catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

// Key generation and the keychain are slow on a loaded machine.
describe('oidc-onboard credentials', { timeout: 90_000 }, () => {
  it('saves from stdin (trailing newline trimmed) without ever printing or logging the secret', async () => {
    const run = await cli(['credentials', 'save', regId, '--client-id', 'first-client', '--notes', 'from NHS', '--json'], {
      stdin: `${SECRET}\n`,
      env: { OIDC_ONBOARD_LOG_LEVEL: 'debug' },
    });
    expect(run.stderr).not.toContain(SECRET);
    expect(run.stdout).not.toContain(SECRET);
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ clientId: 'first-client', hasSecret: true, account: secretAccountIn(dataDir, regId, 'first-client'), service: SERVICE, replaced: false });
    // The CLI logged the save (debug level) — without the secret.
    expect(run.stderr).toContain('credentials saved');
    expect(await vault.get(secretAccountIn(dataDir, regId, 'first-client'))).toBe(SECRET);
  });

  it('shows the credentials from a fresh run without the secret, and the exact secret only with --reveal', async () => {
    const shown = await cli(['credentials', 'show', regId, '--json']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).not.toContain(SECRET);
    const view = shown.json<Record<string, unknown>>();
    expect(Object.keys(view).sort()).toEqual(['account', 'clientId', 'hasSecret', 'identifierLabel', 'notes', 'receivedAt', 'registrationId', 'secretIssued', 'service', 'storedIn']);
    expect(view).toMatchObject({ clientId: 'first-client', notes: 'from NHS', storedIn: keychainBackendName() });

    const human = await cli(['credentials', 'show', regId]);
    expect(human.stdout).toContain('add --reveal');
    expect(human.stdout + human.stderr).not.toContain(SECRET);

    const revealed = await cli(['credentials', 'show', regId, '--reveal', '--json']);
    expect(revealed.code).toBe(0);
    expect(revealed.json<{ secret: string }>().secret).toBe(SECRET);
    expect((await cli(['credentials', 'show', regId, '--reveal'])).stdout).toContain(`Secret:        ${SECRET}\n`);
  });

  it('refuses an empty stdin, a secret in argv and unknown actions with exit 2', async () => {
    for (const stdin of ['', '\n', '\r\n']) {
      const run = await cli(['credentials', 'save', regId, '--client-id', 'x', '--yes'], { stdin });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('stdin');
    }
    expect((await cli(['credentials', 'save', regId, '--client-id', 'x', '--secret', 'argv-secret'], { stdin: 'x' })).code).toBe(2);
    expect((await cli(['credentials', 'frob', regId])).code).toBe(2);
    expect((await cli(['credentials', 'save', regId], { stdin: 'x' })).code).toBe(2);
    expect(await vault.get(secretAccountIn(dataDir, regId, 'first-client'))).toBe(SECRET);
  });

  it('replaces only with --yes; a new Client ID moves the keychain item', async () => {
    const refused = await cli(['credentials', 'save', regId, '--client-id', 'second-client'], { stdin: NEW_SECRET });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    const replaced = await cli(['credentials', 'save', regId, '--client-id', 'second-client', '--yes'], { stdin: `${NEW_SECRET}\r\n` });
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain('Replaced');
    expect(replaced.stdout).not.toContain(NEW_SECRET);
    expect((await cli(['credentials', 'show', regId, '--reveal', '--json'])).json<{ secret: string; clientId: string }>()).toMatchObject({ secret: NEW_SECRET, clientId: 'second-client' });
    expect(await vault.get(secretAccountIn(dataDir, regId, 'first-client'))).toBeUndefined();
  });

  it.runIf(canWithholdKeychain)('without a keychain: exit 3 with guidance, nothing written, the saved secret untouched', async () => {
    const configBefore = await readFile(path.join(dataDir, 'config.json'), 'utf8');
    const failed = await cliWithoutKeychain(['credentials', 'save', regId, '--client-id', 'third-client', '--yes'], { stdin: THIRD_SECRET });
    expect(failed.code).toBe(3);
    expect(failed.stderr).toContain('KEYCHAIN_UNAVAILABLE');
    expect(failed.stderr).toContain(keychainGuidance());
    expect(failed.stderr).toContain('Nothing was changed');
    expect(await readFile(path.join(dataDir, 'config.json'), 'utf8')).toBe(configBefore);

    const json = await cliWithoutKeychain(['credentials', 'save', regId, '--client-id', 'second-client', '--yes', '--json'], { stdin: THIRD_SECRET });
    expect(json.code).toBe(3);
    expect(json.json<{ error: { code: string } }>().error.code).toBe('KEYCHAIN_UNAVAILABLE');

    expect((await cliWithoutKeychain(['credentials', 'show', regId, '--reveal'])).code).toBe(3);
    // Showing the non-secret part needs no keychain.
    expect((await cliWithoutKeychain(['credentials', 'show', regId])).code).toBe(0);

    expect(await vault.get(secretAccountIn(dataDir, regId, 'second-client'))).toBe(NEW_SECRET);
    expect(await vault.get(secretAccountIn(dataDir, regId, 'third-client'))).toBeUndefined();
    expect((await cli(['credentials', 'show', regId, '--reveal', '--json'])).json<{ secret: string; clientId: string }>()).toMatchObject({ secret: NEW_SECRET, clientId: 'second-client' });
  });

  it('never writes a secret into the data folder', async () => {
    const files = await filesUnder(dataDir);
    expect(files.some((f) => f.path.endsWith('config.json'))).toBe(true);
    for (const file of files) for (const secret of [SECRET, NEW_SECRET, THIRD_SECRET]) expect(file.content.includes(secret), file.path).toBe(false);
  });

  it('signs a client assertion with the active key that verifies against the published JWKS', async () => {
    // The key is generated in-process through the keys service (no CLI for it here), as the app would.
    const store = openSettingsStore({ dataDir, clock: systemClock });
    const keys = createKeyService({ dataDir, vault, clock: systemClock, random: cryptoRandom, logger: silentLogger });
    // Assertions are for private_key_jwt; the stored Client ID is used as iss/sub (no --client-id needed).
    expect((await cli(['set', regId, '--auth-method', 'private_key_jwt'])).code).toBe(0);
    const noKey = await cli(['assertion', regId, '--json']);
    expect(noKey.code).toBe(2);
    expect(noKey.json<{ error: { details: { reason: string } } }>().error.details.reason).toBe('no-active-key');

    const { record } = await keys.generate(regId, { alg: 'RS256', size: 2048, policy: PERMISSIVE_KEY_POLICY, state: 'active' });
    store.update((s) => void s.registrations[regId]!.keys.push(record));
    activeRecord = record;

    const run = await cli(['assertion', regId, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = run.json<{ jwt: string; curl: string; claims: { aud: string } }>();
    const aud = 'https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk:443/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare/access_token';
    expect(Object.keys(decodeProtectedHeader(result.jwt)).sort()).toEqual(['alg', 'kid', 'typ']);
    expect(Object.keys(decodeJwt(result.jwt)).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'sub']);
    await jwtVerify(result.jwt, createLocalJWKSet(toJwks([record]) as never), { audience: aud, issuer: 'second-client', subject: 'second-client', typ: 'JWT' });
    expect(result.curl).toContain(`client_assertion=${result.jwt}`);

    const custom = await cli(['assertion', regId, '--aud', 'https://localhost:9443/token', '--lifetime', '120']);
    expect(custom.code).toBe(0);
    expect(custom.stdout).toContain('curl -X POST https://localhost:9443/token -d grant_type=authorization_code');
    expect(custom.stdout).not.toContain(NEW_SECRET);
    expect((await cli(['assertion', regId, '--lifetime', '301'])).code).toBe(2);
  });

  it.runIf(canWithholdKeychain)('assertion without a keychain exits 3', async () => {
    expect((await cliWithoutKeychain(['assertion', regId])).code).toBe(3);
  });

  it('--probe posts the assertion to the token endpoint (a local provider trusting the published JWKS) and reports acceptance', async () => {
    const pki = await getTestPki();
    const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
    const caFile = path.join(os.tmpdir(), `oidc-cli-ca-${randomUUID()}.pem`);
    await writeFile(caFile, pki.caCertPem);
    const jwks = createLocalJWKSet(toJwks([activeRecord!]) as never);
    const server = await startHttpsServer({
      cert: leaf.chainPem,
      key: leaf.keyPem,
      handler: (req, res) => {
        let body = '';
        req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        req.on('end', () => {
          const form = new URLSearchParams(body);
          jwtVerify(form.get('client_assertion') ?? '', jwks, { audience: server.url('/token'), issuer: 'second-client', subject: 'second-client', typ: 'JWT' }).then(
            () => res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_grant"}'),
            () => res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_client","error_description":"JWT is not valid"}'),
          );
        });
      },
    });
    try {
      const accepted = await cli(['assertion', regId, '--aud', server.url('/token'), '--probe', '--ca', caFile, '--json']);
      expect(accepted.code).toBe(0);
      expect(accepted.json<{ probe: { verdict: string; error: string } }>().probe).toMatchObject({ verdict: 'accepted', error: 'invalid_grant' });
      // Signed for another audience: the provider refuses, and the CLI exits 1 with what to check.
      const refused = await cli(['assertion', regId, '--aud', server.url('/other'), '--probe', '--ca', caFile]);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain('REFUSED');
      expect(refused.stdout).toContain('aud is exactly the token endpoint');
      // Without the test CA the TLS check fails closed: an environment error.
      expect((await cli(['assertion', regId, '--aud', server.url('/token'), '--probe'])).code).toBe(3);
    } finally {
      await server.close();
      await rm(caFile, { force: true });
    }
  });

  it('deletes only with --yes', async () => {
    expect((await cli(['credentials', 'delete', regId])).code).toBe(2);
    expect(await vault.get(secretAccountIn(dataDir, regId, 'second-client'))).toBe(NEW_SECRET);
    const deleted = await cli(['credentials', 'delete', regId, '--yes', '--json']);
    expect(deleted.code).toBe(0);
    expect(deleted.json()).toEqual({ registrationId: regId, clientId: 'second-client', keychainItemRemoved: true });
    expect(await vault.get(secretAccountIn(dataDir, regId, 'second-client'))).toBeUndefined();
    const gone = await cli(['credentials', 'show', regId]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain('No credentials');
  });
});
