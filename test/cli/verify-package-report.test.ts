// `verify-package` tells support what was asked (issue 12 item 5): the requested values and the
// findings with their codes in `--json` and in the human report, and two separate verdicts —
// intact (the file and its signature) and live (the jwks_uri now). A real local HTTPS jwks_uri
// (test CA) serves the registration's keys while packaging, and is stopped afterwards. It is on
// loopback, and a package's jwks_uri is untrusted input, so verifying online passes --allow-private-network.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startHttpsServer, type TestServer } from '../support/hostile-server';
import { runCli } from '../support/run-cli';
import { getTestPki, LOCAL_HOSTS } from '../support/test-pki';

let dataDir: string;
let server: TestServer | undefined;
let served: unknown = { keys: [] };
let caFile: string;
const env = { OIDC_ONBOARD_KEYCHAIN_SERVICE: `oidc-onboard-test-cli-verify-report-${process.pid}` };
const cli = (...args: string[]) => runCli([...args, '--data-dir', dataDir], { env });
const file = (name: string) => path.join(dataDir, name);
const ID = 'report-app-int';

interface Report {
  verdict: string;
  headline: string;
  intact: { status: string; failed: string[] };
  live: { status: string; reachable?: boolean; keyPublished?: boolean; checkThen?: string; checkNow?: string; message: string };
  requested: { provider: { id: string }; environment: { id: string }; values: Record<string, unknown> };
  findings: { code: string; severity: string; message: string }[];
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-verify-report-'));
  const pki = await getTestPki();
  caFile = file('ca.pem');
  await writeFile(caFile, pki.caCertPem);
  const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
  server = await startHttpsServer({ cert: leaf.chainPem, key: leaf.keyPem, handler: (req, res, ctx) => json(served, { 'cache-control': 'public, max-age=300' })(req, res, ctx) });
  expect((await cli('new', '--profile', 'nhs-api-platform', '--environment', 'int', '--name', 'Report App')).code).toBe(0);
  const set = await cli('set', ID, '--jwks-uri', server.url('/jwks.json'), '--redirect-uri', 'https://app.example.org/callback', '--contact', 'dev@example.org');
  expect(set.code, set.stderr).toBe(0);
  expect((await cli('keys', 'generate', ID, '--size', '2048')).code).toBe(0);
  const jwks = await cli('keys', 'jwks', ID);
  served = JSON.parse(jwks.stdout);
  const built = await cli('package', ID, '--out', file('report.zip'), '--ca', caFile, '--acknowledge', 'test package');
  expect(built.code, built.stderr).toBe(0);
}, 180_000);

afterAll(async () => {
  await server?.close();
  const ring = await cli('keys', 'list', ID, '--json');
  if (ring.code === 0) for (const r of ring.json<{ records: { kid: string }[] }>().records) await cli('keys', 'delete', ID, '--kid', r.kid, '--yes');
  await rm(dataDir, { recursive: true, force: true });
});

describe('verify-package reports what the package asks for', () => {
  it('--json: the requested values and every finding with its code; intact and live both pass while the jwks_uri serves the key', async () => {
    const run = await cli('verify-package', file('report.zip'), '--ca', caFile, '--allow-private-network', '--json');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const report = run.json<Report>();
    expect(report.requested.provider.id).toBe('nhs-api-platform');
    expect(report.requested.environment.id).toBe('int');
    expect(report.requested.values.client_name).toBe('Report App');
    expect(report.requested.values.redirect_uris).toEqual(['https://app.example.org/callback']);
    expect(report.requested.values.jwks_uri).toBe(server!.url('/jwks.json'));
    expect(report.requested.values.token_endpoint_auth_method).toBe('private_key_jwt');
    // Findings under today's rules, each with code, severity and message (this package was acknowledged, so it has some).
    expect(report.findings.length).toBeGreaterThan(0);
    for (const f of report.findings) {
      expect(f.code).toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
      expect(['error', 'warning', 'info']).toContain(f.severity);
      expect(f.message.length).toBeGreaterThan(0);
    }
    expect(report.intact).toMatchObject({ status: 'pass', failed: [] });
    expect(report.live).toMatchObject({ status: expect.stringMatching(/^(pass|warn)$/), reachable: true, keyPublished: true });
    expect(report.verdict).toBe('valid');
  });

  it('human output shows the same as plain text (no Markdown marks or escapes): requested values, findings with codes, both verdicts', async () => {
    const json = (await cli('verify-package', file('report.zip'), '--offline', '--json')).json<Report>();
    const run = await cli('verify-package', file('report.zip'), '--offline');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Requested values$/m);
    expect(run.stdout).toContain('client_name: Report App');
    expect(run.stdout).toContain('- https://app.example.org/callback');
    expect(run.stdout).toContain('jwks_uri');
    for (const f of json.findings) expect(run.stdout).toContain(f.code);
    // Terminal text carries no Markdown: no heading marks, code spans or backslash escapes.
    expect(run.stdout).not.toMatch(/^#|`|\\[_()[\]*#]/m);
    expect(run.stdout).toContain('Intact and signed by the enclosed key: YES');
    expect(run.stdout).toContain('Live state now: NOT CHECKED');
    expect(json.live.status).toBe('not-checked');
  });

  it('with the jwks_uri server stopped: intact = yes, live = fail, exit 1, and the text says the package itself is intact', async () => {
    await server!.close();
    server = undefined;
    const run = await cli('verify-package', file('report.zip'), '--ca', caFile, '--allow-private-network', '--json');
    expect(run.code, run.stdout + run.stderr).toBe(1);
    const report = run.json<Report>();
    expect(report.intact.status).toBe('pass');
    expect(report.live.status).toBe('fail');
    expect(report.live.reachable).toBe(false);
    expect(report.live.checkNow).toBe('fail');
    expect(report.verdict).toBe('invalid');
    expect(report.headline).toMatch(/^The package itself is intact; its live state fails: the jwks_uri is not reachable/);

    const human = await cli('verify-package', file('report.zip'), '--ca', caFile, '--allow-private-network');
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('The package itself is intact; its live state fails');
    expect(human.stdout).toContain('Intact and signed by the enclosed key: YES');
    expect(human.stdout).toContain('Live state now: FAIL');

    // --offline keeps skipping the live part: the exit follows the intact verdict alone.
    const offline = await cli('verify-package', file('report.zip'), '--offline', '--json');
    expect(offline.code).toBe(0);
    expect(offline.json<Report>().live.status).toBe('not-checked');
  });
});
