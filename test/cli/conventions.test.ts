// CLI conventions (issue 13): help per command and subcommand from the declarations, "did you
// mean", set/clear of every member, copy, duplicate new, paths from the user's folder, output
// paths, plain text without Markdown, colour only on a terminal, and the skipped-check summary.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../cli/commands';
import { MEMBER_FLAGS } from '../../cli/commands/set-members';
import { isGroup, type CommandDecl } from '../../cli/spec';
import { METADATA_MEMBERS } from '../../core/registration/metadata';
import { json, startHttpsServer } from '../support/hostile-server';
import { rsaKey } from '../support/jwks-servers';
import { getTestPki, LOCAL_HOSTS } from '../support/test-pki';
import { runCli } from '../support/run-cli';

let dataDir: string;
const cli = (...args: string[]) => runCli([...args, '--data-dir', dataDir]);
type Detail = { registration: { id: string; notes: string; metadata: Record<string, unknown> } };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-conv-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const leaves = (): { path: string[]; decl: CommandDecl }[] => COMMANDS.flatMap((e) => (isGroup(e) ? e.subcommands.map((s) => ({ path: [e.name, s.name], decl: s })) : [{ path: [e.name], decl: e }]));

describe('help', () => {
  it('help keys generate lists every option of that subcommand, each described, with an example', async () => {
    const run = await cli('help', 'keys', 'generate');
    expect(run.code).toBe(0);
    for (const option of ['--alg', '--size', '--curve', '--kid', '--kid-style', '--rotate-by', '--json', '--data-dir']) expect(run.stdout).toMatch(new RegExp(`^  ${option}\\b.*\\S\\s{2,}\\S`, 'm'));
    expect(run.stdout).toMatch(/^Examples?:\n {2}oidc-onboard keys generate /m);
    // The same text from --help on the subcommand, and it is not the whole of `keys`.
    expect((await cli('keys', 'generate', '--help')).stdout).toBe(run.stdout);
    expect(run.stdout).not.toContain('export-private');
    // With --json: the same declaration as one JSON document.
    const data = (await cli('help', 'keys', 'generate', '--json')).json<{ command: string; options: { name: string; description: string }[]; examples: string[] }>();
    expect(data.command).toBe('keys generate');
    expect(data.options.map((o) => o.name)).toEqual(['--alg', '--size', '--curve', '--kid', '--kid-style', '--rotate-by']);
    expect((await cli('keys', 'generate', '--help', '--json')).json()).toEqual(data);
    expect((await cli('--help', '--json')).json<{ commands: unknown[] }>().commands.length).toBeGreaterThan(20);
  });

  it('every command and subcommand has help with each declared option described and at least one example', async () => {
    for (const { path: words, decl } of leaves()) {
      expect(decl.examples.length, words.join(' ')).toBeGreaterThan(0);
      for (const example of decl.examples) expect(example, words.join(' ')).toContain(`oidc-onboard ${words.join(' ')}`);
      const run = await cli('help', ...words);
      expect(run.code, words.join(' ')).toBe(0);
      for (const [name, option] of Object.entries(decl.options ?? {})) {
        expect(option.description.length, `${words.join(' ')} --${name}`).toBeGreaterThan(3);
        expect(run.stdout, `${words.join(' ')} --${name}`).toContain(`--${name}`);
      }
    }
    const keys = await cli('help', 'keys');
    for (const sub of ['generate', 'list', 'jwks', 'export-private', 'import', 'rotate', 'delete']) expect(keys.stdout).toMatch(new RegExp(`^  ${sub}\\s`, 'm'));
  });

  it('"did you mean" for commands, aliases, subcommands and options; unknown options in our words (exit 2)', async () => {
    const typo = await cli('regstrations');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('"registrations" (same as "list")');
    expect((await cli('registrations', '--json')).code).toBe(0);
    expect((await cli('keys', 'genrate', 'x')).stderr).toContain('Did you mean "generate"?');
    const option = await cli('keys', 'generate', 'x', '--sise', '3072');
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('Unknown option --sise for "oidc-onboard keys generate". Did you mean "--size"?');
    expect(option.stderr).not.toMatch(/To specify a positional argument|ERR_PARSE_ARGS/);
    expect((await cli('new', '--profile', 'nhs-cis2', '--environment', 'int', '--nam', 'x')).stderr).toContain('"--name"');
  });
});

