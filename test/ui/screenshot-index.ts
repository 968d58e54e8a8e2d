/**
 * The run-wide index of screenshots: one file per PNG's SHA-256, holding the name of the
 * screenshot that first had those bytes. Every worker and spec file records into the same folder
 * (under Playwright's output dir), so "no two screenshots identical" holds across the whole run,
 * not only inside one test. The global setup (test/ui/global-setup.ts) empties it at the start.
 *
 * Files, not memory: Playwright runs specs in separate worker processes, and a file created with
 * an exclusive `link` is claimed by exactly one of them even when two race for the same bytes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The index folder inside a Playwright output dir. */
export function screenshotIndexDir(outputDir: string): string {
  return path.join(outputDir, 'screenshot-index');
}

/** Empties (and creates) the index: the start of a run. */
export async function resetScreenshotIndex(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'names'), { recursive: true });
}

async function readOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes `content` to `file` whole (a reader never sees it half-written). */
async function writeWhole(file: string, content: string): Promise<void> {
  const temporary = `${file}.${randomUUID()}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}

/**
 * Records screenshot `name` with `bytes`. Returns the name of an earlier screenshot of this run
 * with the same bytes and another name (the caller fails), or undefined. The same name taken again
 * (a retried test) is not a duplicate; if its bytes changed, its old entry no longer counts.
 */
export async function recordScreenshot(dir: string, name: string, bytes: Uint8Array): Promise<string | undefined> {
  const hash = createHash('sha256').update(bytes).digest('hex');
  const names = path.join(dir, 'names');
  await mkdir(names, { recursive: true });
  const entry = path.join(dir, `${hash}.name`);
  const nameFile = path.join(names, `${encodeURIComponent(name)}.sha256`);

  // Exclusive create with the content already in place: `link` fails with EEXIST if the entry exists.
  const temporary = path.join(dir, `${randomUUID()}.tmp`);
  await writeFile(temporary, name);
  let holder: string | undefined;
  try {
    await link(temporary, entry);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    holder = await readFile(entry, 'utf8');
  } finally {
    await unlink(temporary);
  }

  if (holder !== undefined && holder !== name) {
    // The holder counts only while its latest picture still has these bytes.
    const holderHash = await readOrUndefined(path.join(names, `${encodeURIComponent(holder)}.sha256`));
    if (holderHash === hash) return holder;
    await writeWhole(entry, name);
  }
  await writeWhole(nameFile, hash);
  return undefined;
}
