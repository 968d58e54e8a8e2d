/**
 * `oidc-onboard` — the command-line face of OIDC Onboard. Global flags may appear anywhere:
 * `--json`, `--data-dir <dir>`, `--help`, `--version`. Commands load their modules lazily so
 * that start-up stays lean.
 */
import { AppError } from '../contract/errors';
import { escapeForDisplay, escapeJsonForDisplay } from '../contract/text/display';
import { decodeUtf8 } from '../contract/text/utf8';
import { APP_VERSION } from '../core/version';
import { resolveDataDir } from '../core/storage/data-dir';
import { EXIT, reportError, usageError, type CliContext, type Command } from './context';
import { COMMANDS } from './commands';
import { MAX_TEXT_INPUT_BYTES } from './input';

interface GlobalFlags {
  json: boolean;
  help: boolean;
  version: boolean;
  dataDir: string | undefined;
  rest: string[];
}

/** Pulls the global flags out of argv, leaving the command and its own arguments. */
export function splitGlobalFlags(argv: readonly string[]): GlobalFlags {
  const flags: GlobalFlags = { json: false, help: false, version: false, dataDir: undefined, rest: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') {
      flags.rest.push(...argv.slice(i));
      break;
    } else if (arg === '--json') flags.json = true;
    else if (arg === '--help' || arg === '-h') flags.help = true;
    else if (arg === '--version' || arg === '-V') flags.version = true;
    else if (arg === '--data-dir') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw usageError('--data-dir needs a folder.');
      flags.dataDir = value;
      i += 1;
    } else if (arg.startsWith('--data-dir=')) flags.dataDir = arg.slice('--data-dir='.length);
    else flags.rest.push(arg);
  }
  return flags;
}

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `oidc-onboard ${APP_VERSION} — prepare, key, test, package and keep an OpenID Connect client registration`,
    '',
    'Usage: oidc-onboard <command> [options] [--json] [--data-dir <dir>]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options:',
    '  --json             print one JSON document on stdout',
    '  --data-dir <dir>   data folder (default: the desktop app\'s; env OIDC_ONBOARD_DATA_DIR)',
    '  --help, -h         help for the tool or a command',
    '  --version, -V      print the version',
    '',
    'Exit codes: 0 success, 1 not valid / verification failed, 2 usage or unreadable input, 3 environment (keychain, disk).',
    'Secrets and passphrases are read from stdin, never from arguments.',
    '',
  ].join('\n');
}

/** What a run of the CLI is given: where to write, how to read stdin, its environment and working folder. */
export type CliIo = Omit<CliContext, 'json' | 'dataDir'>;

/**
 * `io` whose writers escape what would restyle a terminal: control, bidi and invisible format
 * characters in anything printed (values echoed from files, servers or the keychain) become
 * visible `\u…` escapes. Text keeps its line breaks and tabs; JSON stays the same document.
 */
function displaySafe(io: CliIo, json: boolean): CliIo {
  const text = (write: (t: string) => void) => (t: string) => write(escapeForDisplay(t, { keep: '\n\t' }));
  return { ...io, out: json ? (t) => io.out(escapeJsonForDisplay(t)) : text(io.out), err: text(io.err) };
}

/** Runs the CLI and returns the exit code. Reads nothing of the process: argv, streams, env and cwd come in `io`. */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<number> {
  let flags: GlobalFlags;
  try {
    flags = splitGlobalFlags(argv);
  } catch (error) {
    return reportError({ ...displaySafe(rawIo, false), json: false, dataDir: '' }, error);
  }
  const io = displaySafe(rawIo, flags.json);
  const context: CliContext = { ...io, json: flags.json, dataDir: resolveDataDir(flags.dataDir, io.env, io.cwd) };
  const [name, ...rest] = flags.rest;

  if (flags.version && name === undefined) {
    io.out(flags.json ? JSON.stringify({ version: APP_VERSION }) + '\n' : `${APP_VERSION}\n`);
    return EXIT.ok;
  }
  if (name === undefined) {
    (flags.help ? io.out : io.err)(helpText());
    return flags.help ? EXIT.ok : EXIT.usage;
  }
  const command: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!command) return reportError(context, usageError(`Unknown command "${name}". Run oidc-onboard --help for the list.`));
  if (flags.help) {
    io.out(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(context, rest);
  } catch (error) {
    return reportError(context, error);
  }
}

/** All of `stream` as strict UTF-8 text, refused past {@link MAX_TEXT_INPUT_BYTES}. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  if ((stream as NodeJS.ReadStream).isTTY) return '';
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    total += bytes.length;
    if (total > MAX_TEXT_INPUT_BYTES) throw new AppError('INPUT_UNREADABLE', `stdin holds more than ${MAX_TEXT_INPUT_BYTES} bytes; a secret or passphrase is far shorter.`);
    chunks.push(bytes);
  }
  return decodeUtf8(Buffer.concat(chunks), 'stdin');
}

/** Runs the CLI on this process's argv and streams, and sets the exit code. */
export async function main(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    readStdin: () => readAll(process.stdin),
    env: process.env,
    cwd: process.cwd(),
  });
}

if (process.argv[1]?.endsWith('cli/main.ts')) await main();
