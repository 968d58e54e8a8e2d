// Issue 11 acceptance through the command line: the declared algorithm and the active key agree
// (generation follows the declaration, validate and package catch a contradiction), and a
// jwks_uri an NHS provider cannot reach is an error that blocks packaging.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli';

let dataDir: string;
const env = { OIDC_ONBOARD_KEYCHAIN_SERVICE: `oidc-onboard-test-cli-consistency-${process.pid}` };
const cli = (args: string[]) => runCli([...args, '--data-dir', dataDir], { env });
type Report = { valid: boolean; findings: { code: string; path: string; severity: string; message: string }[] };
const created: string[] = [];

/** A CIS2 INT draft with complete values declaring `alg`. */
async function draft(name: string, alg: string, jwksUri = 'https://keys.example.org/jwks.json'): Promise<string> {
  const run = await cli(['new', '--profile', 'nhs-cis2', '--environment', 'int', '--name', name, '--json']);
  const { id } = run.json<{ id: string }>();
  created.push(id);
  const set = await cli(['set', id, '--redirect-uri', 'https://wards.example.org/cb', '--contact', 'ops@example.org', '--jwks-uri', jwksUri, '--auth-method', 'private_key_jwt', '--signing-alg', alg]);
  expect(set.code, set.stderr).toBe(0);
  return id;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-consistency-'));
});
afterAll(async () => {
  for (const id of created) {
    const ring = (await cli(['keys', 'list', id, '--json'])).json<{ records: { kid: string }[] }>();
    for (const r of ring.records) await cli(['keys', 'delete', id, '--kid', r.kid, '--yes']);
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('declared algorithm vs the active key', () => {
  it('keys generate refuses a conflicting --alg (exit 2) with the hint to change the declaration too', async () => {
    const id = await draft('Conflict', 'RS256');
    const run = await cli(['keys', 'generate', id, '--alg', 'ES256']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`set ${id} --signing-alg ES256`);
  });

  it('PS256 declared and default generation makes a PS256 key; validate stays valid', async () => {
    const id = await draft('Declares PS256', 'PS256');
    const run = await cli(['keys', 'generate', id, '--size', '2048', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json<{ record: { alg: string } }>().record.alg).toBe('PS256');
    expect((await cli(['validate', id])).code).toBe(0);
  });

  it('an ES256 key with RS256 declared: set re-judges, validate exits 1 on token_endpoint_auth_signing_alg, package --offline refuses without acknowledgement', async () => {
    const id = await draft('ES key', 'ES256');
    expect((await cli(['keys', 'generate', id])).code).toBe(0);
    const set = await cli(['set', id, '--signing-alg', 'RS256']);
    expect(set.stdout).toContain('signing_alg.key_mismatch');

    const validate = await cli(['validate', id, '--json']);
    expect(validate.code).toBe(1);
    const finding = validate.json<Report>().findings.find((f) => f.code === 'signing_alg.key_mismatch');
    expect(finding).toMatchObject({ severity: 'error', path: 'token_endpoint_auth_signing_alg' });

    const out = path.join(dataDir, 'es-key.zip');
    const refused = await cli(['package', id, '--offline', '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('signing_alg.key_mismatch');
    const acked = await cli(['package', id, '--offline', '--out', out, '--acknowledge', 'Checking the verifier']);
    expect(acked.code, acked.stderr).toBe(0);
    const verified = await cli(['verify-package', out, '--offline']);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toMatch(/\[FAIL\].*The enclosed key cannot produce the declared/);
  });
});

describe('reachability for an NHS profile', () => {
  it('a loopback jwks_uri: validate exits 1 and package refuses without --acknowledge', async () => {
    const id = await draft('Loopback', 'RS256', 'https://127.0.0.1:8443/jwks.json');
    expect((await cli(['keys', 'generate', id, '--size', '2048'])).code).toBe(0);
    const validate = await cli(['validate', id, '--json']);
    expect(validate.code).toBe(1);
    expect(validate.json<Report>().findings.map((f) => `${f.code}@${f.path}`)).toContain('jwks_uri.not_public_for_provider@jwks_uri');
    const refused = await cli(['package', id, '--offline', '--out', path.join(dataDir, 'loopback.zip')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('jwks_uri.not_public_for_provider');
    expect(refused.stderr).toContain('--acknowledge');
  });
});
