// Every draft command of the CLI (runCli in-process) on a temp data folder, with its exit codes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli';

let dataDir: string;
const cli = (...args: string[]) => runCli([...args, '--data-dir', dataDir]);
type Report = { valid: boolean; findings: { code: string; severity: string; path: string; message: string; hint: string; source: { title: string; url: string } }[] };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-reg-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('draft commands', () => {
  it('profiles lists the four providers with their environments', async () => {
    const run = await cli('profiles', '--json');
    expect(run.code).toBe(0);
    const profiles = run.json<{ id: string; environments: { id: string }[] }[]>();
    expect(profiles.map((p) => p.id)).toEqual(['nhs-cis2', 'nhs-login', 'nhs-api-platform', 'generic-oidc']);
    expect(profiles[0]!.environments.map((e) => e.id)).toEqual(['int', 'dep', 'live']);
    const human = (await cli('profiles')).stdout;
    expect(human).toContain('nhs-login');
    // Each profile says when its facts were last checked against their sources.
    expect(human).toMatch(/NHS login \(profile \d+\.\d+\.\d+, facts checked \d{4}-\d{2}-\d{2}\)/);
    expect(human).toContain('sandbox      Sandbox  https://sandbox.api.service.nhs.uk/oauth2/token');
    expect(human).toContain('dep          Deployment (DEP, Path to Live)  https://am.nhsdep.auth-ptl.cis2.spineservices.nhs.uk/');
    expect(human).not.toMatch(/^\s+mock\s/m);
  });

  it('new creates a draft and prints {"id"} in JSON; list and show find it', async () => {
    const created = await cli('new', '--profile', 'nhs-login', '--environment', 'sandpit', '--name', 'Citizen App', '--json');
    expect(created.code).toBe(0);
    const { id } = created.json<{ id: string }>();
    expect(id).toBe('citizen-app-sandpit');
    const listed = await cli('list', '--json');
    expect(listed.json<{ registration: { id: string } }[]>().map((s) => s.registration.id)).toContain(id);
    const shown = await cli('show', id, '--json');
    expect(shown.code).toBe(0);
    expect(shown.json<{ registration: { metadata: { client_name: string } } }>().registration.metadata.client_name).toBe('Citizen App');
  });

  it('new refuses an unknown provider or environment, or missing flags, with exit 2', async () => {
    expect((await cli('new', '--profile', 'nope', '--environment', 'int', '--name', 'x')).code).toBe(2);
    expect((await cli('new', '--profile', 'nhs-cis2', '--environment', 'moon', '--name', 'x')).code).toBe(2);
    expect((await cli('new', '--profile', 'nhs-cis2')).code).toBe(2);
  });

  it('set changes values; validate exits 1 on an error finding and 0 once it is fixed', async () => {
    const id = 'citizen-app-sandpit';
    const bad = await cli('set', id, '--redirect-uri', 'http://citizen.example.com/cb?x=1', '--contact', 'dev@example.com');
    expect(bad.code).toBe(0);
    const invalid = await cli('validate', id, '--json');
    expect(invalid.code).toBe(1);
    const report = invalid.json<Report>();
    expect(report.valid).toBe(false);
    const finding = report.findings.find((f) => f.severity === 'error' && f.path === 'redirect_uris[0]');
    expect(finding).toMatchObject({ hint: expect.any(String), source: { url: expect.stringMatching(/^https:\/\//) } });
    expect((await cli('validate', id)).stdout).toContain('fix:');

    await cli('set', id, '--remove-redirect-uri', 'http://citizen.example.com/cb?x=1', '--redirect-uri', 'https://citizen.example.com/cb');
    const fixed = await cli('validate', id, '--json');
    expect(fixed.json<Report>().findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(fixed.code).toBe(0);
  });

  it('set refuses removing a redirect URI that is not there, and an unknown id', async () => {
    expect((await cli('set', 'citizen-app-sandpit', '--remove-redirect-uri', 'https://nope.example/')).code).toBe(2);
    expect((await cli('set', 'no-such-draft', '--client-name', 'x')).code).toBe(2);
    expect((await cli('set', 'citizen-app-sandpit')).code).toBe(2);
  });

  it('validate-metadata judges a file statelessly: 0 valid, 1 invalid, 2 unreadable or not an object', async () => {
    const good = path.join(dataDir, 'good.json');
    const bad = path.join(dataDir, 'bad.json');
    const array = path.join(dataDir, 'array.json');
    const garbage = path.join(dataDir, 'garbage.json');
    await writeFile(good, JSON.stringify({ client_name: 'API client', token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'RS512', jwks_uri: 'https://api.example.com/jwks.json', contacts: ['a@example.com'] }));
    await writeFile(bad, JSON.stringify({ client_name: 'x', token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'none', jwks_uri: 'http://api.example.com/jwks.json#frag' }));
    await writeFile(array, '[]');
    await writeFile(garbage, '{nope');
    const ok = await cli('validate-metadata', good, '--profile', 'nhs-api-platform', '--environment', 'int', '--json');
    expect(ok.json<Report>().findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(ok.code).toBe(0);
    const refused = await cli('validate-metadata', bad, '--profile', 'nhs-api-platform', '--json');
    expect(refused.code).toBe(1);
    expect(refused.json<Report>().findings.map((f) => f.code)).toEqual(expect.arrayContaining([expect.stringMatching(/jwks_uri/), expect.stringMatching(/alg/)]));
    expect((await cli('validate-metadata', array, '--profile', 'nhs-cis2')).code).toBe(2);
    expect((await cli('validate-metadata', garbage, '--profile', 'nhs-cis2')).code).toBe(2);
    expect((await cli('validate-metadata', path.join(dataDir, 'missing.json'), '--profile', 'nhs-cis2')).code).toBe(2);
    expect((await cli('validate-metadata', good)).code).toBe(2);
  });
});
