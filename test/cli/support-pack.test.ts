// `oidc-onboard support-pack` as a user runs it (the real bin, the real keychain): the pack is
// written with the last assertion the `assertion` command built, the API key masked; usage and
// unknown registrations exit 2.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli';

let dataDir: string;
const env = { OIDC_ONBOARD_KEYCHAIN_SERVICE: `oidc-onboard-test-cli-support-${process.pid}` };
const cli = (args: string[], stdin?: string) => runCli([...args, '--data-dir', dataDir], { env, ...(stdin !== undefined && { stdin }), timeoutMs: 60_000 });
const ID = 'cli-support-app-int';
const API_KEY = 'Kx4TqW9mZp2RbN7vHs3LdF8jGc5Y';

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-support-'));
  expect((await cli(['new', '--profile', 'nhs-api-platform', '--environment', 'int', '--name', 'CLI Support App'])).code).toBe(0);
  expect((await cli(['set', ID, '--jwks-uri', 'https://keys.example.org/cli-support/jwks.json'])).code).toBe(0);
  expect((await cli(['keys', 'generate', ID, '--size', '2048', '--kid', 'cli-support-kid'])).code).toBe(0);
  // The API platform issues an API key and no secret.
  const saved = await cli(['credentials', 'save', ID, '--api-key', API_KEY]);
  expect(saved.code, saved.stderr).toBe(0);
  const built = await cli(['assertion', ID, '--json']);
  expect(built.code, built.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await cli(['credentials', 'delete', ID, '--yes']);
  await cli(['keys', 'delete', ID, '--kid', 'cli-support-kid', '--yes']);
  await rm(dataDir, { recursive: true, force: true });
});

describe('support-pack', () => {
  it('writes the pack (exit 0) with the last assertion built, the API key masked, and says what it holds', async () => {
    const out = path.join(dataDir, 'support.zip');
    const run = await cli(['support-pack', ID, '--out', out, '--app-id', '9b2f3c1e-4d5a-4b6c-8d7e-0f1a2b3c4d5e']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('JWT header and payload: the last assertion built, signature removed');
    expect(run.stdout).toMatch(/sha256 [0-9a-f]{64}/);
    const files = Object.fromEntries(Object.entries(unzipSync(new Uint8Array(await readFile(out)))).map(([n, d]) => [n, strFromU8(d)]));
    const facts = JSON.parse(files['support.json']!) as { application: { identifier: { value: string }; applicationId: string }; assertion: { source: string } };
    expect(facts.application.identifier.value).toBe('Kx4T…Gc5Y');
    expect(facts.application.applicationId).toBe('9b2f3c1e-4d5a-4b6c-8d7e-0f1a2b3c4d5e');
    expect(facts.assertion.source).toBe('last-built');
    expect(files['assertion.json']).toContain('"kid": "cli-support-kid"');
    expect(files['token-request.http']).toContain('client_assertion=<elided>');
    for (const text of Object.values(files)) expect(text).not.toContain(API_KEY);

    const json = await cli(['support-pack', ID, '--out', path.join(dataDir, 'support-2.zip'), '--json']);
    expect(json.code).toBe(0);
    expect(json.json<{ entries: string[]; assertionSource: string }>()).toMatchObject({ assertionSource: 'last-built', entries: expect.arrayContaining(['README.txt', 'support.json', 'assertion.json', 'token-request.http']) });
  });

  it('refuses bad usage and unknown registrations (exit 2)', async () => {
    expect((await cli(['support-pack', ID])).code).toBe(2);
    expect((await cli(['support-pack'])).code).toBe(2);
    const unknown = await cli(['support-pack', 'no-such-registration', '--out', path.join(dataDir, 'x.zip'), '--json']);
    expect(unknown.code).toBe(2);
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
  });
});
