// How the CLI is started (issue 13): through `npm run cli` and `npx oidc-onboard` in a checkout,
// --json is one JSON document on stdout and relative paths are the user's folder's; and the
// completion scripts, loaded into a real bash, complete commands, subcommands and options.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-entry-'));
  await writeFile(path.join(dir, 'client.json'), JSON.stringify({ client_name: 'Entry', token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'RS512', jwks_uri: 'https://api.example.com/jwks.json', contacts: ['a@example.com'] }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `command args` in `cwd` with the user's environment (no npm variables of this test run). */
function run(command: string, args: string[], cwd: string) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_') && k !== 'INIT_CWD'));
  return spawnSync(command, args, { cwd, env: { ...env, OIDC_ONBOARD_DATA_DIR: path.join(dir, 'data') }, encoding: 'utf8', timeout: 120_000 });
}

describe('entry points', () => {
  it('npm run cli -- … --json, run from another folder, prints one JSON document and reads paths from that folder', () => {
    const result = run('npm', ['--prefix', root, 'run', 'cli', '--', 'validate-metadata', 'client.json', '--profile', 'nhs-api-platform', '--environment', 'int', '--json'], dir);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ valid: true });
  }, 120_000);

  it('npx oidc-onboard --json in a checkout prints one JSON document', () => {
    const result = run('npx', ['oidc-onboard', 'profiles', '--json'], path.join(root, 'docs'));
    expect(result.status, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { id: string }[]).map((p) => p.id)).toContain('nhs-cis2');
  }, 120_000);
});

describe('shell completion', () => {
  const complete = (script: string, words: string[]) => {
    const line = `eval "$(cat)"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _oidc_onboard; printf '%s\\n' "\${COMPREPLY[@]}"`;
    return spawnSync('bash', ['-c', line], { input: script, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  };

  it('bash: commands, subcommands, options and option values come from the declarations', async () => {
    const { stdout, code } = await runCli(['completion', 'bash']).then((r) => ({ stdout: r.stdout, code: r.code }));
    expect(code).toBe(0);
    expect(complete(stdout, ['oidc-onboard', 'ke'])).toEqual(['keys']);
    expect(complete(stdout, ['oidc-onboard', 'keys', 'gen'])).toEqual(['generate']);
    expect(complete(stdout, ['oidc-onboard', 'keys', 'generate', 'my-id', '--kid-'])).toEqual(['--kid-style']);
    expect(complete(stdout, ['oidc-onboard', 'keys', 'generate', 'my-id', '--kid-style', ''])).toEqual(['dated', 'thumbprint']);
    expect(complete(stdout, ['oidc-onboard', 'set', 'x', '--clear-lo'])).toEqual(['--clear-logo-uri']);
    expect(complete(stdout, ['oidc-onboard', '--json', 'che'])).toEqual(['check-jwks', 'check-endpoint', 'check-history', 'check-compare', 'checklist']);
  });

  it('zsh and fish scripts name every command; an unknown shell is exit 2', async () => {
    const zsh = (await runCli(['completion', 'zsh'])).stdout;
    expect(zsh).toContain('bashcompinit');
    const fish = (await runCli(['completion', 'fish'])).stdout;
    for (const name of ['keys', 'set', 'copy', 'completion']) expect(fish).toContain(`-a ${name} `);
    expect(fish).toContain("__fish_seen_subcommand_from keys; and __fish_seen_subcommand_from generate' -l kid-style -x -a 'dated thumbprint'");
    for (const shell of ['zsh', 'fish'] as const) {
      const has = spawnSync(shell, ['--version']).status === 0;
      if (has) expect(spawnSync(shell, shell === 'fish' ? ['--no-execute', '-c', fish] : ['-n', '-c', zsh]).status, shell).toBe(0);
    }
    expect((await runCli(['completion', 'tcsh'])).code).toBe(2);
  });

  const hasFish = spawnSync('fish', ['--version']).status === 0;
  it.runIf(hasFish)('fish: completes subcommands, option values and options', async () => {
    const script = (await runCli(['completion', 'fish'])).stdout;
    const complete = (line: string) => spawnSync('fish', ['-c', `${script}\ncomplete -C ${JSON.stringify(line)}`], { encoding: 'utf8' }).stdout.split('\n').map((l) => l.split('\t')[0]).filter(Boolean);
    expect(complete('oidc-onboard keys gen')).toEqual(['generate']);
    expect(complete('oidc-onboard keys generate x --kid-style ')).toEqual(['dated', 'thumbprint']);
    expect(complete('oidc-onboard set x --clear-lo')).toEqual(['--clear-logo-uri']);
  });

  const hasZsh = spawnSync('zsh', ['--version']).status === 0;
  it.runIf(hasZsh)('zsh: the script loads (compinit, bashcompinit) and its function answers under sh emulation, as bashcompinit calls it', async () => {
    const script = (await runCli(['completion', 'zsh'])).stdout;
    const result = spawnSync('zsh', ['-c', `${script}\nemulate sh -c 'COMP_WORDS=(oidc-onboard keys gen); COMP_CWORD=2; _oidc_onboard; printf "%s\\n" "\${COMPREPLY[@]}"'`], { encoding: 'utf8', env: { ...process.env, HOME: dir } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.split('\n')).toContain('generate');
  });
});
