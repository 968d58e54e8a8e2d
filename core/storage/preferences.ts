/**
 * The user's preferences (clipboard clearing time, theme), kept in the settings file. Reading
 * never writes — it works on a read-only (newer-version) file and leaves the file's bytes and
 * mtime alone; a change is a locked read-modify-write of only the members given.
 */
import type { SettingsStore } from './settings-store';
import type { Settings } from './settings-schema';

/** The preferences as stored. */
export type Preferences = Settings['preferences'];

/** Changes to some preferences; members left out stay as they are. */
export type PreferenceChanges = Partial<Preferences>;

/** Builds the preferences service over a settings store. */
export function createPreferences(store: SettingsStore) {
  return {
    /** The current preferences. Never writes. */
    get: (): Preferences => store.select((settings) => settings.preferences),
    /** Applies `changes` (nothing at all is written when there are none) and returns the result. */
    set(changes: PreferenceChanges): Preferences {
      const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as PreferenceChanges;
      if (Object.keys(given).length === 0) return store.select((settings) => settings.preferences);
      return store.update((settings) => {
        Object.assign(settings.preferences, given);
        return { ...settings.preferences };
      });
    },
  };
}

/** The preferences service. */
export type PreferencesService = ReturnType<typeof createPreferences>;
