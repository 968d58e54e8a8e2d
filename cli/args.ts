/** Argument parsing on node:util parseArgs, turning its errors into usage errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './context';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `argv` strictly against `options`; unknown flags and missing values are usage errors. */
export function parseCommandArgs<O extends Options>(argv: string[], options: O, usage: string, positionals: { min: number; max: number }) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError((error as Error).message, usage);
  }
  if (parsed.positionals.length < positionals.min || parsed.positionals.length > positionals.max) {
    throw usageError(positionals.min === positionals.max && positionals.min === 0 ? 'This command takes no arguments.' : 'Wrong number of arguments.', usage);
  }
  return parsed as { values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values']; positionals: string[] };
}
