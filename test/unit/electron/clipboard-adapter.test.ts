import { describe, expect, it } from 'vitest';
import { createClipboardAdapter, type SystemClipboard, type Timers } from '../../../electron/adapters/clipboard';

/** An in-memory system clipboard (the OS one is not reachable in CI). */
function memoryClipboard(): SystemClipboard & { text: string } {
  const board = {
    text: '',
    async writeText(text: string) {
      board.text = text;
    },
    async readText() {
      return board.text;
    },
  };
  return board;
}

/** Timers driven by the test, so the 30 s delay takes no time. */
function manualTimers(): Timers & { fire(): Promise<void>; pending: number; lastDelay: number | undefined } {
  const queue = new Map<number, () => void>();
  let next = 1;
  const timers = {
    lastDelay: undefined as number | undefined,
    get pending() {
      return queue.size;
    },
    setTimeout(fn: () => void, ms: number) {
      timers.lastDelay = ms;
      const id = next++;
      queue.set(id, fn);
      return id;
    },
    clearTimeout(handle: unknown) {
      queue.delete(handle as number);
    },
    async fire() {
      const due = [...queue.values()];
      queue.clear();
      for (const fn of due) fn();
      // Let the asynchronous read/compare/write of the wipe finish.
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
  return timers;
}

describe('clipboard adapter', () => {
  it('wipes a copied secret after the delay', async () => {
    const board = memoryClipboard();
    const timers = manualTimers();
    const port = createClipboardAdapter({ clipboard: board, timers, clearAfterMs: 30_000 });
    expect(await port.copySecret('s3cr3t')).toEqual({ clearsAfterMs: 30_000 });
    expect(board.text).toBe('s3cr3t');
    expect(timers.lastDelay).toBe(30_000);
    await timers.fire();
    expect(board.text).toBe('');
  });

  it('takes a per-call delay for a secret', async () => {
    const board = memoryClipboard();
    const timers = manualTimers();
    const port = createClipboardAdapter({ clipboard: board, timers, clearAfterMs: 30_000 });
    expect(await port.copySecret('s3cr3t', 5_000)).toEqual({ clearsAfterMs: 5_000 });
    expect(timers.lastDelay).toBe(5_000);
    await timers.fire();
    expect(board.text).toBe('');
  });

  it('leaves alone whatever the user copied after the secret', async () => {
    const board = memoryClipboard();
    const timers = manualTimers();
    const port = createClipboardAdapter({ clipboard: board, timers });
    await port.copySecret('s3cr3t');
    board.text = 'something the user copied';
    await timers.fire();
    expect(board.text).toBe('something the user copied');
  });

  it('keeps non-secret text and cancels a pending wipe when something else is copied', async () => {
    const board = memoryClipboard();
    const timers = manualTimers();
    const port = createClipboardAdapter({ clipboard: board, timers });
    await port.copySecret('s3cr3t');
    await port.copy('https://example.test/jwks.json');
    expect(timers.pending).toBe(0);
    await timers.fire();
    expect(board.text).toBe('https://example.test/jwks.json');
  });

  it('dispose wipes a pending secret at once (app quit)', async () => {
    const board = memoryClipboard();
    const timers = manualTimers();
    const port = createClipboardAdapter({ clipboard: board, timers });
    await port.copySecret('s3cr3t');
    await port.dispose();
    expect(board.text).toBe('');
    expect(timers.pending).toBe(0);
  });

  it('wipes with real timers too', async () => {
    const board = memoryClipboard();
    const port = createClipboardAdapter({ clipboard: board, clearAfterMs: 20 });
    await port.copySecret('s3cr3t');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(board.text).toBe('');
  });
});
