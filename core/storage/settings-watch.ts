/**
 * Notices changes other processes (a CLI run, a second window, a script) make to `config.json`,
 * so the app can refresh what it shows. The FOLDER is watched, not the file: every write replaces
 * the file by an atomic rename, and a watch on the file itself would stay on the old, unlinked
 * inode. Events are debounced (one write is several events: temp file, rename) and then the
 * store re-reads the file; the app's own writes do not count, because the store already holds
 * what it wrote.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../ports';
import type { SettingsChange, SettingsStore } from './settings-store';

/** A running watch. */
export interface SettingsWatch {
  /** Checks now instead of waiting for an event (also used when events may have been missed). */
  check(): void;
  close(): void;
}

/** Options of {@link watchSettings}. */
export interface WatchSettingsOptions {
  store: SettingsStore;
  /** Called once per settled change made by someone else. */
  onChange: (change: SettingsChange) => void;
  logger?: Logger;
  /** Quiet time before the file is re-read; default 150 ms. */
  debounceMs?: number;
}

/** Starts watching the folder of `store.path`. */
export function watchSettings(options: WatchSettingsOptions): SettingsWatch {
  const file = path.basename(options.store.path);
  const debounceMs = options.debounceMs ?? 150;
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;

  const check = () => {
    timer = undefined;
    try {
      const change = options.store.refresh();
      if (change) options.onChange(change);
    } catch (error) {
      options.logger?.warn('settings: re-reading after a change failed', { error: error instanceof Error ? error.message : String(error) });
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, debounceMs);
    timer.unref?.();
  };

  try {
    watcher = watch(path.dirname(options.store.path), { persistent: false }, (_event, name) => {
      // Some platforms give no name; then any event may be ours. The lock and temp files are not.
      if (name === null || name === file) schedule();
    });
    watcher.on('error', (error) => options.logger?.warn('settings: the folder watch stopped', { error: error.message }));
  } catch (error) {
    options.logger?.warn('settings: the data folder cannot be watched; changes by other processes show on the next read', { error: error instanceof Error ? error.message : String(error) });
  }

  return {
    check,
    close() {
      if (timer) clearTimeout(timer);
      watcher?.close();
    },
  };
}
