// `oidc-onboard check-jwks` against real local HTTPS servers signed by the test CA: exit codes,
// JSON shape, a registration's keys expected (round trip), history and comparison.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, perRequest, startHttpsServer, type TestServer } from '../support/hostile-server';
import { rsaKey } from '../support/jwks-servers';
import { getTestPki, LOCAL_HOSTS } from '../support/test-pki';
import { runCli } from '../support/run-cli';

let dataDir: string;
let caFile: string;
const servers: TestServer[] = [];
const env = { OIDC_ONBOARD_KEYCHAIN_SERVICE: `oidc-onboard-test-cli-check-${process.pid}` };
const cli = (...args: string[]) => runCli([...args, '--data-dir', dataDir], { env });
type Report = { url: string; verdict: string; checks: { id: string; status: string; message: string; hint: string; evidence?: unknown }[]; timings: { totalMs: number } };

async function serve(handler: Parameters<typeof startHttpsServer>[0]['handler']): Promise<TestServer> {
  const pki = await getTestPki();
  const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
  const server = await startHttpsServer({ cert: leaf.chainPem, key: leaf.keyPem, handler });
  servers.push(server);
  return server;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-check-'));
  caFile = path.join(dataDir, 'test-ca.pem');
  await writeFile(caFile, (await getTestPki()).caCertPem);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  const ring = (await cli('keys', 'list', 'checked-api-int', '--json')).json<{ records: { kid: string }[] }>();
  for (const r of ring.records) await cli('keys', 'delete', 'checked-api-int', '--kid', r.kid, '--yes');
  await rm(dataDir, { recursive: true, force: true });
});

describe('check-jwks', () => {
  it('passes (exit 0, verdict warn only for the loopback address) a good set, with the documented JSON shape', async () => {
    const key = rsaKey(2048, 'good-1', 'RS256');
    const server = await serve(json({ keys: [key.publicJwk] }, { 'cache-control': 'public, max-age=300' }));
    const run = await cli('check-jwks', server.url('/jwks.json'), '--ca', caFile, '--json');
    expect(run.code, run.stderr).toBe(0);
    const report = run.json<Report>();
    expect(report).toMatchObject({ url: server.url('/jwks.json'), verdict: 'warn', timings: { totalMs: expect.any(Number) } });
    for (const check of report.checks) expect(Object.keys(check)).toEqual(expect.arrayContaining(['id', 'status', 'message', 'hint']));
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(report.checks.find((c) => c.id === 'tls.chain')?.status).toBe('pass');
  });

  it('streams readable lines and fails (exit 1) on published private members', async () => {
    const key = rsaKey(2048, 'leaky', 'RS256');
    const server = await serve(json({ keys: [key.privateJwk] }));
    const run = await cli('check-jwks', server.url('/jwks.json'), '--ca', caFile);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\[FAIL\] keys\.private-material: CRITICAL/);
    expect(run.stdout).toContain('Verdict: FAIL');
    expect(run.stdout).not.toContain(String(key.privateJwk.d));
  });

  it('fails without the test CA (exit 1) and says which trust store judged it', async () => {
    const server = await serve(json({ keys: [rsaKey(2048, 'k').publicJwk] }));
    const run = await cli('check-jwks', server.url('/jwks.json'), '--json');
    expect(run.code).toBe(1);
    const report = run.json<Report & { trustStore: { description: string } }>();
    expect(report.checks.find((c) => c.id === 'tls.chain')?.status).toBe('fail');
    expect(report.trustStore.description).toMatch(/bundled/i);
    expect(report.trustStore.description).not.toMatch(/extra CA file/);
  });

  it('checks against --expect and reports the local key absent', async () => {
    const published = rsaKey(2048, 'published');
    const mine = rsaKey(2048, 'mine');
    const server = await serve(json({ keys: [published.publicJwk] }));
    const expectFile = path.join(dataDir, 'expect.json');
    await writeFile(expectFile, JSON.stringify(mine.publicJwk));
    const run = await cli('check-jwks', server.url('/jwks.json'), '--ca', caFile, '--expect', expectFile, '--json');
    expect(run.code).toBe(1);
    expect(run.json<Report>().checks.find((c) => c.id === 'match.local-key')?.status).toBe('fail');
  });

  it('refuses bad usage with exit 2', async () => {
    expect((await cli('check-jwks')).code).toBe(2);
    expect((await cli('check-jwks', 'https://x.example/jwks', '--timeout', 'soon')).code).toBe(2);
    expect((await cli('check-jwks', 'https://x.example/jwks', '--registration', 'a', '--expect', 'b')).code).toBe(2);
    expect((await cli('check-jwks', 'https://x.example/jwks', '--ca', path.join(dataDir, 'missing.pem'))).code).toBe(2);
  });

  it('checks a registration: its published keys are found, the round trip verifies, runs are kept and compared', async () => {
    await cli('new', '--profile', 'nhs-api-platform', '--environment', 'int', '--name', 'Checked API');
    expect((await cli('keys', 'generate', 'checked-api-int', '--size', '2048')).code).toBe(0);
    const jwks = JSON.parse((await cli('keys', 'jwks', 'checked-api-int')).stdout) as { keys: unknown[] };
    const server = await serve(perRequest([json(jwks), json(jwks), json(jwks), json(jwks), json({ keys: [] }), json({ keys: [] }), json({ keys: [] }), json({ keys: [] })]));
    await cli('set', 'checked-api-int', '--jwks-uri', server.url('/jwks.json'));

    const first = await cli('check-jwks', '--registration', 'checked-api-int', '--ca', caFile, '--json', '--report', path.join(dataDir, 'report.html'));
    expect(first.code, first.stdout).toBe(0);
    const report = first.json<Report>();
    expect(report.checks.find((c) => c.id === 'match.local-key')?.status).toBe('pass');
    expect(report.checks.find((c) => c.id === 'match.round-trip')?.status).toBe('pass');
    expect(await readFile(path.join(dataDir, 'report.html'), 'utf8')).toContain('<html');

    const second = await cli('check-jwks', '--registration', 'checked-api-int', '--ca', caFile, '--json');
    expect(second.code).toBe(1);

    const history = (await cli('check-history', 'checked-api-int', '--json')).json<{ reportId: string; verdict: string }[]>();
    expect(history.map((h) => h.verdict)).toEqual(['warn', 'fail']);
    const compared = await cli('check-compare', 'checked-api-int', history[0]!.reportId, history[1]!.reportId, '--json');
    expect(compared.code).toBe(0);
    const diff = compared.json<{ verdictChanged: boolean; changed: { id: string }[] }>();
    expect(diff.verdictChanged).toBe(true);
    expect(diff.changed.map((c) => c.id)).toContain('match.local-key');
  });
});
