// Hostile input through the CLI: invalid UTF-8 in a file or on stdin is a usage error (exit 2)
// naming the byte offset, never "repaired"; echoed text (a client_name with a bidi override, a
// terminal escape) is printed escaped, in text and in JSON, which still parses to the real value.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli';

let dir: string;
const env = { OIDC_ONBOARD_KEYCHAIN_SERVICE: `oidc-onboard-test-cli-hygiene-${process.pid}` };
const cli = (args: string[], options: { stdin?: string | Uint8Array } = {}) => runCli([...args, '--data-dir', path.join(dir, 'data')], { ...options, env });
type ErrorJson = { error: { code: string; message: string; details?: { offset?: number; reason?: string } } };

const RLO = '\u202E';
const PDF = '\u202C';
const NAME = `Pay${RLO}exe.gnp${PDF}`;
const SHOWN = 'Pay\\u202Eexe.gnp\\u202C';

/** `{"client_name":"Caf` + 0xE9 (Latin-1 é, not UTF-8) + `"}`: the bad byte is at offset 19. */
const LATIN1_JSON = Buffer.concat([Buffer.from('{"client_name":"Caf'), Buffer.from([0xe9]), Buffer.from('"}')]);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-hygiene-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('invalid UTF-8 is exit 2 with the byte offset', () => {
  it('in a metadata file (text and JSON)', async () => {
    const file = path.join(dir, 'latin1.json');
    await writeFile(file, LATIN1_JSON);
    const run = await cli(['validate-metadata', file, '--profile', 'nhs-cis2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`The metadata file ${file} is not valid UTF-8: invalid byte 0xe9 at byte offset 19.`);
    expect(run.stderr).toContain('[INPUT_UNREADABLE]');
    const json = await cli(['validate-metadata', file, '--profile', 'nhs-cis2', '--json']);
    expect(json.code).toBe(2);
    expect(json.json<ErrorJson>().error).toMatchObject({ code: 'INPUT_UNREADABLE', details: { reason: 'invalid-utf8', offset: 19 } });
  });

  it('in a CA file, a key file to import, and a relative path taken from the working folder', async () => {
    await writeFile(path.join(dir, 'ca.pem'), Buffer.concat([Buffer.from('-----BEGIN CERTIFICATE-----\n'), Buffer.from([0xc3, 0x28])]));
    const ca = await runCli(['check-jwks', 'https://127.0.0.1:1/jwks.json', '--ca', 'ca.pem', '--data-dir', path.join(dir, 'data')], { env, cwd: dir });
    expect(ca.code).toBe(2);
    expect(ca.stderr).toContain('The CA file ca.pem is not valid UTF-8: invalid byte 0xc3 at byte offset 28.');

    expect((await cli(['new', '--profile', 'nhs-cis2', '--environment', 'int', '--name', 'Key Import App'])).code).toBe(0);
    await writeFile(path.join(dir, 'key.pem'), Buffer.concat([Buffer.from('-----BEGIN PRIVATE KEY-----\nMII'), Buffer.from([0xed, 0xa0, 0x80])]));
    const imported = await cli(['keys', 'import', 'key-import-app-int', path.join(dir, 'key.pem')]);
    expect(imported.code).toBe(2);
    expect(imported.stderr).toMatch(/not valid UTF-8: invalid byte 0xed at byte offset 31\./);
  });

  it('on stdin (a client secret)', async () => {
    expect((await cli(['new', '--profile', 'nhs-login', '--environment', 'sandpit', '--name', 'Stdin App'])).code).toBe(0);
    const run = await cli(['credentials', 'save', 'stdin-app-sandpit', '--client-id', 'c1', '--json'], { stdin: Buffer.from([0x73, 0x33, 0x63, 0xff, 0x0a]) });
    expect(run.code).toBe(2);
    expect(run.json<ErrorJson>().error).toMatchObject({ code: 'INPUT_UNREADABLE', message: expect.stringContaining('stdin is not valid UTF-8'), details: { offset: 3 } });
    expect((await cli(['credentials', 'show', 'stdin-app-sandpit'])).code).toBe(2);
  });
});

describe('echoed text is escaped', () => {
  it('a bidi override in client_name: escaped in show and its finding; JSON (show, list) still the real value', async () => {
    const created = await cli(['new', '--profile', 'nhs-cis2', '--environment', 'int', '--name', NAME, '--json']);
    expect(created.code).toBe(0);
    expect(created.stdout).not.toContain(RLO);
    const { id } = JSON.parse(created.stdout) as { id: string };

    const shown = await cli(['show', id]);
    expect(shown.stdout).toContain(SHOWN);
    expect(shown.stdout + shown.stderr).not.toContain(RLO);
    // The finding that flags the name quotes it, escaped.
    expect(shown.stdout).toMatch(/client_name\.control_chars/);
    expect(shown.stdout).toContain(`Value: "${SHOWN}"`);

    const listed = await cli(['list', '--json']);
    expect(listed.stdout).not.toContain(RLO);

    const json = await cli(['show', id, '--json']);
    expect(json.stdout).not.toContain(RLO);
    expect(json.stdout).toContain('\\u202e');
    expect(json.json<{ registration: { metadata: { client_name: string } } }>().registration.metadata.client_name).toBe(NAME);
  });

  it('a terminal escape sequence in an argument echoed by an error', async () => {
    const run = await cli(['show', 'no-such\u001b[2J\u001b[31mid']);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('\u001b');
    expect(run.stderr).toContain('no-such\\u001B[2J\\u001B[31mid');
  });
});
