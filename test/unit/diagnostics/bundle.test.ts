// The diagnostics bundle: everything support needs, no secret anywhere (unzipped and scanned),
// deterministic, written atomically with mode 0600.
import { mkdir, readdir, stat, writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataKeyAccountIn, secretAccountIn } from '../../support/keychain-names';
import { collectDiagnostics, DIAGNOSTICS_FORMAT, writeDiagnosticsBundle, type DiagnosticsDeps, type DiagnosticsReport } from '../../../core/diagnostics';
import { APP_VERSION } from '../../../core/version';
import { createFixture, faultyVault, rejection, type Fixture } from '../credentials/helpers';
import { keychainBackendName } from '../../../core/storage/os-keychain';
import { SETTINGS_SCHEMA_VERSION } from '../../../core/storage/settings-schema';

const SECRET = 'Cl13nt-s3cret-that-must-never-leak';
let fx: Fixture;
let deps: DiagnosticsDeps;
let dataKey: string;

beforeEach(async () => {
  fx = await createFixture({ authMethod: 'client_secret_post' });
  deps = { store: fx.store, registrations: fx.registrations, vault: fx.vault, clock: fx.clock, logger: fx.logger, dataDir: fx.dataDir };
  await fx.service().save(fx.regId, { clientId: 'diag-client', secret: SECRET, notes: 'private note' });
  const key = await fx.addKey(fx.regId, 'RS256', 'active');
  dataKey = (await fx.vault.get(dataKeyAccountIn(fx.dataDir, fx.regId, key.kid)))!;
  expect(dataKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  // An app log where a careless line leaked the secret, a data key and a form body.
  await mkdir(path.join(fx.dataDir, 'logs'));
  const lines = [];
  for (let i = 0; i < 500; i += 1) lines.push(JSON.stringify({ time: '2026-11-27T11:00:00.000Z', level: 'info', message: `line ${i}` }));
  lines.push(JSON.stringify({ level: 'error', message: `token request failed with client_secret ${SECRET}` }));
  lines.push(JSON.stringify({ level: 'warn', message: `body client_secret=${encodeURIComponent(SECRET)}&x=1 key ${dataKey}` }));
  lines.push(JSON.stringify({ level: 'info', message: 'last line' }));
  await writeFile(path.join(fx.dataDir, 'logs', 'main.log'), lines.join('\n') + '\n');
  await writeFile(path.join(fx.dataDir, 'logs', 'notes.txt'), SECRET);
});
afterEach(async () => {
  await fx.cleanup();
});

function unzip(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
}

describe('diagnostics bundle', () => {
  it('holds versions, OS, keychain probe, registrations\' public state and log tails — and no secret', async () => {
    const out = path.join(fx.dataDir, 'support', 'bundle.zip');
    await mkdir(path.dirname(out));
    const result = await writeDiagnosticsBundle(deps, out);
    expect(result).toMatchObject({ path: out, entries: ['diagnostics.json', 'logs/main.log'], warnings: [] });
    const bytes = await readFile(out);
    expect(result.size).toBe(bytes.length);
    expect((await stat(out)).mode & 0o777).toBe(0o600);

    const files = unzip(bytes);
    expect(Object.keys(files)).toEqual(['diagnostics.json', 'logs/main.log']);
    for (const [name, text] of Object.entries(files)) {
      expect(text, name).not.toContain(SECRET);
      expect(text, name).not.toContain(encodeURIComponent(SECRET));
      expect(text, name).not.toContain(dataKey);
      expect(text, name).not.toContain('private note');
    }
    expect(bytes.includes(SECRET)).toBe(false);

    const report = JSON.parse(files['diagnostics.json']!) as DiagnosticsReport;
    expect(report).toMatchObject({
      format: DIAGNOSTICS_FORMAT,
      version: 1,
      createdAt: fx.clock.now().toISOString(),
      app: { version: APP_VERSION },
      runtime: { node: process.versions.node },
      os: { platform: process.platform, arch: process.arch },
      keychain: { backend: keychainBackendName(), service: fx.vault.service, probe: { available: true } },
      settings: { schemaVersion: SETTINGS_SCHEMA_VERSION, readOnly: false },
      redaction: { knownSecrets: 2, keychainRead: true },
    });
    const registration = report.registrations.find((r) => r.id === fx.regId)!;
    expect(registration).toMatchObject({ provider: 'nhs-cis2', environment: 'int', credentials: { clientId: 'diag-client', receivedAt: fx.clock.now().toISOString(), hasSecret: true } });
    expect(Object.keys(registration.credentials as object).sort()).toEqual(['clientId', 'hasSecret', 'receivedAt']);
    const [key] = registration.keys as Record<string, unknown>[];
    expect(key).toMatchObject({ state: 'active', alg: 'RS256', custody: 'keychain', publicJwk: { kty: 'RSA', use: 'sig' } });
    expect(Object.keys(key!.publicJwk as object).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);

    // Last 200 lines of the log, redacted; error lines collected.
    const tail = report.logs.find((l) => l.file === 'main.log')!;
    expect(tail.lines).toHaveLength(200);
    expect(tail.lines.at(-1)).toContain('last line');
    expect(tail.lines[0]).toContain('line 303');
    expect(report.recentErrors).toEqual([expect.stringContaining('token request failed with client_secret [REDACTED]')]);
    expect(files['logs/main.log']!.trimEnd().split('\n')).toEqual(tail.lines);
  });

  it('masks a secret with quotes, spaces and ampersands in every form a log line may hold it (plain, encoded, JSON-escaped twice)', async () => {
    const tricky = 'p@ss "word" & x=1 \\ end';
    // A provider and method that issue a secret (CIS2 "Client Secret"): NHS login issues none.
    const other = fx.addRegistration('nhs-cis2', 'int', 'Tricky');
    fx.registrations.update(other, (registration) => void (registration.metadata.token_endpoint_auth_method = 'client_secret_post'));
    await fx.service().save(other, { clientId: 'tricky-client', secret: tricky });
    const forms = [tricky, JSON.stringify(tricky).slice(1, -1), encodeURIComponent(tricky), new URLSearchParams({ s: tricky }).toString().slice(2)];
    await writeFile(path.join(fx.dataDir, 'logs', 'tricky.log'), forms.map((form) => JSON.stringify({ level: 'error', message: `leak ${form} end` })).join('\n') + '\n');
    const out = path.join(fx.dataDir, 'tricky.zip');
    await writeDiagnosticsBundle(deps, out);
    const files = unzip(await readFile(out));
    expect(Object.keys(files)).toContain('logs/tricky.log');
    for (const text of Object.values(files)) for (const form of forms) expect(text).not.toContain(form);
    expect(files['logs/tricky.log']!.match(/\[REDACTED\]/g)).toHaveLength(4);
  });

  it('includes the newest stored jwks_uri check reports (at most 3 per registration), redacted', async () => {
    const ids = ['2026-11-20T10-00-00-000Z', '2026-11-21T10-00-00-000Z', '2026-11-22T10-00-00-000Z', '2026-11-23T10-00-00-000Z'];
    await mkdir(path.join(fx.dataDir, 'reports', fx.regId), { recursive: true });
    for (const reportId of ids) {
      await writeFile(path.join(fx.dataDir, 'reports', fx.regId, `${reportId}.json`), JSON.stringify({ url: 'https://app.example/jwks', verdict: 'pass', note: `seen ${SECRET}` }));
    }
    fx.store.update((st) => {
      st.registrations[fx.regId]!.checks = [...ids.map((reportId) => ({ reportId, verdict: 'pass' })), { reportId: '../../escape', verdict: 'pass' }];
    });
    const out = path.join(fx.dataDir, 'with-reports.zip');
    const result = await writeDiagnosticsBundle(deps, out);
    const expected = ids.slice(1).map((id) => `reports/${fx.regId}/${id}.json`);
    expect(result.entries).toEqual(['diagnostics.json', ...expected, 'logs/main.log']);
    const files = unzip(await readFile(out));
    for (const name of expected) {
      expect(JSON.parse(files[name]!)).toMatchObject({ verdict: 'pass', note: 'seen [REDACTED]' });
    }
    const report = JSON.parse(files['diagnostics.json']!) as DiagnosticsReport;
    expect(report.checkReports).toEqual(ids.slice(1).map((reportId) => ({ registrationId: fx.regId, reportId })));
  });

  it('is deterministic for the same state and clock, and replaces an existing file atomically', async () => {
    const out = path.join(fx.dataDir, 'bundle.zip');
    await writeFile(out, 'old content');
    const first = await writeDiagnosticsBundle(deps, out);
    const firstBytes = await readFile(out);
    const second = await writeDiagnosticsBundle(deps, out);
    expect(second.sha256).toBe(first.sha256);
    expect(await readFile(out)).toEqual(firstBytes);
    expect((await readdir(fx.dataDir)).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('fails with STORAGE_WRITE_FAILED and leaves nothing when the target folder is missing', async () => {
    const out = path.join(fx.dataDir, 'missing-dir', 'bundle.zip');
    const error = await rejection(writeDiagnosticsBundle(deps, out));
    expect(error.code).toBe('STORAGE_WRITE_FAILED');
    await expect(stat(path.dirname(out))).rejects.toThrow();
  });

  it('still produces a bundle when the keychain is unavailable, says so, and leaves the logs out (they could not be masked)', async () => {
    const broken = faultyVault(fx.vault, new Set(['get', 'set', 'delete']));
    const out = path.join(fx.dataDir, 'no-keychain.zip');
    const result = await writeDiagnosticsBundle({ ...deps, vault: broken }, out);
    expect(result.warnings).toHaveLength(2);
    expect(result.entries).toEqual(['diagnostics.json']);
    const files = unzip(await readFile(out));
    const report = JSON.parse(files['diagnostics.json']!) as DiagnosticsReport;
    expect(report.keychain.probe.available).toBe(false);
    expect(report.redaction).toEqual({ knownSecrets: 0, keychainRead: false });
    expect(report.logs).toEqual([]);
    expect(report.recentErrors).toEqual([]);
    expect(report.logsOmitted).toMatch(/could not be masked/);
    expect(report.registrations).toHaveLength(1);
    for (const text of Object.values(files)) expect(text).not.toContain(SECRET);
  });

  it('reads the stored secrets only to mask them: collectDiagnostics never returns one, and leaves them in the keychain', async () => {
    const report = await collectDiagnostics(deps);
    expect(report.redaction).toEqual({ knownSecrets: 2, keychainRead: true });
    expect(JSON.stringify(report)).not.toContain(SECRET);
    expect(JSON.stringify(report)).not.toContain(dataKey);
    expect(await fx.vault.get(secretAccountIn(fx.dataDir, fx.regId, 'diag-client'))).toBe(SECRET);
  });
});
