/**
 * Writes an NHS-hosted JWKS request to a folder: each file atomically (the old file or the new,
 * never a torn one), the folder created when missing. Public material only.
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../contract/errors';
import { nodeFileOps, writeFileAtomic } from '../storage/atomic-file';
import type { HostingRequest } from './nhs-hosted-jwks';

/**
 * Writes the request's files into `outDir` and returns their paths.
 *
 * @throws AppError `USAGE` (details.path) when `outDir` is not a folder that can be made or written
 *   (a file is in the way, a parent is not a folder, no permission); `STORAGE_WRITE_FAILED` when
 *   writing fails midway for another reason.
 */
export async function writeHostingRequest(outDir: string, request: HostingRequest): Promise<string[]> {
  const dir = path.resolve(outDir);
  const bad = (why: string, cause?: unknown) => new AppError('USAGE', `--out ${outDir}: ${why}`, { cause, details: { path: dir } });
  const existing = await stat(dir).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw bad('a file of that name is in the way; give a folder.');
  if (!existing) {
    try {
      await mkdir(dir, { recursive: true, mode: 0o755 });
    } catch (error) {
      throw bad(`the folder cannot be created (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, error);
    }
  }
  const written: string[] = [];
  for (const file of request.files) {
    const target = path.join(dir, file.name);
    try {
      await writeFileAtomic(nodeFileOps, target, new TextEncoder().encode(file.text), 0o644);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR') throw bad(`the folder cannot be written (${code}).`, error);
      throw new AppError('STORAGE_WRITE_FAILED', `Could not write ${target}: ${code ?? (error as Error).message}.`, { cause: error, details: { path: target } });
    }
    written.push(target);
  }
  return written;
}
