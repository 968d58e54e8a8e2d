/** The folder-scoped keychain account names of a test's data folder (as the services build them). */
import { clientSecretAccount } from '../../core/credentials/accounts';
import { dataKeyAccount } from '../../core/keys/custody';
import { ensureInstallation } from '../../core/storage/installation';

/** The installation id of `dataDir` (created if the services have not done so yet; the same file either way). */
export function folderIdOf(dataDir: string): string {
  return ensureInstallation(dataDir).id;
}

/** `client-secret:<folder id>:<registration>:<client id>` in `dataDir`. */
export function secretAccountIn(dataDir: string, registrationId: string, clientId: string): string {
  return clientSecretAccount(folderIdOf(dataDir), registrationId, clientId);
}

/** `key:<folder id>:<registration>:<kid>` in `dataDir`. */
export function dataKeyAccountIn(dataDir: string, registrationId: string, kid: string): string {
  return dataKeyAccount(folderIdOf(dataDir), registrationId, kid);
}
