/**
 * The settings store: one versioned, schema-validated JSON file (`config.json`) in the data
 * folder, written atomically by conf (CLI, tests) or electron-store (the app) — the same file
 * format. A corrupt, empty or schema-violating file is moved aside as
 * `config.json.corrupt-<timestamp>`; what can be recovered is kept and the user is told.
 */
import { existsSync, readFileSync, copyFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { AppError } from '../../contract/errors';
import type { Clock } from '../ports';
import { emptySettings, settingsSchema, upgradeSettings, type Settings } from './settings-schema';

/** Writes a whole settings object atomically to `path`. */
export interface SettingsBackend {
  readonly path: string;
  write(data: Settings): void;
}

/** Builds a backend for a data folder; conf here, electron-store in the app. */
export type SettingsBackendFactory = (options: { cwd: string; configName: string }) => SettingsBackend;

/** Something the user should be told about the settings file. */
export interface StoreNotice {
  kind: 'quarantined' | 'recovered' | 'migrated' | 'newer-version';
  message: string;
  quarantinedAs?: string;
}

/** Read and write access to the settings; the main process is the only writer. */
export interface SettingsStore {
  readonly path: string;
  /** Recovery, migration and version notices from opening the file. */
  readonly notices: readonly StoreNotice[];
  /** True when the file was written by a newer version: it is read but never overwritten. */
  readonly readOnly: boolean;
  /** The current settings (a fresh copy; mutate through {@link SettingsStore.update}). */
  read(): Settings;
  /** Applies `mutate` to a copy, validates it, writes it atomically, and returns what `mutate` returned. */
  update<T>(mutate: (draft: Settings) => T): T;
}

/** The conf-backed backend used by the CLI and the tests. */
export const confBackend: SettingsBackendFactory = ({ cwd, configName }) => {
  const conf = new Conf<Record<string, unknown>>({ cwd, configName, projectName: 'oidc-onboard', clearInvalidConfig: false, accessPropertiesByDotNotation: false });
  return {
    path: conf.path,
    write: (data) => {
      conf.store = data as unknown as Record<string, unknown>;
    },
  };
};

const CONFIG_NAME = 'config';

/** Opens (and if needed repairs or migrates) the settings file in `dataDir`. */
export function openSettingsStore(options: { dataDir: string; clock: Clock; backend?: SettingsBackendFactory }): SettingsStore {
  const filePath = path.join(options.dataDir, `${CONFIG_NAME}.json`);
  const notices: StoreNotice[] = [];
  const stamp = () => options.clock.now().toISOString().replace(/[:.]/g, '-');
  let readOnly = false;

  const quarantine = (how: 'move' | 'copy', why: string): string => {
    const target = `${filePath}.corrupt-${stamp()}`;
    if (how === 'move') renameSync(filePath, target);
    else copyFileSync(filePath, target);
    notices.push({ kind: 'quarantined', message: `The settings file could not be read as it was (${why}); it was kept as ${path.basename(target)}.`, quarantinedAs: target });
    return target;
  };

  // Decide what the file holds before conf touches it: conf throws on a broken file.
  let initial: Settings = emptySettings();
  let mustWrite = false;
  if (existsSync(filePath)) {
    const text = readFileSync(filePath, 'utf8').replace(/^\uFEFF/, '');
    let parsed: unknown;
    let parseError: string | undefined;
    try {
      parsed = text.trim() === '' ? undefined : JSON.parse(text);
      if (parsed === undefined) parseError = 'the file is empty';
    } catch (error) {
      parseError = `not valid JSON: ${(error as Error).message}`;
    }
    if (parseError !== undefined) {
      quarantine('move', parseError);
      mustWrite = true;
    } else {
      try {
        const outcome = upgradeSettings(parsed);
        initial = outcome.settings;
        if (outcome.dropped.length > 0) {
          quarantine('copy', 'some entries did not match the schema');
          notices.push({
            kind: 'recovered',
            message: `Recovered ${Object.keys(initial.registrations).length} registration(s); ${outcome.dropped.length} could not be read: ${outcome.dropped.map((d) => `${d.id} (${d.reason})`).join('; ')}.`,
          });
        } else if (outcome.changed) {
          notices.push({ kind: 'migrated', message: `Settings upgraded from schema version ${outcome.fromVersion}.` });
        }
        mustWrite = outcome.changed;
      } catch (error) {
        if ((error as Error).message === 'newer') {
          readOnly = true;
          notices.push({ kind: 'newer-version', message: 'The settings file was written by a newer version of OIDC Onboard; it is shown read-only and will not be changed.' });
        } else {
          quarantine('move', 'not a settings object');
          mustWrite = true;
        }
      }
    }
  }

  const backend = (options.backend ?? confBackend)({ cwd: options.dataDir, configName: CONFIG_NAME });
  let current = initial;

  const write = (data: Settings) => {
    if (readOnly) throw new AppError('STORAGE_WRITE_FAILED', 'The settings file belongs to a newer version of OIDC Onboard and is not changed by this one.');
    try {
      backend.write(data);
    } catch (error) {
      throw new AppError('STORAGE_WRITE_FAILED', `The settings could not be saved: ${(error as Error).message}. Nothing was changed.`, { cause: error, details: { path: backend.path } });
    }
  };
  if (mustWrite && !readOnly) write(current);

  return {
    path: backend.path,
    notices,
    get readOnly() {
      return readOnly;
    },
    read: () => structuredClone(current),
    update(mutate) {
      const draft = structuredClone(current);
      const result = mutate(draft);
      const checked = settingsSchema.safeParse(draft);
      if (!checked.success) {
        throw new AppError('INTERNAL', 'Refused to save settings that do not match the schema.', { details: { issues: checked.error.issues.slice(0, 5).map((i) => i.message) } });
      }
      write(checked.data);
      current = checked.data;
      return result;
    },
  };
}
