/**
 * Files the CLI writes where the user said (`--out`, `--report`). A path that cannot be written
 * because of what was typed — a folder that does not exist, a file where a folder is needed, a
 * folder where a file is needed — is the caller's mistake: a usage error (exit 2) naming the path,
 * found before any work is done. Only what goes wrong past that (a full disk) is the environment's.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../contract/errors';
import { resolvePath, type CliContext } from './context';
import type { CommandDecl } from './spec';

function kindOf(file: string): 'file' | 'dir' | 'missing' {
  try {
    return statSync(file).isDirectory() ? 'dir' : 'file';
  } catch {
    return 'missing';
  }
}

/** Refuses `typed` (the value of `--<option>`) as a place to write a `kind`, naming the path. */
function checkOutputPath(context: Pick<CliContext, 'cwd'>, option: string, typed: string, kind: 'file' | 'dir'): void {
  const target = resolvePath(context, typed);
  const parent = path.dirname(target);
  const refuse = (why: string) => {
    throw new AppError('USAGE', `--${option} ${typed}: ${why}. Nothing was written.`, { details: { path: target } });
  };
  // A folder to write into is made with its missing parents; a file needs its folder to exist.
  let ancestor = parent;
  if (kind === 'dir') while (kindOf(ancestor) === 'missing' && path.dirname(ancestor) !== ancestor) ancestor = path.dirname(ancestor);
  const parentKind = kindOf(ancestor);
  if (parentKind === 'missing') refuse(`the folder ${parent} does not exist`);
  if (parentKind === 'file') refuse(`${ancestor} is a file, not a folder`);
  const own = kindOf(target);
  if (kind === 'file' && own === 'dir') refuse('that is a folder; give a file name');
  if (kind === 'dir' && own === 'file') refuse('that is a file; give a folder');
}

/** Checks every declared output option of `decl` that was given. */
export function checkOutputOptions(context: Pick<CliContext, 'cwd'>, decl: CommandDecl, values: Record<string, unknown>): void {
  for (const [name, option] of Object.entries(decl.options ?? {})) {
    const value = values[name];
    if (option.output && typeof value === 'string') checkOutputPath(context, name, value, option.output);
  }
}

/** Writes `text` atomically to `file` (as typed, relative to the user's folder) with `mode`. */
export async function writeOutputFile(context: Pick<CliContext, 'cwd'>, file: string, text: string, mode: number): Promise<void> {
  const { saveTextFile } = await import('../core/storage/save-file');
  await saveTextFile(resolvePath(context, file), text, mode);
}
