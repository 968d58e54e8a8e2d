/**
 * Crash-safe file writes (key files, reports, packages, exports): temp file in the same directory, fsync,
 * rename over the target, fsync the directory. A reader sees the old file or the
 * new one, never a torn one. The operations are a port so tests can inject faults.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file operations atomic writes need; the default is real `node:fs`. Tests replace single members to inject faults. */
export interface FileOps {
  /** Creates a directory tree with `mode` for new directories. */
  mkdir(path: string, mode: number): Promise<void>;
  /** Creates `path` exclusively with `mode`, writes `data`, fsyncs and closes it. */
  writeNewFileSynced(path: string, data: Uint8Array, mode: number): Promise<void>;
  /** Atomically replaces `to` with `from` (same directory). */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file. */
  unlink(path: string): Promise<void>;
  /** Reads a whole file. */
  readFile(path: string): Promise<Uint8Array>;
  /** fsyncs a directory so a rename survives power loss; a no-op where the OS does not support it. */
  syncDir(path: string): Promise<void>;
}

/** Real file operations on `node:fs/promises`. */
export const nodeFileOps: FileOps = {
  async mkdir(path, mode) {
    await mkdir(path, { recursive: true, mode });
  },
  async writeNewFileSynced(path, data, mode) {
    const handle = await open(path, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => rename(from, to),
  unlink: (path) => unlink(path),
  readFile: async (path) => new Uint8Array(await readFile(path)),
  async syncDir(path) {
    let handle;
    try {
      handle = await open(path, 'r');
      await handle.sync();
    } catch {
      // Windows cannot open/fsync directories; rename is still atomic there (MoveFileEx).
    } finally {
      await handle?.close().catch(() => undefined);
    }
  },
};

/**
 * Writes `data` to `path` atomically with `mode` (0600 for key files). On any
 * failure the temp file is removed and the previous content of `path` is untouched.
 */
export async function writeFileAtomic(ops: FileOps, path: string, data: Uint8Array, mode: number): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await ops.writeNewFileSynced(temp, data, mode);
    await ops.rename(temp, path);
  } catch (error) {
    await ops.unlink(temp).catch(() => undefined);
    throw error;
  }
  await ops.syncDir(dir);
}

/**
 * The synchronous twin of {@link writeFileAtomic}, for writes made while holding an
 * inter-process lock in one synchronous step (the settings file). The new file is created with
 * `mode` (no window in which it is readable by others).
 */
export function writeFileAtomicSync(path: string, data: Uint8Array, mode: number): void {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', mode);
    try {
      let written = 0;
      while (written < data.length) written += writeSync(fd, data, written, data.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // The temp file was never created or is already renamed.
    }
    throw error;
  }
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open/fsync directories; rename is still atomic there (MoveFileEx).
  }
}