describe('set, copy and new', () => {
  it('the set table covers every metadata member the app reads', () => {
    expect(MEMBER_FLAGS.map((m) => m.member).sort()).toEqual(Object.keys(METADATA_MEMBERS).sort());
  });

  it('set can set and clear every member (and notes); list members add, remove and clear', async () => {
    const created = await cli('new', '--profile', 'nhs-cis2', '--environment', 'int', '--name', 'Every Member', '--json');
    expect(created.code, created.stderr).toBe(0);
    const id = created.json<{ id: string }>().id;
    const jwksFile = path.join(dataDir, 'jwks.json');
    await writeFile(jwksFile, JSON.stringify({ keys: [rsaKey(2048, 'by-value').publicJwk] }));
    const setArgs: string[] = [];
    const expected: Record<string, unknown> = {};
    for (const m of MEMBER_FLAGS) {
      const value = m.kind === 'boolean' ? 'true' : m.choices ? m.choices.at(-1)! : m.kind === 'jwks-file' ? jwksFile : m.member.endsWith('uri') || m.member.endsWith('uris') ? `https://app.example.org/${m.member}` : m.member === 'contacts' ? 'ops@example.org' : `value-of-${m.member}`;
      setArgs.push(m.kind === 'list' ? `--add-${m.flag}` : `--${m.flag}`, value);
      expected[m.member] = m.kind === 'boolean' ? true : m.kind === 'list' ? [value] : m.kind === 'jwks-file' ? expect.objectContaining({ keys: expect.any(Array) }) : value;
    }
    const set = await cli('set', id, ...setArgs, '--notes', 'kept here', '--member', 'post_logout_redirect_uris=["https://app.example.org/bye"]', '--json');
    expect(set.code, set.stderr).toBe(0);
    const after = set.json<Detail>().registration;
    expect(after.metadata).toMatchObject({ ...expected, post_logout_redirect_uris: ['https://app.example.org/bye'] });
    expect(after.notes).toBe('kept here');

    const more = await cli('set', id, '--add-contact', 'dev@example.org', '--contact', 'old@example.org', '--remove-contact', 'ops@example.org', '--json');
    expect(more.json<Detail>().registration.metadata.contacts).toEqual(['dev@example.org', 'old@example.org']);

    const clearArgs = MEMBER_FLAGS.map((m) => (m.kind === 'list' ? `--clear-${m.plural}` : `--clear-${m.flag}`));
    const cleared = await cli('set', id, ...clearArgs, '--clear-notes', '--clear-member', 'post_logout_redirect_uris', '--json');
    expect(cleared.code, cleared.stderr).toBe(0);
    const metadata = cleared.json<Detail>().registration.metadata;
    for (const m of MEMBER_FLAGS) expect(Object.hasOwn(metadata, m.member), m.member).toBe(false);
    expect(Object.hasOwn(metadata, 'post_logout_redirect_uris')).toBe(false);
    expect(cleared.json<Detail>().registration.notes).toBe('');

    expect((await cli('set', id, '--jwks-uri', 'https://x.example/j', '--clear-jwks-uri')).code).toBe(2);
    expect((await cli('set', id, '--member', 'no_such_member=1')).code).toBe(2);
    expect((await cli('set', id, '--application-type', 'desktop')).stderr).toContain('--application-type is one of web, native');
  });

  it('new refuses a duplicate application × provider × environment, naming the existing id (exit 2); another name is fine', async () => {
    const first = await cli('new', '--profile', 'nhs-cis2', '--environment', 'int', '--name', 'Clinic Portal', '--json');
    expect(first.code).toBe(0);
    const again = await cli('new', '--profile', 'nhs-cis2', '--environment', 'int', '--name', ' clinic portal ');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('clinic-portal-int');
    expect(again.stderr).toContain('[ALREADY_EXISTS]');
    expect((await cli('list', '--json')).json<unknown[]>().length).toBe(2);
    expect((await cli('new', '--profile', 'nhs-cis2', '--environment', 'dep', '--name', 'Clinic Portal')).code).toBe(0);
    expect((await cli('new', '--profile', 'nhs-cis2', '--environment', 'int', '--name', 'Clinic Portal 2')).code).toBe(0);
  });

  it('copy <id> --environment <env> copies the values to another environment', async () => {
    await cli('set', 'clinic-portal-int', '--add-redirect-uri', 'https://clinic.example.org/cb');
    const copied = await cli('copy', 'clinic-portal-int', '--environment', 'live', '--json');
    expect(copied.code, copied.stderr).toBe(0);
    const { registration } = copied.json<Detail & { registration: { environment: string } }>();
    expect(registration).toMatchObject({ id: 'clinic-portal-live', environment: 'live', metadata: { client_name: 'Clinic Portal', redirect_uris: ['https://clinic.example.org/cb'] } });
    expect((await cli('copy', 'clinic-portal-int', '--environment', 'moon')).code).toBe(2);
  });
});

