/**
 * electron-store behind core's `SettingsBackendFactory`: the same atomic JSON file conf writes for
 * the CLI, so the app and the CLI share one `config.json`. core/ decides what is written (schema,
 * migrations, quarantine); this only persists it.
 */
import ElectronStore from 'electron-store';
import type { SettingsBackendFactory } from '../../core/storage/settings-store';

/** The electron-store backend for `openSettingsStore({ backend })`. */
export const electronStoreBackend: SettingsBackendFactory = ({ cwd, configName }) => {
  const store = new ElectronStore<Record<string, unknown>>({
    cwd,
    name: configName,
    // core/ owns validation and recovery; a broken file must be quarantined there, never wiped here.
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
  });
  return {
    path: store.path,
    write: (data) => {
      store.store = data as unknown as Record<string, unknown>;
    },
  };
};
