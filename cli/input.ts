/** Reading what the user hands the CLI: files named in arguments, and passphrases on stdin. */
import { readFile } from 'node:fs/promises';
import { AppError } from '../contract/errors';
import type { CliContext } from './context';

/** The bytes of `file`; an unreadable file is `INPUT_UNREADABLE` (exit 2) naming `what` it was meant to be. */
export async function readInputFile(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new AppError('INPUT_UNREADABLE', `Cannot read the ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** The text of `file` (UTF-8, a byte-order mark dropped). */
export async function readInputText(file: string, what: string): Promise<string> {
  return (await readInputFile(file, what)).toString('utf8').replace(/^\uFEFF/, '');
}

/** The first line of stdin without its line ending, or `undefined` when stdin is empty. */
export async function firstLineOfStdin(context: CliContext): Promise<string | undefined> {
  const line = (await context.readStdin()).split(/\r?\n/)[0] ?? '';
  return line === '' ? undefined : line;
}
