/**
 * An inter-process lock beside a file (`<file>.lock`, a directory made atomically by
 * proper-lockfile), held only for a short synchronous read-modify-write.
 *
 * Breaking a stale lock (left by a killed process) is where lock libraries race: two waiters
 * that both see the same stale lock may each remove it, and the second then removes the FIRST
 * one's fresh lock, so both think they hold it. Here a stale main lock is removed only while
 * holding a second, short-lived "breaker" lock (`<file>.break.lock`, with proper-lockfile's own
 * stale handling), and only if it is still the same stale directory when re-checked under it.
 * The main lock itself is therefore taken without proper-lockfile's built-in stale breaking.
 */
import fs, { rmSync, statSync, type BigIntStats } from 'node:fs';
import lockfile from 'proper-lockfile';
import { AppError } from '../../contract/errors';

/** Tuning of {@link withFileLockSync}. */
export interface FileLockOptions {
  /** A lock older than this (ms since its last refresh) belongs to a dead process and is broken. Default 10 000. */
  staleMs?: number;
  /** How long to wait for a live holder before giving up. Default stale + 10 000 ms. */
  waitMs?: number;
}

// Large enough never to be reached by a live holder, small enough for setTimeout (proper-lockfile arms its refresh timer at stale / 2).
const NEVER_STALE = 2 ** 30;

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Blocks the thread for `ms`: the lock is held for milliseconds, and the store's API is synchronous. */
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function statOrUndefined(path: string): BigIntStats | undefined {
  try {
    return statSync(path, { bigint: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const isLocked = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ELOCKED';

/** Path of the lock directory guarding `target`. */
export function lockPathFor(target: string): string {
  return `${target}.lock`;
}

/**
 * Removes the main lock if it is (still) stale; returns whether it acted. Only one process at
 * a time gets here, through the breaker lock.
 */
function breakIfStale(target: string, seen: BigIntStats, staleMs: number): boolean {
  let releaseBreaker: () => void;
  try {
    releaseBreaker = lockfile.lockSync(`${target}.break`, { stale: Math.max(2000, staleMs), realpath: false });
  } catch (error) {
    if (isLocked(error)) return false;
    throw error;
  }
  try {
    const now = statOrUndefined(lockPathFor(target));
    if (now === undefined) return true;
    const same = now.ino === seen.ino && now.mtimeNs === seen.mtimeNs;
    if (!same || Number(now.mtimeMs) >= Date.now() - staleMs) return false;
    rmSync(lockPathFor(target), { recursive: true, force: true });
    return true;
  } finally {
    try {
      releaseBreaker();
    } catch {
      // A breaker lock that was itself broken meanwhile is harmless here.
    }
  }
}

/**
 * Runs `work` while holding the inter-process lock of `target`. `work` must be synchronous and
 * short: the lock is not refreshed while it runs. `work` gets `assertHeld`, to call just before
 * its write: it throws if the lock was taken from this process meanwhile (a process stopped
 * for longer than the stale time, say with Ctrl-Z, is judged dead and its lock broken).
 *
 * @throws AppError `STORAGE_WRITE_FAILED` (details.reason `locked`) when a live holder keeps the
 *   lock longer than `waitMs`; whatever `work` throws (the lock is released first).
 */
export function withFileLockSync<T>(target: string, work: (assertHeld: () => void) => T, options: FileLockOptions = {}): T {
  const staleMs = Math.max(2000, options.staleMs ?? 10_000);
  const deadline = Date.now() + (options.waitMs ?? staleMs + 10_000);
  let pause = 2;
  let release: (() => void) | undefined;
  // Releasing (or exiting with) a lock that another process has meanwhile broken and taken must
  // not remove THEIR lock directory: proper-lockfile removes it through this fs, which skips that.
  const guard = { lost: false };
  const guardedFs = {
    ...fs,
    rmdirSync: (...args: Parameters<typeof fs.rmdirSync>) => {
      if (!guard.lost) fs.rmdirSync(...args);
    },
  };
  while (release === undefined) {
    try {
      release = lockfile.lockSync(target, { stale: NEVER_STALE, update: NEVER_STALE, realpath: false, fs: guardedFs });
      break;
    } catch (error) {
      if (!isLocked(error)) {
        throw new AppError('STORAGE_WRITE_FAILED', `The settings lock ${lockPathFor(target)} could not be taken: ${(error as Error).message}. Nothing was changed.`, {
          cause: error,
          details: { path: lockPathFor(target), reason: 'lock-failed' },
        });
      }
    }
    const held = statOrUndefined(lockPathFor(target));
    if (held !== undefined && Number(held.mtimeMs) < Date.now() - staleMs && breakIfStale(target, held, staleMs)) continue;
    if (Date.now() > deadline) {
      throw new AppError('STORAGE_WRITE_FAILED', `Another OIDC Onboard process holds the settings lock (${lockPathFor(target)}); try again. Nothing was changed.`, {
        details: { path: lockPathFor(target), reason: 'locked' },
      });
    }
    // Jittered back-off so waiters do not move in lock-step.
    sleepSync(pause + Math.floor(Math.random() * pause));
    pause = Math.min(pause * 2, 50);
  }
  const mine = statOrUndefined(lockPathFor(target));
  const held = () => {
    const now = statOrUndefined(lockPathFor(target));
    return mine !== undefined && now !== undefined && now.ino === mine.ino && now.birthtimeNs === mine.birthtimeNs && now.mtimeNs === mine.mtimeNs;
  };
  const assertHeld = () => {
    if (!held()) {
      throw new AppError('STORAGE_WRITE_FAILED', 'The settings lock was taken over by another process while this one was paused; nothing was changed. Try again.', {
        details: { path: lockPathFor(target), reason: 'lock-lost' },
      });
    }
  };
  try {
    return work(assertHeld);
  } finally {
    guard.lost = !held();
    try {
      release();
    } catch {
      // Already released or broken by someone who judged it stale: nothing left to undo.
    }
  }
}
