/**
 * The settings store: one versioned, schema-validated JSON file (`config.json`, 0600, in a 0700
 * data folder) shared by the desktop app, any number of CLI processes and scripts.
 *
 * - **No lost update.** Every write is a read-modify-write of the file as it is NOW, under an
 *   inter-process lock (`file-lock.ts`), written atomically (temp file, fsync, rename). A
 *   process never writes back an old in-memory copy.
 * - **Fresh reads.** A read re-reads the file when its identity (inode, size, mtime, ctime)
 *   changed since the last read, so a long-lived store (the app's) sees what others wrote.
 * - **Recovery.** A corrupt, empty or schema-violating file is moved aside as
 *   `config.json.corrupt-<timestamp>`; what can be recovered is kept and the user is told.
 * - **Newer versions.** A file written by a newer version is shown read-only — its
 *   registrations visible — and never written.
 *
 * The file format (tab-indented JSON) is the one conf and electron-store wrote before, so
 * existing data folders open unchanged.
 */
import { chmodSync, closeSync, copyFileSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, statSync, type BigIntStats } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../contract/errors';
import type { Clock } from '../ports';
import { writeFileAtomicSync } from './atomic-file';
import { withFileLockSync, type FileLockOptions } from './file-lock';
import { emptySettings, readNewerSettings, settingsSchema, upgradeSettings, type Settings } from './settings-schema';
import { tryDecodeUtf8 } from '../../contract/text/utf8';

/** Something the user should be told about the settings file. */
export interface StoreNotice {
  kind: 'quarantined' | 'recovered' | 'migrated' | 'newer-version';
  message: string;
  quarantinedAs?: string;
}

/** Read and write access to the settings file, safe across processes. */
export interface SettingsStore {
  readonly path: string;
  /** Recovery, migration and version notices (from opening the file, and from later re-reads). */
  readonly notices: readonly StoreNotice[];
  /** True while the file on disk was written by a newer version: it is read but never overwritten. */
  readonly readOnly: boolean;
  /** The current settings, re-read from disk when the file changed (a fresh copy; change it through {@link SettingsStore.update}). */
  read(): Settings;
  /**
   * One part of the current settings (re-read from disk when the file changed): `pick` is given
   * the store's own copy — it must only read it — and a deep copy of what it returns comes back.
   * A lookup copies just the part it needs, and no caller can change the store's copy.
   */
  select<T>(pick: (settings: Readonly<Settings>) => T): T;
  /**
   * Under the inter-process lock: re-reads the file, applies `mutate` to a copy, validates it,
   * writes it atomically and returns what `mutate` returned. `mutate` must be synchronous; when
   * it throws, nothing is written.
   */
  update<T>(mutate: (draft: Settings) => T): T;
  /**
   * Re-reads the file if it changed since this store last read or wrote it (so: another process
   * wrote it) and says what changed; `undefined` when nothing did.
   */
  refresh(): SettingsChange | undefined;
}

/** What another process changed in the settings file. */
export interface SettingsChange {
  /** Ids of registrations added, removed or changed. */
  registrations: string[];
  preferences: boolean;
  /** Whether the file is (now) read-only. */
  readOnly: boolean;
}

/** The difference between two versions of the settings. */
export function diffSettings(before: Settings, after: Settings): Omit<SettingsChange, 'readOnly'> {
  const ids = new Set([...Object.keys(before.registrations), ...Object.keys(after.registrations)]);
  const registrations = [...ids].filter((id) => {
    const a = Object.hasOwn(before.registrations, id) ? before.registrations[id] : undefined;
    const b = Object.hasOwn(after.registrations, id) ? after.registrations[id] : undefined;
    return JSON.stringify(a) !== JSON.stringify(b);
  });
  return { registrations: registrations.sort(), preferences: JSON.stringify(before.preferences) !== JSON.stringify(after.preferences) };
}

/** Options of {@link openSettingsStore}. */
export interface SettingsStoreOptions {
  dataDir: string;
  clock: Clock;
  /** Writes the whole file; default an atomic 0600 write. Tests inject faults here. */
  writeFile?: (path: string, data: Uint8Array) => void;
  /** Lock tuning (tests shorten the stale threshold). */
  lock?: FileLockOptions;
}

const CONFIG_FILE = 'config.json';
/** Mode of every file the app writes in its data folder. */
export const PRIVATE_FILE_MODE = 0o600;
/** Mode of the data folder and the folders inside it. */
export const PRIVATE_DIR_MODE = 0o700;

/**
 * Creates the data folder 0700 if missing, and takes group/other access away from an existing
 * one (and its settings file) that this user owns. Never adds permissions.
 */
