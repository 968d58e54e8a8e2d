/**
 * Builds every core service from a data folder and the ports. Used by the two composition
 * roots (`electron/main.ts`, `cli/`) and by tests, so all three run the same wiring.
 */
import type { AppInfo } from '../../contract/types';
import type { Fetcher } from '../net/types';
import type { Clock, Logger, Random, SecretVault } from '../ports';
import { createCredentialService, legacyClientSecretItems } from '../credentials';
import { writeDiagnosticsBundle } from '../diagnostics';
import { createCheckService } from '../jwks-check/service';
import { createKeyService } from '../keys/key-service';
import { createPackageService } from '../package/service';
import { createRegistrationKeys } from '../keys/registration-keys';
import { createDraftService } from '../registration/drafts';
import { createChecklistService } from '../views/checklist';
import type { ChecklistTable } from '../profiles/checklists';
import { createRegistrationDeletion } from '../lifecycle/delete-registration';
import { createKeychainScope } from '../storage/keychain-scope';
import { createPreferences } from '../storage/preferences';
import { createRegistrationRepository } from '../storage/registrations';
import { openSettingsStore } from '../storage/settings-store';
import { probeKeychain } from '../storage/keychain-probe';
import { writeSupportPack, type SupportPackOptions } from '../support';
import { APP_NAME, APP_VERSION } from '../version';

/** The ports and facts a composition root supplies. */
export interface AppPorts {
  dataDir: string;
  vault: SecretVault;
  clock: Clock;
  random: Random;
  logger: Logger;
  /** The safe fetcher (ARCHITECTURE §6), built once by the composition root; every service that touches a URL uses it. */
  fetcher: Fetcher;
  /** Electron and Chrome versions when running inside Electron. */
  runtime?: { electron?: string; chrome?: string };
  /** The submission checklists; the built-in table unless a test injects its own. */
  checklists?: ChecklistTable;
}

/** Every service, built once per process. */
export function createAppServices(ports: AppPorts) {
  const store = openSettingsStore({ dataDir: ports.dataDir, clock: ports.clock });
  // The one owner of registration records: every service below reads and writes them through it.
  const registrations = createRegistrationRepository({ store, clock: ports.clock });
  const preferences = createPreferences(store);
  const drafts = createDraftService({ registrations, clock: ports.clock, fetcher: ports.fetcher });
  // The fetcher is a port: it is reached as `services.ports.fetcher`, never under a second name.
  const { vault, clock, random, logger, dataDir, fetcher } = ports;
  // One scope per data folder: on the first keychain use it moves the items earlier versions named
  // without the folder id, found from this folder's own key and credential records.
  const keychain = createKeychainScope({
    dataDir,
    vault,
    logger,
    clock,
    legacyItems: (folderId) =>
      registrations.list().flatMap((registration) => [
        ...keyService.legacyKeychainItems(registration.id, registration.keys, folderId),
        ...legacyClientSecretItems(folderId, registration.id, registration.credentials),
      ]),
  });
  const keyService = createKeyService({ dataDir, vault, keychain, clock, random, logger });
  const keys = createRegistrationKeys({ registrations, keys: keyService, clock });
  const checks = createCheckService({ dataDir, registrations, keyService, clock, fetcher });
  const credentials = createCredentialService({ registrations, vault, keychain, clock, random, logger, dataDir, keys: keyService, fetcher });
  const packages = createPackageService({ dataDir, registrations, keyService, checks, clock, vault, keychain, ...(ports.checklists && { checklists: ports.checklists }) });
  const checklist = createChecklistService({ registrations, clock, ...(ports.checklists && { table: ports.checklists }) });
  const deletion = createRegistrationDeletion({ dataDir, registrations, keyService, credentials, logger });
  /** Writes a redacted diagnostics bundle to `outPath`. */
  const diagnostics = (outPath: string) => writeDiagnosticsBundle({ store, registrations, vault, clock, logger, dataDir, ...(ports.runtime && { runtime: ports.runtime }) }, outPath);

  /** Writes the redacted support pack of one registration to `outPath`. */
  const supportPack = (registrationId: string, outPath: string, options: SupportPackOptions = {}) =>
    writeSupportPack({ registrations, vault, dataDir, clock, logger, latestCheck: (id) => checks.latest(id), ...(ports.runtime && { runtime: ports.runtime }) }, registrationId, outPath, options);

  async function appInfo(): Promise<AppInfo> {
    const keychain = await probeKeychain(ports.vault);
    return {
      productName: APP_NAME,
      version: APP_VERSION,
      platform: process.platform,
      arch: process.arch,
      runtime: { node: process.versions.node, ...ports.runtime },
      dataDir: ports.dataDir,
      keychain,
    };
  }

  return { ports, store, registrations, preferences, keychain, drafts, deletion, keyService, keys, checks, credentials, packages, checklist, diagnostics, supportPack, appInfo };
}

/** The services object. */
export type AppServices = ReturnType<typeof createAppServices>;
