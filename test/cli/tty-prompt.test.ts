// Hidden prompts on a terminal (issue 13): `credentials save` and `keys export-private` run the
// real binary under a pseudo-terminal (util-linux `script`), are typed at, and must not echo
// what was typed; the same commands still take the secret piped on stdin.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/oidc-onboard.js');
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).stdout?.includes('util-linux') ?? false;
const env = { OIDC_ONBOARD_KEYCHAIN_SERVICE: `oidc-onboard-test-cli-tty-${process.pid}` };
let dataDir: string;
const cli = (args: string[], stdin?: string) => runCli([...args, '--data-dir', dataDir], { env, ...(stdin !== undefined && { stdin }) });

const shellQuote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

/**
 * Runs the binary on a pseudo-terminal; each time the screen shows the next `prompts[i]`, types
 * `answers[i]` and Enter. Resolves with everything the terminal showed and the exit code.
 */
function onTerminal(args: string[], prompts: string[], answers: string[]): Promise<{ code: number; screen: string }> {
  const command = [process.execPath, bin, ...args, '--data-dir', dataDir].map(shellQuote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, ...env, TERM: 'xterm' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let answered = 0;
    let seenUpTo = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
      // Type only once the prompt is up: the terminal is then in raw mode, so nothing typed is echoed.
      const at = screen.indexOf(prompts[answered] ?? '\u0000', seenUpTo);
      if (answered < answers.length && at >= 0) {
        seenUpTo = at + prompts[answered]!.length;
        child.stdin.write(`${answers[answered]}\r`);
        answered += 1;
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (screen += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, screen });
    });
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-tty-'));
  expect((await cli(['new', '--profile', 'nhs-cis2', '--environment', 'int', '--name', 'Prompted App'])).code).toBe(0);
  expect((await cli(['new', '--profile', 'nhs-cis2', '--environment', 'dep', '--name', 'Prompted App'])).code).toBe(0);
  // client_secret_post: CIS2 issues a secret with the Client ID, so one is asked for.
  for (const id of ['prompted-app-int', 'prompted-app-dep']) expect((await cli(['set', id, '--auth-method', 'client_secret_post', '--clear-signing-alg'])).code).toBe(0);
}, 60_000);

afterAll(async () => {
  for (const id of ['prompted-app-int', 'prompted-app-dep']) {
    await cli(['credentials', 'delete', id, '--yes']);
    const ring = await cli(['keys', 'list', id, '--json']);
    if (ring.code === 0) for (const r of ring.json<{ records: { kid: string }[] }>().records) await cli(['keys', 'delete', id, '--kid', r.kid, '--yes']);
  }
  await rm(dataDir, { recursive: true, force: true });
});

describe.runIf(hasScript)('hidden prompts on a terminal', () => {
  it('credentials save asks for the secret without echo, and stores what was typed; piped stdin still works', async () => {
    const secret = 'typed-S3cret-4f9a1c';
    const run = await onTerminal(['credentials', 'save', 'prompted-app-int', '--client-id', 'tty-client'], ['Client secret:'], [secret]);
    expect(run.code, run.screen).toBe(0);
    expect(run.screen).toContain('Client secret:');
    expect(run.screen).not.toContain(secret);
    expect((await cli(['credentials', 'show', 'prompted-app-int', '--reveal', '--json'])).json<{ secret: string }>().secret).toBe(secret);

    const piped = await cli(['credentials', 'save', 'prompted-app-dep', '--client-id', 'piped-client'], 'piped-secret\n');
    expect(piped.code, piped.stderr).toBe(0);
    expect((await cli(['credentials', 'show', 'prompted-app-dep', '--reveal', '--json'])).json<{ secret: string }>().secret).toBe('piped-secret');
  }, 90_000);

  it('keys export-private asks twice for the passphrase without echo; the file opens with it; piped works too', async () => {
    for (const id of ['prompted-app-int', 'prompted-app-dep']) expect((await cli(['set', id, '--auth-method', 'private_key_jwt', '--signing-alg', 'RS512'])).code).toBe(0);
    const generated = await cli(['keys', 'generate', 'prompted-app-int', '--alg', 'RS512', '--json']);
    expect(generated.code, generated.stderr).toBe(0);
    const { kid } = generated.json<{ record: { kid: string } }>().record;
    const passphrase = 'correct horse battery 7';
    const out = path.join(dataDir, 'exported.p8.pem');
    const run = await onTerminal(['keys', 'export-private', 'prompted-app-int', '--kid', kid, '--format', 'pkcs8', '--out', out], ['Passphrase for the exported key:', '(again):'], [passphrase, passphrase]);
    expect(run.code, run.screen).toBe(0);
    expect(run.screen).not.toContain(passphrase);
    expect(await readFile(out, 'utf8')).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    // The file opens with that passphrase, given piped this time.
    const imported = await cli(['keys', 'import', 'prompted-app-dep', out, '--json'], `${passphrase}\n`);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.json<{ record: { thumbprint: string } }>().record.thumbprint).toBe(generated.json<{ record: { thumbprint: string } }>().record.thumbprint);

    const piped = await cli(['keys', 'export-private', 'prompted-app-int', '--kid', kid, '--format', 'jwe', '--out', path.join(dataDir, 'exported.jwe')], 'piped passphrase 9\n');
    expect(piped.code, piped.stderr).toBe(0);
    const mismatch = await onTerminal(['keys', 'export-private', 'prompted-app-int', '--kid', kid, '--format', 'pkcs8', '--out', path.join(dataDir, 'never.pem')], ['Passphrase for the exported key:', '(again):'], ['one passphrase 1', 'another one 2']);
    expect(mismatch.code).toBe(2);
    expect(mismatch.screen).toContain('differ');
  }, 120_000);
});
