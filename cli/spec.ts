/**
 * Commands are declarations: a name, a summary, its arguments and options each with a
 * description, examples, and the function that runs it. Help (`oidc-onboard help <cmd> [sub]`,
 * `<cmd> --help`), usage lines, "did you mean", argument checking and shell completion are all
 * derived from the declaration, so adding a command is declaring it (in `commands/index.ts`)
 * and nothing else has to be kept in step.
 */
import type { CliContext } from './context';

/** One option of a command (`--name <value>` or a `--flag`). */
export interface OptionDecl {
  type: 'string' | 'boolean';
  /** May be given more than once; the values are collected in order. */
  multiple?: boolean;
  /** One-letter form (`-y`). */
  short?: string;
  /** The value's placeholder in help (`<kid>`); `<value>` by default. */
  value?: string;
  /** What the option does, one sentence for help. */
  description: string;
  /** Refused when absent (usage error naming it). */
  required?: boolean;
  /** The only values accepted; listed in help and offered by completion. */
  choices?: readonly string[];
  /** What completion offers for the value. */
  complete?: 'file' | 'dir';
  /** The value is a path the command writes: checked before it runs (exit 2 naming the path when its folder is missing). */
  output?: 'file' | 'dir';
  /** Left out of the usage line and completion (kept for old scripts), still described in help. */
  legacy?: boolean;
}

/** A positional argument. */
export interface ArgDecl {
  name: string;
  description: string;
  optional?: boolean;
  /** Completion offers files for it. */
  file?: boolean;
}

/** The declared options of a command. */
export type OptionDecls = Readonly<Record<string, OptionDecl>>;

/** The parsed values of `O`, typed from the declarations. */
export type OptionValues<O extends OptionDecls> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? (O[K]['multiple'] extends true ? boolean[] : boolean) : O[K]['multiple'] extends true ? string[] : string;
};

/** What a command's `run` receives. */
export interface Parsed<O extends OptionDecls> {
  values: OptionValues<O>;
  positionals: string[];
}

/** A runnable command or subcommand. */
export interface CommandDecl<O extends OptionDecls = OptionDecls> {
  name: string;
  /** Other names it answers to (listed in help; "did you mean" knows them). */
  aliases?: readonly string[];
  /** One line for command lists. */
  summary: string;
  /** More paragraphs for its own help: conventions, what is written where, exit codes. */
  details?: readonly string[];
  args?: readonly ArgDecl[];
  options?: O;
  /** At least one, each a full command line. */
  examples: readonly string[];
  run(context: CliContext, parsed: Parsed<O>): Promise<number>;
}

/** A command made of subcommands (`keys generate`, `credentials save`). */
export interface GroupDecl {
  name: string;
  aliases?: readonly string[];
  summary: string;
  details?: readonly string[];
  subcommands: readonly CommandDecl[];
}

/** An entry of the command table. */
export type Entry = CommandDecl | GroupDecl;

/** True for a command with subcommands. */
export function isGroup(entry: Entry): entry is GroupDecl {
  return 'subcommands' in entry;
}

/** Declares a command; the identity function that lets TypeScript type `run`'s values from `options`. */
export function defineCommand<const O extends OptionDecls>(decl: CommandDecl<O>): CommandDecl {
  return decl as unknown as CommandDecl;
}

/** The `[--name <value>]` form of one option for usage lines. */
export function optionSynopsis(name: string, option: OptionDecl): string {
  const value = option.type === 'string' ? ` ${option.value ?? (option.choices ? option.choices.join('|') : '<value>')}` : '';
  const text = `--${name}${value}`;
  return `${option.required ? text : `[${text}]`}${option.multiple ? '...' : ''}`;
}

/** `oidc-onboard keys generate <id> [--alg <alg>] …` for `decl` reached through `path`. */
export function usageLine(path: readonly string[], decl: CommandDecl): string {
  const args = (decl.args ?? []).map((a) => (a.optional ? `[<${a.name}>]` : `<${a.name}>`));
  const visible = Object.entries(decl.options ?? {}).filter(([, o]) => !o.legacy);
  const full = ['oidc-onboard', ...path, ...args, ...visible.map(([name, o]) => optionSynopsis(name, o)), '[--json]'].join(' ');
  if (full.length <= 200) return full;
  // A long list (set) is summarised: the required options, then [options] (help lists them all).
  return ['oidc-onboard', ...path, ...args, ...visible.filter(([, o]) => o.required).map(([name, o]) => optionSynopsis(name, o)), '[options]', '[--json]'].join(' ');
}
