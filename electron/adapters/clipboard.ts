/**
 * Clipboard adapter with an auto-clear timer for secrets (a client secret copied to paste into a
 * backend config should not linger). Takes the clipboard as an argument so it stays free of an
 * Electron import; main.ts passes Electron's `clipboard`.
 */

/** The part of a system clipboard this adapter uses. */
export interface SystemClipboard {
  writeText(text: string): void;
  readText(): string;
}

/** What handlers use to copy text. */
export interface ClipboardPort {
  /** Copies non-secret text; it stays. */
  copy(text: string): void;
  /** Copies a secret and clears it after the delay, unless the user copied something else since. */
  copySecret(text: string): { clearsAfterMs: number };
  /** Clears a pending secret now (app quit). */
  dispose(): void;
}

/** Options for {@link createClipboardAdapter}. */
export interface ClipboardAdapterOptions {
  clipboard: SystemClipboard;
  /** Delay before a copied secret is wiped; 30 s by default. */
  clearAfterMs?: number;
  /** Injected for tests; the global timers otherwise. */
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
}

/** Builds the clipboard adapter. */
export function createClipboardAdapter(options: ClipboardAdapterOptions): ClipboardPort {
  const clearAfterMs = options.clearAfterMs ?? 30_000;
  const timers = options.timers ?? {
    setTimeout: (fn: () => void, ms: number) => {
      const handle = setTimeout(fn, ms);
      // A pending wipe must not keep the app alive on its own.
      handle.unref?.();
      return handle;
    },
    clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  let pending: { handle: unknown; text: string } | undefined;

  const wipeIfStillOurs = () => {
    if (!pending) return;
    const { text } = pending;
    pending = undefined;
    // Only clear what we put there: never destroy something the user copied afterwards.
    if (options.clipboard.readText() === text) options.clipboard.writeText('');
  };

  const cancelPending = () => {
    if (pending) timers.clearTimeout(pending.handle);
    pending = undefined;
  };

  return {
    copy(text) {
      cancelPending();
      options.clipboard.writeText(text);
    },
    copySecret(text) {
      cancelPending();
      options.clipboard.writeText(text);
      pending = { text, handle: timers.setTimeout(wipeIfStillOurs, clearAfterMs) };
      return { clearsAfterMs: clearAfterMs };
    },
    dispose() {
      if (!pending) return;
      timers.clearTimeout(pending.handle);
      wipeIfStillOurs();
    },
  };
}
