/** Argument parsing on node:util parseArgs, driven by a command's declaration; its errors become usage errors in our words. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './context';
import { usageLine, type CommandDecl, type OptionDecls, type Parsed } from './spec';
import { didYouMean, suggest } from './suggest';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Binds the token after a string option to it (`--kid -x1` → `--kid=-x1`). parseArgs refuses a
 * value that starts with a dash as "ambiguous", but key ids are base64url thumbprints and about one
 * in 32 starts with "-": a value is required after these options, so the next token is it.
 */
export function bindStringValues(argv: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const token = argv[i]!;
    if (token === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const name = token.startsWith('--') && !token.includes('=') ? token.slice(2) : undefined;
    const next = argv[i + 1];
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined) {
      out.push(`${token}=${next}`);
      i += 1;
    } else {
      out.push(token);
    }
  }
  return out;
}

/** The parseArgs configuration of declared options. */
function parseArgsOptions(decls: OptionDecls): Options {
  return Object.fromEntries(
    Object.entries(decls).map(([name, o]) => [name, { type: o.type, ...(o.multiple && { multiple: true }), ...(o.short && { short: o.short }) }]),
  );
}

/** Refuses an option `decls` does not have, naming the closest ones (before parseArgs would, in its own words). */
function refuseUnknownOptions(argv: readonly string[], decls: OptionDecls, usage: string, command: string): void {
  const names = Object.keys(decls);
  const shorts = new Set(Object.values(decls).flatMap((o) => (o.short ? [o.short] : [])));
  for (let i = 0; i < argv.length; i += 1) {
    const token = argv[i]!;
    if (token === '--') return;
    if (token.startsWith('--')) {
      const name = token.slice(2).split('=')[0]!;
      if (!Object.hasOwn(decls, name)) {
        throw usageError(`Unknown option --${name} for "${command}".${didYouMean(suggest(name, names).map((n) => `--${n}`))} See: oidc-onboard help ${command.replace(/^oidc-onboard /, '')}`, usage);
      }
      // The next token is this option's value (even when it starts with a dash), not an option.
      if (decls[name]!.type === 'string' && !token.includes('=')) i += 1;
    } else if (/^-[A-Za-z]/.test(token)) {
      if (![...token.slice(1)].every((c) => shorts.has(c))) throw usageError(`Unknown option ${token} for "${command}". See: oidc-onboard help ${command.replace(/^oidc-onboard /, '')}`, usage);
      if (Object.values(decls).some((o) => o.short === token.at(-1) && o.type === 'string')) i += 1;
    }
  }
}

/**
 * Parses `argv` against `decl` (reached by `path`, e.g. `['keys', 'generate']`): unknown options
 * (with "did you mean"), missing values, required options, choices and the number of arguments
 * are usage errors that show the usage line.
 */
export function parseDeclared(argv: readonly string[], decl: CommandDecl, path: readonly string[]): Parsed<OptionDecls> {
  const decls = decl.options ?? {};
  const usage = usageLine(path, decl);
  const command = ['oidc-onboard', ...path].join(' ');
  refuseUnknownOptions(argv, decls, usage, command);
  const options = parseArgsOptions(decls);
  let parsed;
  try {
    parsed = parseArgs({ args: bindStringValues(argv, options), options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message;
    const missing = /Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(message);
    throw usageError(missing ? `${missing[1]} needs a value.` : message, usage);
  }
  const values = parsed.values as Record<string, unknown>;
  for (const [name, o] of Object.entries(decls)) {
    if (o.required && values[name] === undefined) throw usageError(`--${name} is required.`, usage);
    if (o.choices && values[name] !== undefined) {
      const given = ([] as unknown[]).concat(values[name]);
      const bad = given.find((v) => !o.choices!.includes(v as string));
      if (bad !== undefined) throw usageError(`--${name} is one of ${o.choices.join(', ')}, not "${String(bad)}".`, usage);
    }
  }
  const args = decl.args ?? [];
  const min = args.filter((a) => !a.optional).length;
  if (parsed.positionals.length < min || parsed.positionals.length > args.length) {
    const what = args.length === 0 ? 'takes no arguments' : `takes ${min === args.length ? '' : `${min} to `}${args.length} argument(s): ${args.map((a) => `<${a.name}>`).join(' ')}`;
    throw usageError(`${command} ${what}.`, usage);
  }
  return { values: parsed.values as Parsed<OptionDecls>['values'], positionals: parsed.positionals };
}
