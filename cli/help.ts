/** Help text, all of it derived from the command declarations (spec.ts). */
import { APP_VERSION } from '../core/version';
import type { CliContext } from './context';
import { resolveCommand } from './resolve';
import { isGroup, optionSynopsis, usageLine, type CommandDecl, type Entry, type GroupDecl } from './spec';

/** The options every command takes (handled before the command sees its arguments). */
export const GLOBAL_OPTIONS: readonly [string, string][] = [
  ['--json', 'print one JSON document on stdout (errors too); nothing else goes to stdout'],
  ['--data-dir <dir>', "data folder (default: the desktop app's; env OIDC_ONBOARD_DATA_DIR)"],
  ['--help, -h', 'help for the tool, a command or a subcommand'],
  ['--version, -V', 'print the version'],
];

const EXIT_CODES = 'Exit codes: 0 success, 1 not valid / verification failed, 2 usage or unreadable input, 3 environment (keychain, disk).';

/** Two columns: `left` padded to the widest, `right` wrapped under itself. */
function columns(rows: readonly (readonly [string, string])[], indent = '  '): string[] {
  const width = Math.min(34, Math.max(...rows.map(([left]) => left.length)));
  return rows.map(([left, right]) => (left.length > width ? `${indent}${left}\n${indent}${' '.repeat(width)}  ${right}` : `${indent}${left.padEnd(width)}  ${right}`));
}

/** `oidc-onboard --help`: every command with its summary, the global options and the conventions. */
export function toolHelp(entries: readonly Entry[]): string {
  return [
    `oidc-onboard ${APP_VERSION} — prepare, key, test, package and keep an OpenID Connect client registration`,
    '',
    'Usage: oidc-onboard <command> [options] [--json] [--data-dir <dir>]',
    '       oidc-onboard help <command> [<subcommand>]',
    '',
    'Commands:',
    ...columns(entries.map((e) => [e.name, `${e.summary}${e.aliases?.length ? ` (also: ${e.aliases.join(', ')})` : ''}`])),
    '',
    'Global options:',
    ...columns(GLOBAL_OPTIONS),
    '',
    EXIT_CODES,
    'Secrets and passphrases are asked for without echo on a terminal, or read from stdin when piped; never from arguments.',
    'Relative paths are resolved from the folder you run the command in. NO_COLOR turns colour off.',
    '',
  ].join('\n');
}

/** The option table of a command: every option with its value, description and choices. */
function optionRows(decl: CommandDecl): [string, string][] {
  return Object.entries(decl.options ?? {}).map(([name, o]) => {
    const synopsis = optionSynopsis(name, o).replace(/^\[|\](\.\.\.)?$/g, '').replace(/\.\.\.$/, '');
    const extras = [o.required ? 'required' : '', o.multiple ? 'repeatable' : '', o.legacy ? 'kept for old scripts' : ''].filter(Boolean);
    const choices = o.choices && o.value !== o.choices.join('|') ? ` One of: ${o.choices.join(', ')}.` : '';
    return [`${o.short ? `-${o.short}, ` : ''}${synopsis}`, `${o.description}${extras.length ? ` (${extras.join(', ')})` : ''}${choices}`];
  });
}

/** Help of one command or subcommand: usage, arguments, options, details and examples. */
export function commandHelp(path: readonly string[], decl: CommandDecl): string {
  const args = decl.args ?? [];
  const options = optionRows(decl);
  return [
    `oidc-onboard ${path.join(' ')} — ${decl.summary}`,
    '',
    `Usage: ${usageLine(path, decl)}`,
    ...(decl.aliases?.length ? [`Also: ${decl.aliases.map((a) => ['oidc-onboard', ...path.slice(0, -1), a].join(' ')).join(', ')}`] : []),
    ...(args.length ? ['', 'Arguments:', ...columns(args.map((a) => [`<${a.name}>`, `${a.description}${a.optional ? ' (optional)' : ''}`]))] : []),
    '',
    'Options:',
    ...columns([...options, ['--json', 'print the result as one JSON document'], ['--data-dir <dir>', 'data folder to use'], ['--help', 'this help']]),
    ...(decl.details?.length ? ['', ...decl.details] : []),
    '',
    decl.examples.length > 1 ? 'Examples:' : 'Example:',
    ...decl.examples.map((e) => `  ${e}`),
    '',
  ].join('\n');
}

/** Help of a group: its subcommands with their usage lines. */
export function groupHelp(group: GroupDecl): string {
  return [
    `oidc-onboard ${group.name} — ${group.summary}`,
    '',
    `Usage: oidc-onboard ${group.name} <subcommand> [options]`,
    '',
    'Subcommands:',
    ...columns(group.subcommands.map((s) => [s.name, s.summary])),
    ...(group.details?.length ? ['', ...group.details] : []),
    '',
    `Help of one: oidc-onboard help ${group.name} <subcommand>  (or oidc-onboard ${group.name} <subcommand> --help)`,
    '',
    'Usage lines:',
    ...group.subcommands.map((s) => `  ${usageLine([group.name, s.name], s)}`),
    '',
  ].join('\n');
}

/** Help for an entry at any depth. */
export function entryHelp(entry: Entry, sub?: CommandDecl): string {
  if (sub) return commandHelp([entry.name, sub.name], sub);
  return isGroup(entry) ? groupHelp(entry) : commandHelp([entry.name], entry);
}

/** The declaration as data (no functions): what `help --json` prints, for scripts and editors. */
export function helpData(entries: readonly Entry[], entry?: Entry, sub?: CommandDecl): unknown {
  const command = (path: readonly string[], decl: CommandDecl) => ({
    command: path.join(' '),
    summary: decl.summary,
    usage: usageLine(path, decl),
    ...(decl.aliases?.length && { aliases: decl.aliases }),
    arguments: decl.args ?? [],
    options: Object.entries(decl.options ?? {}).map(([name, o]) => ({ name: `--${name}`, ...o })),
    details: decl.details ?? [],
    examples: decl.examples,
  });
  const of = (e: Entry) => (isGroup(e) ? { command: e.name, summary: e.summary, subcommands: e.subcommands.map((s) => command([e.name, s.name], s)) } : command([e.name], e));
  if (entry && sub) return command([entry.name, sub.name], sub);
  if (entry) return of(entry);
  return { version: APP_VERSION, globalOptions: GLOBAL_OPTIONS.map(([option, description]) => ({ option, description })), commands: entries.map(of) };
}

/**
 * Prints help for the tool (`path` empty) or the command or subcommand `path` names: text, or
 * with --json the same as data. What `help [command [sub]]` and `--help` both print.
 *
 * @throws AppError `USAGE` (with "did you mean") for an unknown command.
 */
export function printHelp(context: Pick<CliContext, 'json' | 'out'>, commands: readonly Entry[], path: readonly string[]): void {
  const resolved = path.length === 0 ? undefined : resolveCommand(commands, path, true);
  context.out(context.json ? JSON.stringify(helpData(commands, resolved?.entry, resolved?.sub), null, 2) + '\n' : resolved ? entryHelp(resolved.entry, resolved.sub) : toolHelp(commands));
}
