// Reading a user-named file with a cap: refused from its size before reading, and a source whose
// size is not known up front (a device, a pipe) is cut off one byte past the cap.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasErrorCode } from '../../../contract/errors';
import { readFileCapped } from '../../../core/storage/bounded-read';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'oidc-bounded-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('readFileCapped', () => {
  it('reads a file up to the cap whole, and refuses one byte more with its size', async () => {
    const file = path.join(dir, 'a.bin');
    await writeFile(file, Buffer.alloc(100_000, 7));
    expect((await readFileCapped(file, 100_000, 'the file a.bin')).length).toBe(100_000);
    const error = await failure(readFileCapped(file, 99_999, 'the file a.bin'));
    expect(hasErrorCode(error, 'INPUT_UNREADABLE')).toBe(true);
    expect((error as { details: unknown }).details).toEqual({ reason: 'too-large', maxBytes: 99_999, bytes: 100_000 });
    expect((error as Error).message).toBe('The file a.bin is 100000 bytes, over the 99999-byte limit, so it was not read.');
  });

  it.runIf(existsSync('/dev/zero'))('stops an endless source one byte past the cap', async () => {
    const error = await failure(readFileCapped('/dev/zero', 1024 * 1024, 'the device'));
    expect((error as { details: unknown }).details).toEqual({ reason: 'too-large', maxBytes: 1024 * 1024 });
  });

  it('refuses a missing file and a folder as unreadable', async () => {
    expect(hasErrorCode(await failure(readFileCapped(path.join(dir, 'missing'), 10, 'the file missing')), 'INPUT_UNREADABLE')).toBe(true);
    expect((await failure(readFileCapped(dir, 10, 'the folder'))) as Error).toMatchObject({ code: 'INPUT_UNREADABLE' });
  });
});
