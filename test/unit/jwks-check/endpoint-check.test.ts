// The back-channel logout endpoint check: the jwks_uri tester's URL, DNS, reachability and TLS
// checks against real loopback HTTPS servers (test CA), with public reachability required.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEndpoint as check, ENDPOINT_CHECK_IDS } from '../../../core/jwks-check/endpoint-check';
import { createFetcher } from '../../../core/net/fetcher';
import { startHttpsServer, status, type TestServer } from '../../support/hostile-server';
import { getTestPki, LOCAL_HOSTS } from '../../support/test-pki';
import { runCli } from '../../support/run-cli';

const clock = { now: () => new Date() };
const fetcher = createFetcher({ userAgent: 'oidc-onboard-test' });
const checkEndpoint = (request: Omit<Parameters<typeof check>[0], 'fetcher'>) => check({ ...request, fetcher });
let good: TestServer;
let selfSigned: TestServer;
let caPem: string;

beforeAll(async () => {
  const pki = await getTestPki();
  caPem = pki.caCertPem;
  const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
  // A logout endpoint answers a GET with 405: that is fine, only POSTs matter to it.
  good = await startHttpsServer({ cert: leaf.chainPem, key: leaf.keyPem, handler: status(405) });
  const own = await pki.selfSigned({ hosts: LOCAL_HOSTS });
  selfSigned = await startHttpsServer({ cert: own.chainPem, key: own.keyPem, handler: status(200) });
});
afterAll(async () => {
  fetcher.close();
  await good?.close();
  await selfSigned?.close();
});

const byId = (checks: { id: string; status: string }[]) => Object.fromEntries(checks.map((c) => [c.id, c.status]));

describe('checkEndpoint', () => {
  it('runs the jwks_uri URL/DNS/TLS checks; a non-public address fails; a chain verified only by an extra CA warns; a 405 is fine', async () => {
    const report = await checkEndpoint({ url: good.url('/logout'), clock, caPem, purpose: 'back-channel logout URI' });
    expect(report.checks.map((c) => c.id)).toEqual([...ENDPOINT_CHECK_IDS]);
    const status = byId(report.checks);
    expect(status).toMatchObject({ 'url.https': 'pass', 'dns.resolve': 'pass', 'dns.public': 'fail', 'tls.chain': 'warn', 'tls.hostname': 'pass', 'http.reachable': 'pass' });
    const dns = report.checks.find((c) => c.id === 'dns.public')!;
    expect(dns.message).toMatch(/calls your back-channel logout URI over the internet/);
    expect(dns.hint).toMatch(/public DNS/);
    expect(report.checks.find((c) => c.id === 'tls.chain')!.message).toMatch(/public roots only/);
    expect(report.verdict).toBe('fail');
  });

  it('fails an untrusted chain and an http URL (not contacted)', async () => {
    const untrusted = await checkEndpoint({ url: selfSigned.url('/logout'), clock, caPem });
    expect(byId(untrusted.checks)['tls.chain']).toBe('fail');
    // The handshake failed before the addresses were judged: the local host name still settles reachability.
    expect(byId(untrusted.checks)['dns.public']).toBe('fail');
    const plain = await checkEndpoint({ url: 'http://logout.example.org/bc', clock });
    expect(byId(plain.checks)).toMatchObject({ 'url.https': 'fail', 'dns.resolve': 'skip', 'tls.chain': 'skip' });
  });

  it('oidc-onboard check-endpoint: exit 1 on a failing endpoint, JSON report', async () => {
    const { writeFile, mkdtemp, rm } = await import('node:fs/promises');
    const dir = await mkdtemp(`${(await import('node:os')).tmpdir()}/oidc-endpoint-`);
    try {
      await writeFile(`${dir}/ca.pem`, caPem);
      const run = await runCli(['check-endpoint', good.url('/logout'), '--ca', `${dir}/ca.pem`, '--json']);
      expect(run.code).toBe(1);
      const report = run.json<{ schema: string; verdict: string; checks: { id: string; status: string }[] }>();
      expect(report).toMatchObject({ schema: 'oidc-onboard/endpoint-check', verdict: 'fail' });
      expect(byId(report.checks)['dns.public']).toBe('fail');
      const text = await runCli(['check-endpoint', good.url('/logout'), '--ca', `${dir}/ca.pem`]);
      expect(text.stdout).toMatch(/\[FAIL\] dns\.public/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
