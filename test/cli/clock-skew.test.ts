// Clock skew in the CLI (issue 11 item 5): a provider whose discovery document and token endpoint
// answer with a Date 10 minutes off makes `discover` and `assertion --probe` warn — in the human
// output and in --json — with how to fix it (NTP). A provider in sync gives no such warning.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpsServer, type TestServer } from '../support/hostile-server';
import { runCli } from '../support/run-cli';
import { getTestPki, LOCAL_HOSTS } from '../support/test-pki';

let dataDir: string;
let caFile: string;
let server: TestServer;
/** How far the provider's clock is from ours. */
let offsetMs = 0;
const env = { OIDC_ONBOARD_KEYCHAIN_SERVICE: `oidc-onboard-test-cli-skew-${randomUUID()}` };
const cli = (...args: string[]) => runCli([...args, '--data-dir', dataDir], { env });
let id: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-skew-'));
  const pki = await getTestPki();
  caFile = path.join(dataDir, 'ca.pem');
  await writeFile(caFile, pki.caCertPem);
  const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
  server = await startHttpsServer({
    cert: leaf.chainPem,
    key: leaf.keyPem,
    handler: (req, res) => {
      const date = new Date(Date.now() + offsetMs).toUTCString();
      if (req.url === '/token') {
        req.resume();
        req.on('end', () => res.writeHead(400, { 'content-type': 'application/json', date }).end('{"error":"invalid_grant"}'));
        return;
      }
      const issuer = server.origin;
      res.writeHead(200, { 'content-type': 'application/json', date });
      res.end(JSON.stringify({ issuer, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`, token_endpoint_auth_methods_supported: ['private_key_jwt'], token_endpoint_auth_signing_alg_values_supported: ['RS256', 'ES256'] }));
    },
  });
  const created = await cli('new', '--profile', 'generic-oidc', '--environment', 'default', '--name', 'Skew App', '--json');
  expect(created.code, created.stderr).toBe(0);
  id = created.json<{ id: string }>().id;
}, 60_000);

afterAll(async () => {
  const ring = await cli('keys', 'list', id, '--json');
  if (ring.code === 0) for (const r of ring.json<{ records: { kid: string }[] }>().records) await cli('keys', 'delete', id, '--kid', r.kid, '--yes');
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('clock skew against the provider\'s Date header', { timeout: 90_000 }, () => {
  it('discover: a discovery document 10 minutes ahead warns (human and --json); in sync it does not', async () => {
    offsetMs = 600_000;
    const human = await cli('discover', id, '--url', server.origin, '--ca', caFile);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/warning: Clock skew: this computer's clock is 10 minutes behind the provider's .*NTP/);
    const json = await cli('discover', id, '--url', server.origin, '--ca', caFile, '--json');
    expect(json.code).toBe(0);
    const warnings = json.json<{ registration: { discovery: { warnings: string[] } } }>().registration.discovery.warnings;
    expect(warnings.some((w) => /^Clock skew: .*10 minutes behind.*timedatectl set-ntp true/.test(w))).toBe(true);

    offsetMs = 0;
    const inSync = await cli('discover', id, '--url', server.origin, '--ca', caFile);
    expect(inSync.code).toBe(0);
    expect(inSync.stdout).not.toMatch(/Clock skew/);
  });

  it('assertion --probe: a token endpoint 10 minutes behind warns (human and --json); in sync it does not', async () => {
    // Declare ES256 first: key generation follows the declared algorithm.
    const declared = await cli('set', id, '--signing-alg', 'ES256');
    expect(declared.code, declared.stderr).toBe(0);
    const generated = await cli('keys', 'generate', id);
    expect(generated.code, generated.stderr).toBe(0);
    const aud = server.url('/token');
    offsetMs = -600_000;
    const human = await cli('assertion', id, '--aud', aud, '--client-id', 'skew-client', '--probe', '--ca', caFile);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('ACCEPTED');
    // Said once, on stderr like every other warning — not again in the probe's lines on stdout.
    expect(human.stderr).toMatch(/warning: Clock skew: this computer's clock is 10 minutes ahead of the token endpoint's.*NTP/);
    expect(`${human.stdout}${human.stderr}`.match(/Clock skew/g)).toHaveLength(1);
    const json = await cli('assertion', id, '--aud', aud, '--client-id', 'skew-client', '--probe', '--ca', caFile, '--json');
    const probe = json.json<{ probe: { warnings: string[]; clockSkew: { skewSeconds: number; exceeds: boolean } } }>().probe;
    expect(probe.clockSkew.exceeds).toBe(true);
    expect(Math.abs(probe.clockSkew.skewSeconds - 600)).toBeLessThanOrEqual(2);
    expect(probe.warnings[0]).toMatch(/Clock skew/);

    offsetMs = 0;
    const inSync = await cli('assertion', id, '--aud', aud, '--client-id', 'skew-client', '--probe', '--ca', caFile, '--json');
    expect(inSync.json<{ probe: { warnings: string[] } }>().probe.warnings).toEqual([]);
  });
});
