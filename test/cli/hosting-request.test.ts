// `oidc-onboard keys hosting-request`: exactly the inputs of NHS's make_jwk.py, the JWK it would
// add, NHS's environment names, dated kids, and the refusals (bad application id, wrong provider,
// a file in the way of --out).
import { createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli';

let dataDir: string;
const env = { OIDC_ONBOARD_KEYCHAIN_SERVICE: `oidc-onboard-test-cli-hosting-${process.pid}` };
const cli = (...args: string[]) => runCli([...args, '--data-dir', dataDir], { env });
const APP_ID = '9b2f3c1e-4d5a-4b6c-8d7e-0f1a2b3c4d5e';
const INT = 'hosted-app-int';
const LIVE = 'hosted-app-live';
const CIS2 = 'hosted-app-int-2';

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-hosting-'));
  expect((await cli('new', '--profile', 'nhs-api-platform', '--environment', 'int', '--name', 'Hosted App')).code).toBe(0);
  expect((await cli('new', '--profile', 'nhs-api-platform', '--environment', 'live', '--name', 'Hosted App')).code).toBe(0);
  expect((await cli('new', '--profile', 'nhs-cis2', '--environment', 'int', '--name', 'Hosted App')).code).toBe(0);
}, 60_000);

afterAll(async () => {
  for (const id of [INT, LIVE, CIS2]) {
    const ring = await cli('keys', 'list', id, '--json');
    if (ring.code === 0) for (const r of ring.json<{ records: { kid: string }[] }>().records) await cli('keys', 'delete', id, '--kid', r.kid, '--yes');
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe('keys hosting-request', () => {
  it('a dated kid (RSA 4096 default): the PEM modulus equals the JWK n, request.json has exactly NHS\'s four inputs, no warning', async () => {
    const generated = await cli('keys', 'generate', INT, '--kid-style', 'dated', '--rotate-by', '2027-12-01', '--json');
    expect(generated.code, generated.stderr).toBe(0);
    const { record } = generated.json<{ record: { kid: string; size: number; thumbprint: string } }>();
    expect(record.kid).toBe(`2027-12-01-${record.thumbprint.slice(0, 8)}`);
    expect(record.size).toBe(4096);

    const out = path.join(dataDir, 'requests', 'int'); // missing: created
    const run = await cli('keys', 'hosting-request', INT, '--app-id', APP_ID, '--out', out, '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/warning/i);
    expect(run.json<{ warnings: string[]; expiry: string }>()).toMatchObject({ warnings: [], expiry: '2027-12-01' });
    expect((await readdir(out)).sort()).toEqual(['README.txt', 'jwk.json', 'public-key.pem', 'request.json']);

    const request = JSON.parse(await readFile(path.join(out, 'request.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(request)).toEqual(['kid', 'environment', 'app_id', 'public_key_pem']);
    expect(request).toMatchObject({ kid: record.kid, environment: 'int', app_id: APP_ID });
    const pem = await readFile(path.join(out, 'public-key.pem'), 'utf8');
    expect(request.public_key_pem).toBe(pem);
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(pem).not.toMatch(/PRIVATE/);

    const jwk = JSON.parse(await readFile(path.join(out, 'jwk.json'), 'utf8')) as Record<string, string>;
    // make_jwk.py with authlib 1.6.9: n, e, kty, alg (from the options), then kid and use.
    expect(Object.keys(jwk)).toEqual(['n', 'e', 'kty', 'alg', 'kid', 'use']);
    expect(jwk).toMatchObject({ kty: 'RSA', alg: 'RS512', use: 'sig', kid: record.kid });
    const fromPem = createPublicKey(pem).export({ format: 'jwk' });
    expect(fromPem.n).toBe(jwk.n);
    expect(fromPem.e).toBe(jwk.e);
    // The registration's key is the one requested.
    const ring = (await cli('keys', 'list', INT, '--json')).json<{ records: { kid: string; state: string; publicJwk: { n: string } }[] }>();
    const active = ring.records.find((r) => r.state === 'active')!;
    expect(active.kid).toBe(request.kid);
    expect(active.publicJwk.n).toBe(jwk.n);
    const readme = await readFile(path.join(out, 'README.txt'), 'utf8');
    expect(readme).toContain(`https://raw.githubusercontent.com/NHSDigital/identity-service-jwks/refs/heads/main/jwks/int/${APP_ID}.json`);
  }, 120_000);

  it('production maps to NHS\'s "prod"; a thumbprint kid and a 2048-bit key warn', async () => {
    const generated = await cli('keys', 'generate', LIVE, '--size', '2048', '--json');
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.json<{ warnings: string[] }>().warnings.join(' ')).toMatch(/no YYYY-MM-DD date/);
    const out = path.join(dataDir, 'requests', 'live');
    const run = await cli('keys', 'hosting-request', LIVE, '--app-id', APP_ID.toUpperCase(), '--out', out);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/warning: .*unparsable-kid/);
    expect(run.stderr).toMatch(/warning: .*RSA 4096/);
    const request = JSON.parse(await readFile(path.join(out, 'request.json'), 'utf8')) as Record<string, string>;
    expect(request).toMatchObject({ environment: 'prod', app_id: APP_ID });
  }, 60_000);

  it('refuses an application id that is not a UUID v4 (exit 2, with the reason) and writes nothing', async () => {
    for (const bad of ['c232ab00-9414-11ec-b3c8-9f6bdeced846' /* v1 */, 'Abc123ApiKeyLooksLikeThis', `${APP_ID}x`]) {
      const out = path.join(dataDir, 'requests', 'bad');
      const run = await cli('keys', 'hosting-request', INT, '--app-id', bad, '--out', out);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/not a UUID v4/);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('refuses a registration that is not the API platform, with the reason', async () => {
    const cis2 = await cli('keys', 'hosting-request', CIS2, '--app-id', APP_ID, '--out', path.join(dataDir, 'x'));
    expect(cis2.code).toBe(2);
    expect(cis2.stderr).toMatch(/only for NHS England API platform/);
  });

  it('a bad --out path is exit 2 naming the path; missing options are usage errors', async () => {
    const blocker = path.join(dataDir, 'a-file');
    await writeFile(blocker, 'x');
    const inTheWay = await cli('keys', 'hosting-request', INT, '--app-id', APP_ID, '--out', blocker);
    expect(inTheWay.code).toBe(2);
    expect(inTheWay.stderr).toContain(blocker);
    const under = await cli('keys', 'hosting-request', INT, '--app-id', APP_ID, '--out', path.join(blocker, 'sub'));
    expect(under.code).toBe(2);
    expect(under.stderr).toContain(path.join(blocker, 'sub'));
    expect((await cli('keys', 'hosting-request', INT, '--out', path.join(dataDir, 'y'))).code).toBe(2);
    expect((await cli('keys', 'generate', INT, '--kid-style', 'dated', '--kid', 'x')).code).toBe(2);
    expect((await cli('keys', 'generate', INT, '--rotate-by', '2027-01-01')).code).toBe(2);
    expect((await cli('keys', 'generate', INT, '--kid-style', 'dated', '--rotate-by', '2027-02-30')).code).toBe(2);
  });
});
