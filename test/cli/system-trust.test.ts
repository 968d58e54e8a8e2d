// The operating-system trust store is the fetcher's second layer: a chain whose root only the OS
// store holds verifies on a second try, and the check says so as a warning (NHS verifies against
// public roots). The OS store here is real: OpenSSL's SSL_CERT_FILE / SSL_CERT_DIR, which Node's
// `tls.getCACertificates('system')` reads, point at the test CA in a spawned CLI.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startHttpsServer, type TestServer } from '../support/hostile-server';
import { rsaKey } from '../support/jwks-servers';
import { getTestPki, LOCAL_HOSTS } from '../support/test-pki';
import { spawnCli } from '../support/run-cli';

type Check = { id: string; status: string; message: string; hint: string; evidence?: { trustStore?: string; tlsCode?: string } };
type Report = { verdict: string; checks: Check[]; trustStore: { sources: string[]; description: string } };

let dir: string;
let caFile: string;
let osStoreEnv: NodeJS.ProcessEnv;
const servers: TestServer[] = [];
const chain = (report: Report) => report.checks.find((c) => c.id === 'tls.chain')!;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'oidc-system-trust-'));
  caFile = path.join(dir, 'test-ca.pem');
  const pki = await getTestPki();
  await writeFile(caFile, pki.caCertPem);
  await mkdir(path.join(dir, 'no-certs'));
  osStoreEnv = { SSL_CERT_FILE: caFile, SSL_CERT_DIR: path.join(dir, 'no-certs'), OIDC_ONBOARD_KEYCHAIN_SERVICE: `oidc-onboard-test-system-trust-${process.pid}` };
  const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
  servers.push(await startHttpsServer({ cert: leaf.chainPem, key: leaf.keyPem, handler: json({ keys: [rsaKey(2048, 'os-1').publicJwk] }, { 'cache-control': 'public, max-age=300' }) }));
  const selfSigned = await pki.selfSigned({ hosts: LOCAL_HOSTS });
  servers.push(await startHttpsServer({ cert: selfSigned.certPem, key: selfSigned.keyPem, handler: json({ keys: [] }) }));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

const systemStoreReadable = typeof (tls as { getCACertificates?: unknown }).getCACertificates === 'function';

describe.runIf(systemStoreReadable)('the operating-system store as the second layer', () => {
  it('verifies a chain whose root only the OS store holds, and warns that the provider would likely refuse it', async () => {
    const run = await spawnCli(['check-jwks', servers[0]!.url('/jwks.json'), '--json', '--data-dir', dir], { env: osStoreEnv });
    expect(run.code, run.stderr).toBe(0);
    const report = run.json<Report>();
    expect(chain(report)).toMatchObject({ status: 'warn', message: expect.stringMatching(/only with the operating-system trust store/) });
    expect(chain(report).hint).toMatch(/public root/);
    expect(report.trustStore.sources).toEqual(['bundled', 'system']);
    expect(report.trustStore.description).toMatch(/operating-system trust store \(1\)$/);
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
  });

  it('does not widen when the first layer verifies: with --ca the OS store is not named', async () => {
    const run = await spawnCli(['check-jwks', servers[0]!.url('/jwks.json'), '--ca', caFile, '--json', '--data-dir', dir], { env: osStoreEnv });
    expect(run.code, run.stderr).toBe(0);
    const report = run.json<Report>();
    expect(chain(report).status).toBe('pass');
    expect(report.trustStore.sources).toEqual(['bundled', 'extra-file']);
  });

  it('fails a self-signed certificate after trying both layers, naming the wider one', async () => {
    const run = await spawnCli(['check-jwks', servers[1]!.url('/jwks.json'), '--json', '--data-dir', dir], { env: osStoreEnv });
    expect(run.code, run.stderr).toBe(1);
    const report = run.json<Report>();
    expect(chain(report)).toMatchObject({ status: 'fail', evidence: { tlsCode: 'DEPTH_ZERO_SELF_SIGNED_CERT', trustStore: expect.stringMatching(/operating-system trust store \(1\)/) } });
    expect(report.trustStore.description).toBe(chain(report).evidence?.trustStore);
  });

  it('the back-channel endpoint check says the same about an OS-only chain', async () => {
    const run = await spawnCli(['check-endpoint', servers[0]!.url('/logout'), '--json', '--data-dir', dir], { env: osStoreEnv });
    const report = run.json<Report>();
    expect(chain(report)).toMatchObject({ status: 'warn', message: expect.stringMatching(/only with the operating-system trust store/) });
    expect(report.trustStore.sources).toEqual(['bundled', 'system']);
  });
});
