// `oidc-onboard compare`: INT and LIVE drafts that share a key pair → exit 1 with that finding;
// differing values listed; "production replicates INT" differences flagged.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareReport } from '../../contract/schemas/compare';
import { runCli } from '../support/run-cli';

let dataDir: string;
const env = { OIDC_ONBOARD_KEYCHAIN_SERVICE: `oidc-onboard-test-cli-compare-${process.pid}` };
const cli = (args: string[], stdin?: string) => runCli([...args, '--data-dir', dataDir], { env, ...(stdin !== undefined && { stdin }) });
const INT = 'compare-app-int';
const LIVE = 'compare-app-live';
const OTHER = 'compare-other-live';
const PASSPHRASE = 'correct horse battery staple 42!';

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-compare-'));
  expect((await cli(['new', '--profile', 'nhs-cis2', '--environment', 'int', '--name', 'Compare App'])).code).toBe(0);
  expect((await cli(['new', '--profile', 'nhs-cis2', '--environment', 'live', '--name', 'Compare App'])).code).toBe(0);
  expect((await cli(['new', '--profile', 'nhs-cis2', '--environment', 'live', '--name', 'Compare Other'])).code).toBe(0);
  expect((await cli(['set', INT, '--redirect-uri', 'https://app-test.example.org/cb', '--jwks-uri', 'https://app-test.example.org/jwks.json'])).code).toBe(0);
  expect((await cli(['set', LIVE, '--redirect-uri', 'https://localhost:8443/cb', '--jwks-uri', 'https://app.example.org/jwks.json', '--signing-alg', 'RS512'])).code).toBe(0);
  expect((await cli(['set', OTHER, '--redirect-uri', 'https://app.example.org/cb', '--jwks-uri', 'https://app.example.org/jwks.json'])).code).toBe(0);
  // The same key pair in INT and LIVE: generated in INT, exported encrypted, imported into LIVE.
  expect((await cli(['keys', 'generate', INT, '--size', '2048'])).code).toBe(0);
  const kid = (await cli(['keys', 'list', INT, '--json'])).json<{ records: { kid: string }[] }>().records[0]!.kid;
  const exported = path.join(dataDir, 'shared.p8.pem');
  expect((await cli(['keys', 'export-private', INT, '--kid', kid, '--format', 'pkcs8', '--out', exported], PASSPHRASE)).code).toBe(0);
  const imported = await cli(['keys', 'import', LIVE, exported, '--kid', `${kid}-live`], PASSPHRASE);
  expect(imported.code, imported.stderr).toBe(0);
  expect((await cli(['keys', 'generate', OTHER, '--size', '2048'])).code).toBe(0);
}, 120_000);

afterAll(async () => {
  for (const id of [INT, LIVE, OTHER]) {
    const ring = await cli(['keys', 'list', id, '--json']);
    if (ring.code === 0) for (const r of ring.json<{ records: { kid: string }[] }>().records) await cli(['keys', 'delete', id, '--kid', r.kid, '--yes']);
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('compare', () => {
  it('INT and LIVE sharing a key pair: exit 1 with the shared-key finding; differing values listed', async () => {
    const run = await cli(['compare', INT, LIVE, '--json']);
    expect(run.code, run.stderr).toBe(1);
    const report = run.json<CompareReport>();
    expect(report.verdict).toBe('fail');
    expect(report.a).toMatchObject({ id: INT, environment: 'int', live: false });
    expect(report.b).toMatchObject({ id: LIVE, environment: 'live', live: true });
    const shared = report.findings.find((f) => f.code === 'compare.shared-key');
    expect(shared).toMatchObject({ severity: 'error' });
    expect(report.findings.find((f) => f.code === 'compare.test-host-in-live')).toMatchObject({ severity: 'error', member: 'redirect_uris' });
    const differing = report.rows.filter((r) => !r.same).map((r) => r.member);
    expect(differing).toEqual(expect.arrayContaining(['redirect_uris', 'jwks_uri', 'token_endpoint_auth_signing_alg']));
    expect(report.rows.find((r) => r.member === 'redirect_uris')).toMatchObject({ a: ['https://app-test.example.org/cb'], b: ['https://localhost:8443/cb'] });
    expect(report.rows.find((r) => r.member === 'client_name')).toMatchObject({ same: true });
    const replicate = report.findings.find((f) => f.code === 'compare.should-match' && f.member === 'token_endpoint_auth_signing_alg');
    expect(replicate).toMatchObject({ severity: 'warning' });
    expect(replicate!.source!.url).toBe('https://digital.nhs.uk/services/care-identity-service/applications-and-services/cis2-authentication/integrate/put-your-software-live');

    const human = await cli(['compare', INT, LIVE]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('compare.shared-key');
    expect(human.stdout).toContain('https://localhost:8443/cb');
    expect(human.stdout).toMatch(/token_endpoint_auth_signing_alg \[should-match\]/);
  });

  it('different keys and production hosts: no error (exit 0), even with a test host in INT', async () => {
    const run = await cli(['compare', INT, OTHER, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = run.json<CompareReport>();
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.rows.find((r) => r.member === 'keys (RFC 7638 thumbprints)')).toMatchObject({ same: false, expectation: 'must-differ' });
  });

  it('usage: two ids, both known', async () => {
    expect((await cli(['compare', INT])).code).toBe(2);
    expect((await cli(['compare', INT, 'no-such'])).code).toBe(2);
  });
});
