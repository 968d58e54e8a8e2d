/**
 * Reading a file the user names without trusting its size: the size is checked before a single
 * byte is read, and the read itself stops one byte past the cap, so a file that grows between the
 * check and the read (or lies about its size, like a pipe or /dev/zero) never makes us hold more
 * than `maxBytes + 1` bytes.
 */
import { open } from 'node:fs/promises';
import { AppError } from '../../contract/errors';

/** The chunk read at a time: small enough to stay cheap, large enough to be quick. */
const CHUNK = 64 * 1024;

function tooLarge(what: string, maxBytes: number, bytes: number | undefined): AppError {
  const size = bytes === undefined ? 'larger than' : `${bytes} bytes, over`;
  const subject = what.charAt(0).toUpperCase() + what.slice(1);
  return new AppError('INPUT_UNREADABLE', `${subject} is ${size} the ${maxBytes}-byte limit, so it was not read.`, {
    details: { reason: 'too-large', maxBytes, ...(bytes !== undefined && { bytes }) },
  });
}

function unreadable(what: string, error: unknown): AppError {
  return new AppError('INPUT_UNREADABLE', `Cannot read ${what}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
}

/**
 * The bytes of `path`, at most `maxBytes` of them.
 *
 * @param what - the file as the message should name it, e.g. "the package ./p.zip".
 * @throws AppError `INPUT_UNREADABLE` when the file cannot be opened or read, is not a regular
 *   file, or holds more than `maxBytes` bytes (`details.reason: 'too-large'`).
 */
export async function readFileCapped(path: string, maxBytes: number, what: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw unreadable(what, error);
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) throw new AppError('INPUT_UNREADABLE', `Cannot read ${what}: it is a folder.`);
    // A regular file's size is known up front: refuse it before reading anything.
    if (stats.isFile() && stats.size > maxBytes) throw tooLarge(what, maxBytes, stats.size);
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(CHUNK, maxBytes + 1 - total);
      const buffer = new Uint8Array(want);
      const { bytesRead } = await handle.read(buffer, 0, want, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === want ? buffer : buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(what, maxBytes, undefined);
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  } catch (error) {
    throw error instanceof AppError ? error : unreadable(what, error);
  } finally {
    await handle.close();
  }
}
