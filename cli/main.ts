/**
 * `oidc-onboard` — the command-line face of OIDC Onboard. Global flags may appear anywhere:
 * `--json`, `--data-dir <dir>`, `--help`, `--version`. Commands load their modules lazily so
 * that start-up stays lean.
 */
import { AppError, hasErrorCode } from '../contract/errors';
import { escapeForDisplay, escapeJsonForDisplay } from '../contract/text/display';
import { decodeUtf8 } from '../contract/text/utf8';
import { APP_VERSION } from '../core/version';
import { resolveDataDir } from '../core/storage/data-dir';
import { EXIT, reportError, usageError, type CliContext } from './context';
import { COMMANDS } from './commands';
import { printHelp, toolHelp } from './help';
import { parseDeclared } from './args';
import { resolveCommand } from './resolve';
import { colourise, wantsColour } from './colour';
import { checkOutputOptions } from './output';
import { usageLine, type CommandDecl } from './spec';
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

/** What a run of the CLI is given: where to write, how to read stdin, its environment and working folder. */
export type CliIo = Omit<CliContext, 'json' | 'dataDir'>;

/**
 * `io` whose writers escape what would restyle a terminal: control, bidi and invisible format
 * characters in anything printed (values echoed from files, servers or the keychain) become
 * visible `\u…` escapes. Text keeps its line breaks and tabs; JSON stays the same document.
 */
function displaySafe(io: CliIo, json: boolean): CliIo {
  // Colour is added after escaping, to our own line marks only: nothing echoed can bring its own.
  const text = (write: (t: string) => void, colour: boolean) => (t: string) => write(colourise(escapeForDisplay(t, { keep: '\n\t' }), colour));
  const colour = !json && io.colour === true;
  return { ...io, colour, out: json ? (t) => io.out(escapeJsonForDisplay(t)) : text(io.out, colour), err: text(io.err, io.colour === true) };
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
  const [name] = flags.rest;

  if (flags.version && name === undefined) {
    io.out(flags.json ? JSON.stringify({ version: APP_VERSION }) + '\n' : `${APP_VERSION}\n`);
    return EXIT.ok;
  }
  if (name === undefined && !flags.help) {
    io.err(toolHelp(COMMANDS));
    return EXIT.usage;
  }
  try {
    if (flags.help) {
      printHelp(context, COMMANDS, flags.rest);
      return EXIT.ok;
    }
    const resolved = resolveCommand(COMMANDS, flags.rest, false);
    const decl = resolved.sub ?? (resolved.entry as CommandDecl);
    const parsed = parseDeclared(resolved.rest, decl, resolved.path);
    checkOutputOptions(context, decl, parsed.values);
    try {
      return await decl.run(context, parsed);
    } catch (error) {
      // A usage error raised by the command itself gets its usage line too.
      if (hasErrorCode(error, 'USAGE') && !error.message.includes('\nUsage: ')) throw new AppError('USAGE', `${error.message}\nUsage: ${usageLine(resolved.path, decl)}`, { ...(error.details && { details: error.details }) });
      throw error;
    }
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

/**
 * The folder the user typed the command in. Under `npm run cli` npm starts the script in the
 * checkout's root and keeps the user's folder in INIT_CWD; `npx oidc-onboard` does the same.
 * Only our own script and npx are trusted for it: another project's npm script that runs
 * `oidc-onboard` means paths relative to that project, where npm started it.
 */
function userWorkingDir(env: NodeJS.ProcessEnv, cwd: string): string {
  const ours = (env.npm_lifecycle_event === 'cli' && env.npm_package_name === 'oidc-onboard') || env.npm_lifecycle_event === 'npx';
  return ours && env.INIT_CWD ? env.INIT_CWD : cwd;
}

/** Runs the CLI on this process's argv and streams, and sets the exit code. */
export async function main(): Promise<void> {
  const env = process.env;
  process.exitCode = await runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    readStdin: () => readAll(process.stdin),
    env,
    cwd: userWorkingDir(env, process.cwd()),
    colour: wantsColour(env, process.stdout.isTTY === true),
    ...(process.stdin.isTTY && {
      promptSecret: async (message: string) => (await import('./prompt')).promptHidden(message, process.stdin, process.stderr),
    }),
  });
}

if (process.argv[1]?.endsWith('cli/main.ts')) await main();