describe('paths and output', () => {
  it('--out rel.json from a subdirectory writes there; a bad --out folder is exit 2 naming the path', async () => {
    const id = 'clinic-portal-int';
    await cli('keys', 'generate', id); // public JWKS needs a key: skip the keychain by using the public set only
    const sub = path.join(dataDir, 'work', 'sub');
    await mkdir(sub, { recursive: true });
    const run = await runCli(['keys', 'jwks', id, '--out', 'rel.json', '--data-dir', dataDir], { cwd: sub });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(await readFile(path.join(sub, 'rel.json'), 'utf8'))).toHaveProperty('keys');
    const bad = await runCli(['keys', 'jwks', id, '--out', 'no-such-folder/rel.json', '--data-dir', dataDir], { cwd: sub });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(path.join(sub, 'no-such-folder'));
    const diag = await runCli(['diagnostics', '--out', 'missing/d.zip', '--data-dir', dataDir], { cwd: sub });
    expect(diag.code).toBe(2);
    expect(diag.stderr).toContain('missing');
    const ring = (await cli('keys', 'list', id, '--json')).json<{ records: { kid: string }[] }>();
    for (const r of ring.records) await cli('keys', 'delete', id, '--kid', r.kid, '--yes');
  });

  it('no colour when piped or with NO_COLOR; colour on a terminal, from our own marks only', async () => {
    const { colourise, wantsColour } = await import('../../cli/colour');
    expect(wantsColour({}, false)).toBe(false);
    expect(wantsColour({ NO_COLOR: '1' }, true)).toBe(false);
    expect(wantsColour({ TERM: 'xterm' }, true)).toBe(true);
    expect(colourise('[FAIL] x: y\nVerdict: FAIL for u\n', true)).toBe('\x1b[31m[FAIL]\x1b[39m x: y\nVerdict: \x1b[31mFAIL\x1b[39m for u\n');
    expect((await cli('validate', 'clinic-portal-int')).stdout).not.toContain('\x1b[');
  });
});

describe('a failed TLS check', () => {
  it('prints the failure and at most 3 lines about skipped checks, with --ca advice and no Node flag', async () => {
    const pki = await getTestPki();
    const self = await pki.selfSigned({ hosts: LOCAL_HOSTS });
    const server = await startHttpsServer({ cert: self.chainPem, key: self.keyPem, handler: json({ keys: [] }) });
    try {
      const run = await cli('check-jwks', server.url('/jwks.json'));
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^\[FAIL\] /m);
      expect(run.stdout.split('\n').filter((line) => /skip/i.test(line)).length).toBeLessThanOrEqual(3);
      expect(run.stdout).not.toMatch(/^\[SKIP\] [a-z]+\.[a-z-]+:/m);
      expect(run.stdout + run.stderr).not.toMatch(/use-system-ca|NODE_EXTRA_CA_CERTS|--use-openssl-ca/);
      expect(run.stdout).toContain('--ca <file.pem>');
    } finally {
      await server.close();
    }
  });
});