export function securePrivateFolder(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform === 'win32') return; // ACLs, not mode bits, protect the profile folder there.
  const uid = process.getuid?.();
  for (const target of [dataDir, path.join(dataDir, CONFIG_FILE)]) {
    try {
      const stat = statSync(target);
      if (stat.uid === uid && (stat.mode & 0o077) !== 0) chmodSync(target, stat.mode & 0o700);
    } catch {
      // Missing settings file, or a read-only medium: nothing to tighten.
    }
  }
}

type Loaded =
  | { state: 'absent' }
  | { state: 'ok'; settings: Settings; changed: boolean; fromVersion: number; dropped: { id: string; reason: string }[] }
  | { state: 'broken'; why: string }
  | { state: 'newer'; settings: Settings; unreadable: string[] };

interface DiskRead {
  bytes: Uint8Array;
  fingerprint: string;
}

const fingerprintOf = (stat: BigIntStats) => `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;

/** Opens (and if needed repairs or migrates) the settings file in `dataDir`. */
export function openSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const filePath = path.join(options.dataDir, CONFIG_FILE);
  const notices: StoreNotice[] = [];
  const stamp = () => options.clock.now().toISOString().replace(/[:.]/g, '-');
  const writeFile = options.writeFile ?? ((target: string, data: Uint8Array) => writeFileAtomicSync(target, data, PRIVATE_FILE_MODE));
  // While held: `assertHeld` is checked right before each write (see file-lock.ts).
  let assertHeld: () => void = () => undefined;
  const locked = <T>(work: () => T): T =>
    withFileLockSync(
      filePath,
      (held) => {
        assertHeld = held;
        try {
          return work();
        } finally {
          assertHeld = () => undefined;
        }
      },
      options.lock,
    );

  const fingerprintNow = (): string => {
    try {
      return fingerprintOf(statSync(filePath, { bigint: true }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
      throw error;
    }
  };

  // One open file descriptor: the fingerprint belongs to exactly the bytes read, even if another process renames a new file in meanwhile.
  const readDisk = (): DiskRead | undefined => {
    let fd: number;
    try {
      fd = openSync(filePath, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const fingerprint = fingerprintOf(fstatSync(fd, { bigint: true }));
      return { bytes: readFileSync(fd), fingerprint };
    } finally {
      closeSync(fd);
    }
  };

  const interpret = (disk: DiskRead | undefined): Loaded => {
    if (disk === undefined) return { state: 'absent' };
    // Strict UTF-8: bad bytes are a damaged file (quarantined), never silently replaced and saved back.
    const decoded = tryDecodeUtf8(disk.bytes);
    if ('offset' in decoded) return { state: 'broken', why: `not valid UTF-8: invalid byte at byte offset ${decoded.offset}` };
    const { text } = decoded;
    let parsed: unknown;
    try {
      parsed = text.trim() === '' ? undefined : JSON.parse(text);
    } catch (error) {
      return { state: 'broken', why: `not valid JSON: ${(error as Error).message}` };
    }
    if (parsed === undefined) return { state: 'broken', why: 'the file is empty' };
    try {
      return { state: 'ok', ...upgradeSettings(parsed) };
    } catch (error) {
      if ((error as Error).message === 'newer') return { state: 'newer', ...readNewerSettings(parsed) };
      return { state: 'broken', why: 'not a settings object' };
    }
  };

  const quarantine = (how: 'move' | 'copy', why: string): void => {
    const target = `${filePath}.corrupt-${stamp()}`;
    if (how === 'move') renameSync(filePath, target);
    else copyFileSync(filePath, target);
    notices.push({ kind: 'quarantined', message: `The settings file could not be read as it was (${why}); it was kept as ${path.basename(target)}.`, quarantinedAs: target });
  };

  const newerNotice = (unreadable: string[]) => {
    if (notices.some((n) => n.kind === 'newer-version')) return;
    notices.push({
      kind: 'newer-version',
      message: `The settings file was written by a newer version of OIDC Onboard; it is shown read-only and will not be changed.${unreadable.length > 0 ? ` ${unreadable.length} registration(s) need the newer version to be shown: ${unreadable.join(', ')}.` : ''}`,
    });
  };

  const refuseReadOnly = (): never => {
    throw new AppError('STORAGE_WRITE_FAILED', 'The settings file belongs to a newer version of OIDC Onboard and is not changed by this one. Nothing was changed; use the newer version.', {
      details: { path: filePath, reason: 'newer-version' },
    });
  };

  // Writes `settings` (already validated) while the lock is held, and remembers what is now on disk.
  const persist = (settings: Settings): void => {
    assertHeld();
    try {
      writeFile(filePath, new TextEncoder().encode(JSON.stringify(settings, undefined, '\t')));
    } catch (error) {
      throw new AppError('STORAGE_WRITE_FAILED', `The settings could not be saved: ${(error as Error).message}. Nothing was changed.`, { cause: error, details: { path: filePath } });
    }
    cache = { settings, readOnly: false, fingerprint: fingerprintNow() };
  };

  let cache: { settings: Settings; readOnly: boolean; fingerprint: string } = { settings: emptySettings(), readOnly: false, fingerprint: 'unread' };

  // Takes what is on disk into the cache. Never writes: a broken file keeps the last good copy until the next update repairs it.
  const adopt = (disk: DiskRead | undefined, loaded: Loaded): void => {
    const fingerprint = disk?.fingerprint ?? 'absent';
    switch (loaded.state) {
      case 'absent':
        cache = { settings: emptySettings(), readOnly: false, fingerprint };
        return;
      case 'ok':
        cache = { settings: loaded.settings, readOnly: false, fingerprint };
        return;
      case 'newer':
        newerNotice(loaded.unreadable);
        cache = { settings: loaded.settings, readOnly: true, fingerprint };
        return;
      case 'broken':
        cache = { settings: cache.settings, readOnly: false, fingerprint };
        return;
    }
  };

  // ---- Opening: read without the lock; repair (quarantine, salvage, migrate) under it, re-reading first.
  securePrivateFolder(options.dataDir);
  const first = readDisk();
  const firstLoaded = interpret(first);
  adopt(first, firstLoaded);
  const needsRepair = firstLoaded.state === 'broken' || (firstLoaded.state === 'ok' && firstLoaded.changed);
  if (needsRepair) {
    locked(() => {
      const disk = readDisk();
      const loaded = interpret(disk);
      if (loaded.state === 'broken') {
        quarantine('move', loaded.why);
        persist(emptySettings());
      } else if (loaded.state === 'ok' && loaded.changed) {
        if (loaded.dropped.length > 0) {
          quarantine('copy', 'some entries did not match the schema');
          notices.push({
            kind: 'recovered',
            message: `Recovered ${Object.keys(loaded.settings.registrations).length} registration(s); ${loaded.dropped.length} could not be read: ${loaded.dropped.map((d) => `${d.id} (${d.reason})`).join('; ')}.`,
          });
        } else {
          notices.push({ kind: 'migrated', message: `Settings upgraded from schema version ${loaded.fromVersion}.` });
        }
        persist(loaded.settings);
      } else {
        adopt(disk, loaded); // another process repaired it first
      }
    });
  }

  // What other processes changed since the last refresh(): collected wherever this store takes in a
  // version it did not write (a read, or the re-read under the lock), so no read can swallow it.
  const pending = { registrations: new Set<string>(), preferences: false };
  const noteForeign = (before: Settings, after: Settings) => {
    const change = diffSettings(before, after);
    for (const id of change.registrations) pending.registrations.add(id);
    pending.preferences ||= change.preferences;
  };
  const reload = (): void => {
    if (fingerprintNow() === cache.fingerprint) return;
    const before = cache.settings;
    const disk = readDisk();
    adopt(disk, interpret(disk));
    noteForeign(before, cache.settings);
  };
  const refresh = (): SettingsChange | undefined => {
    reload();
    if (pending.registrations.size === 0 && !pending.preferences) return undefined;
    const change = { registrations: [...pending.registrations].sort(), preferences: pending.preferences, readOnly: cache.readOnly };
    pending.registrations.clear();
    pending.preferences = false;
    return change;
  };

  return {
    path: filePath,
    notices,
    get readOnly() {
      reload();
      return cache.readOnly;
    },
    read() {
      reload();
      return structuredClone(cache.settings);
    },
    select(pick) {
      reload();
      return structuredClone(pick(cache.settings));
    },
    refresh,
    update(mutate) {
      reload();
      if (cache.readOnly) refuseReadOnly();
      return locked(() => {
        const disk = readDisk();
        const loaded = interpret(disk);
        let base: Settings;
        switch (loaded.state) {
          case 'absent':
            base = emptySettings();
            if (cache.fingerprint !== 'absent') noteForeign(cache.settings, base);
            break;
          case 'ok':
            base = loaded.settings;
            // Written by someone else since this store last looked: their change is news for the watcher.
            if (disk !== undefined && disk.fingerprint !== cache.fingerprint) noteForeign(cache.settings, base);
            break;
          case 'newer': {
            const before = cache.settings;
            adopt(disk, loaded);
            noteForeign(before, cache.settings);
            return refuseReadOnly();
          }
          case 'broken':
            // Someone broke the file by hand: keep it aside and carry on from the last good copy we held.
            quarantine('move', loaded.why);
            base = cache.settings;
            break;
        }
        const draft = structuredClone(base);
        const result = mutate(draft);
        const checked = settingsSchema.safeParse(draft);
        if (!checked.success) {
          throw new AppError('INTERNAL', 'Refused to save settings that do not match the schema.', { details: { issues: checked.error.issues.slice(0, 5).map((i) => i.message) } });
        }
        persist(checked.data);
        return result;
      });
    },
  };
}
