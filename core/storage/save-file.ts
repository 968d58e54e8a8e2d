/** Saves a user-chosen export atomically: the old file or the new one, never a torn one. */
import { AppError } from '../../contract/errors';
import { nodeFileOps, writeFileAtomic } from './atomic-file';

/** Writes `text` to `path` atomically with `mode` (0600 for anything private). */
export async function saveTextFile(path: string, text: string, mode: number): Promise<void> {
  try {
    await writeFileAtomic(nodeFileOps, path, new TextEncoder().encode(text), mode);
  } catch (error) {
    throw new AppError('STORAGE_WRITE_FAILED', `Could not write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Nothing was written.`, {
      cause: error,
      details: { path },
    });
  }
}
