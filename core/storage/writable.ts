/** Checks that a folder can be created and written, without leaving anything behind. */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/** `{ writable: true }` or the reason it is not. */
export async function checkWritable(dir: string): Promise<{ writable: boolean; reason?: string }> {
  const probe = path.join(dir, `.write-probe-${randomUUID()}`);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(probe, 'probe', { mode: 0o600 });
    await rm(probe, { force: true });
    return { writable: true };
  } catch (error) {
    return { writable: false, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  }
}
