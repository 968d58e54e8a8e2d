/** Argument parsing on node:util parseArgs, turning its errors into usage errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './context';

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

/** Parses `argv` strictly against `options`; unknown flags and missing values are usage errors. */
export function parseCommandArgs<O extends Options>(argv: string[], options: O, usage: string, positionals: { min: number; max: number }) {
  let parsed;
  try {
    parsed = parseArgs({ args: bindStringValues(argv, options), options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError((error as Error).message, usage);
  }
  if (parsed.positionals.length < positionals.min || parsed.positionals.length > positionals.max) {
    throw usageError(positionals.min === positionals.max && positionals.min === 0 ? 'This command takes no arguments.' : 'Wrong number of arguments.', usage);
  }
  return parsed as { values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values']; positionals: string[] };
}
