/**
 * The settings file (`config.json` in the data folder): its schema, its versions and the
 * migrations between them. Secrets never enter this file.
 */
import { z } from 'zod';
import { registrationSchema, type Registration } from '../../contract/schemas/registration';
import { moveRemovedEnvironments } from './removed-environments';

/** The schema version this build writes. */
export const SETTINGS_SCHEMA_VERSION = 3;

/** Preferences the user sets in the app. */
export const preferencesSchema = z.object({
  clipboardClearSeconds: z.number().int().min(5).max(600).default(30),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
});

/** The whole settings file at the current version. */
export const settingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
  registrations: z.record(z.string(), registrationSchema),
  preferences: preferencesSchema.default({ clipboardClearSeconds: 30, theme: 'system' }),
});

/** The settings file at the current version. */
export type Settings = z.infer<typeof settingsSchema>;

/** An empty settings file. */
export function emptySettings(): Settings {
  return { schemaVersion: SETTINGS_SCHEMA_VERSION, registrations: {}, preferences: { clipboardClearSeconds: 30, theme: 'system' } };
}

type Json = Record<string, unknown>;

/**
 * Migrations keyed by the version they upgrade FROM. Each is pure and idempotent on its
 * own output, and leaves members it does not know alone.
 *
 * v1 (0.0.x previews) kept drafts in an array with `profile`, `values`, `created`, `updated`.
 * v2 keys registrations by id and names the fields after the contract.
 * v3 moves drafts off environments a provider has removed (NHS login `mock` → `sandpit`) and
 * records a notice on each moved draft so the user is told (removed-environments.ts).
 */
export const MIGRATIONS: Record<number, (data: Json) => Json> = {
  1: (data) => {
    const drafts = Array.isArray(data.drafts) ? (data.drafts as Json[]) : [];
    const registrations: Record<string, Json> = {};
    for (const draft of drafts) {
      if (typeof draft !== 'object' || draft === null || typeof draft.id !== 'string') continue;
      registrations[draft.id] = {
        id: draft.id,
        provider: draft.profile,
        environment: draft.environment,
        metadata: draft.values ?? {},
        notes: draft.notes ?? '',
        createdAt: draft.created,
        updatedAt: draft.updated ?? draft.created,
        keys: [],
        checks: [],
        packages: [],
      };
    }
    const { drafts: _dropped, ...rest } = data;
    return { ...rest, schemaVersion: 2, registrations };
  },
  2: (data) => {
    const registrations = typeof data.registrations === 'object' && data.registrations !== null && !Array.isArray(data.registrations) ? (data.registrations as Json) : {};
    const moved: Json = {};
    for (const [id, value] of Object.entries(registrations)) {
      moved[id] = typeof value === 'object' && value !== null && !Array.isArray(value) ? moveRemovedEnvironments(value as Json) : value;
    }
    return { ...data, schemaVersion: 3, registrations: moved };
  },
};

/** The outcome of bringing a parsed file up to date. */
export interface MigrationOutcome {
  settings: Settings;
  /** Registrations that could not be recovered, by id (or index), with the reason. */
  dropped: { id: string; reason: string }[];
  /** True when anything changed and the file should be rewritten. */
  changed: boolean;
  fromVersion: number;
}

/**
 * Migrates and validates a parsed settings object. Invalid registrations are dropped
 * one by one (and reported) so a single bad entry never costs the others.
 * Throws `Error('newer')` when the file was written by a newer version.
 */
export function upgradeSettings(raw: unknown): MigrationOutcome {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('not-an-object');
  let data = { ...(raw as Json) };
  const fromVersion = typeof data.schemaVersion === 'number' ? data.schemaVersion : 1;
  if (fromVersion > SETTINGS_SCHEMA_VERSION) throw new Error('newer');
  for (let version = fromVersion; version < SETTINGS_SCHEMA_VERSION; version += 1) {
    const migrate = MIGRATIONS[version];
    if (!migrate) throw new Error(`no-migration-from-${version}`);
    data = migrate(data);
  }
  const whole = settingsSchema.safeParse(data);
  if (whole.success) return { settings: whole.data, dropped: [], changed: fromVersion !== SETTINGS_SCHEMA_VERSION, fromVersion };

  // Salvage: keep each registration that validates on its own, and valid preferences.
  const { settings, dropped } = salvage(data);
  return { settings, dropped, changed: true, fromVersion };
}

/**
 * What this version can show of a file written by a NEWER version: every registration that still
 * reads as one of ours (members it does not know are left out of the view, never written back)
 * and the preferences. The caller keeps the file read-only.
 */
export function readNewerSettings(raw: unknown): { settings: Settings; unreadable: string[] } {
  const data = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Json) : {};
  const { settings, dropped } = salvage(data);
  return { settings, unreadable: dropped.map((d) => d.id) };
}

/** Each registration that validates on its own (under its own id), and the preferences if valid; the rest with why. */
function salvage(data: Json): { settings: Settings; dropped: { id: string; reason: string }[] } {
  const settings = emptySettings();
  const dropped: { id: string; reason: string }[] = [];
  const registrations = typeof data.registrations === 'object' && data.registrations !== null && !Array.isArray(data.registrations) ? (data.registrations as Json) : {};
  for (const [id, value] of Object.entries(registrations)) {
    const parsed = registrationSchema.safeParse(value);
    // `__proto__` as a key would set the record's prototype instead of adding an entry.
    if (parsed.success && parsed.data.id === id && id !== '__proto__') settings.registrations[id] = parsed.data as Registration;
    else dropped.push({ id, reason: parsed.success ? 'id does not match its key' : (parsed.error.issues[0]?.message ?? 'invalid') });
  }
  const preferences = preferencesSchema.safeParse(data.preferences ?? {});
  if (preferences.success) settings.preferences = preferences.data;
  return { settings, dropped };
}
