// The README's jose recipe for the JWE private-key export works as written (issue 11 item 7): the
// code block between the `recipe:jose-jwe` markers is copied out of README.md unchanged and run by
// Node against a real export made by the CLI (real keychain custody, real passphrase).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli';

const root = path.resolve(import.meta.dirname, '../../..');
const SERVICE = `oidc-onboard-test-recipe-${randomUUID()}`;
const PASSPHRASE = 'correct horse battery staple 42!';
let dir: string;

const cli = (args: string[], stdin = '') => runCli([...args, '--data-dir', path.join(dir, 'data')], { stdin, env: { OIDC_ONBOARD_KEYCHAIN_SERVICE: SERVICE } });

/** The code of the fenced block between `<!-- recipe:NAME -->` and `<!-- /recipe:NAME -->`. */
function recipe(markdown: string, name: string): string {
  const match = new RegExp(`<!-- recipe:${name} -->\\n\`\`\`(?:js|javascript)\\n([\\s\\S]*?)\\n\`\`\`\\n<!-- /recipe:${name} -->`).exec(markdown);
  if (!match?.[1]) throw new Error(`README.md has no recipe:${name} code block`);
  return `${match[1]}\n`;
}

function runNode(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], { cwd: path.dirname(file), env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let jwePath: string;
let kid: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'oidc-recipe-'));
  const created = await cli(['new', '--profile', 'nhs-cis2', '--environment', 'int', '--name', 'Recipe App', '--json']);
  expect(created.code, created.stderr).toBe(0);
  const id = created.json<{ id: string }>().id;
  const generated = await cli(['keys', 'generate', id, '--size', '2048', '--json']);
  expect(generated.code, generated.stderr).toBe(0);
  kid = generated.json<{ record: { kid: string } }>().record.kid;
  jwePath = path.join(dir, 'private-key.jwe');
  const exported = await cli(['keys', 'export-private', id, '--kid', kid, '--format', 'jwe', '--out', jwePath], `${PASSPHRASE}\n`);
  expect(exported.code, exported.stderr).toBe(0);
  // The recipe imports 'jose' as a backend project would: from its own node_modules.
  await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}, 120_000);

afterAll(async () => {
  await cli(['delete', 'recipe-app-int', '--yes']).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('README jose recipe for the JWE export', { timeout: 60_000 }, () => {
  it('runs as written and reads the private key back', async () => {
    const code = recipe(await readFile(path.join(root, 'README.md'), 'utf8'), 'jose-jwe');
    expect(code).toContain("keyManagementAlgorithms: ['PBES2-HS512+A256KW']");
    const file = path.join(dir, 'read-key.mjs');
    await writeFile(file, code);
    const run = await runNode(file, [jwePath], { KEY_PASSPHRASE: PASSPHRASE });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`kid ${kid}, alg RS256, private key\n`);
  });

  it('is needed as written: without keyManagementAlgorithms jose refuses the export', async () => {
    const code = recipe(await readFile(path.join(root, 'README.md'), 'utf8'), 'jose-jwe').replace("  keyManagementAlgorithms: ['PBES2-HS512+A256KW'],\n", '');
    const file = path.join(dir, 'read-key-without.mjs');
    await writeFile(file, code);
    const run = await runNode(file, [jwePath], { KEY_PASSPHRASE: PASSPHRASE });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/not allowed/);
  });
});
