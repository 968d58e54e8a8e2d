/**
 * Clipboard adapter with an auto-clear timer for secrets (a client secret copied to paste into a
 * backend config should not linger). Takes the clipboard as an argument so it stays free of an
 * Electron import; main.ts passes Electron's `clipboard` (asynchronous since Electron 45).
 */

/** The part of a system clipboard this adapter uses. */
export interface SystemClipboard {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
}

/** What handlers use to copy text. */
export interface ClipboardPort {
  /** Copies non-secret text; it stays. */
  copy(text: string): Promise<void>;
  /**
   * Copies a secret and clears it after the delay (the adapter's default unless given), unless the
   * user copied something else since.
   */
  copySecret(text: string, clearAfterMs?: number): Promise<{ clearsAfterMs: number }>;
  /** Clears a pending secret now (app quit). */
  dispose(): Promise<void>;
}

/** Timer functions, injectable so tests need not wait. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options for {@link createClipboardAdapter}. */
export interface ClipboardAdapterOptions {
  clipboard: SystemClipboard;
  /** Delay before a copied secret is wiped; 30 s by default. */
  clearAfterMs?: number;
  /** The global timers unless given. */
  timers?: Timers;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // A pending wipe must not keep the app alive on its own.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Builds the clipboard adapter. */
export function createClipboardAdapter(options: ClipboardAdapterOptions): ClipboardPort {
  const clearAfterMs = options.clearAfterMs ?? 30_000;
  const timers = options.timers ?? realTimers;
  let pending: { handle: unknown; text: string } | undefined;

  const wipeIfStillOurs = async (text: string) => {
    // Only clear what we put there: never destroy something the user copied afterwards.
    if ((await options.clipboard.readText()) === text) await options.clipboard.writeText('');
  };

  const cancelPending = () => {
    if (pending) timers.clearTimeout(pending.handle);
    pending = undefined;
  };

  return {
    async copy(text) {
      cancelPending();
      await options.clipboard.writeText(text);
    },
    async copySecret(text, delay = clearAfterMs) {
      cancelPending();
      await options.clipboard.writeText(text);
      const entry = {
        text,
        handle: timers.setTimeout(() => {
          if (pending === entry) pending = undefined;
          void wipeIfStillOurs(text).catch(() => undefined);
        }, delay),
      };
      pending = entry;
      return { clearsAfterMs: delay };
    },
    async dispose() {
      if (!pending) return;
      const { text } = pending;
      cancelPending();
      await wipeIfStillOurs(text);
    },
  };
}
