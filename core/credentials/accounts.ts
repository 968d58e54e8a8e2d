/**
 * Names of the keychain items that hold what a provider issued. They are part of the
 * user-facing contract (people look for them in Keychain Access, Credential Manager or
 * Seahorse), so the README quotes {@link KEYCHAIN_ACCOUNTS} verbatim.
 */
import { dataKeyAccount, legacyDataKeyAccount } from '../keys/custody';
import { readInstallation } from '../storage/installation';
import type { LegacyKeychainItem } from '../storage/keychain-scope';

/** Most UTF-8 bytes of the Client ID carried in an account name (see {@link clientSecretAccount}). */
export const ACCOUNT_CLIENT_ID_MAX = 200;

/**
 * How OIDC Onboard names its keychain items; quoted by the README.
 */
export const KEYCHAIN_ACCOUNTS = `Keychain items (service "oidc-onboard"; tests override it with OIDC_ONBOARD_KEYCHAIN_SERVICE):

Every name starts with the data folder's installation id (<folder id>), a random id created once in
<data folder>/installation.json, so two data folders (for example the default one and a --data-dir)
never read or overwrite each other's items. Keep installation.json with the folder: without it the
items cannot be found.

- client-secret:<folder id>:<registration id>:<client id>
    The client secret the provider issued for one registration, stored as the item's password.
    The Client ID is part of the name so you can find the item by the ID the provider gave you.
    A Client ID longer than ${ACCOUNT_CLIENT_ID_MAX} bytes (UTF-8) is cut to its first whole characters within
    ${ACCOUNT_CLIENT_ID_MAX} bytes followed by "..." (Windows limits account names to 513). One item per registration: replacing the
    credentials removes the previous item; the Client ID, the date received and notes are also kept
    (without the secret) in the settings file.
- key:<folder id>:<registration id>:<kid>
    The random data key that decrypts the private signing key file keys/<registration id>/<hash>.key.
    Deleting it makes that key file unusable.
- probe:<uuid>
    Written, read back and deleted at once by the keychain check (doctor, diagnostics, the About screen); never kept.

Items written by versions before the folder id (key:<registration id>:<kid> and
client-secret:<registration id>:<client id>) are moved to these names the first time a command
needs the keychain: each is copied, read back and only then deleted, so an interrupted move is
finished next time. An old data key moves only to the folder whose key file it opens.`;

function shortClientId(clientId: string): string {
  if (Buffer.byteLength(clientId, 'utf8') <= ACCOUNT_CLIENT_ID_MAX) return clientId;
  // Cut by whole code points so a character (or surrogate pair) is never split.
  let shown = '';
  let bytes = 0;
  for (const char of clientId) {
    bytes += Buffer.byteLength(char, 'utf8');
    if (bytes > ACCOUNT_CLIENT_ID_MAX) break;
    shown += char;
  }
  return `${shown}...`;
}

/**
 * Keychain account of the client secret of `registrationId` issued with `clientId`, in the data
 * folder whose installation id is `folderId`. Derived from the three so the record in the settings
 * file always names its item; a long Client ID is shortened (deterministically) to stay within
 * every platform's limits.
 */
export function clientSecretAccount(folderId: string, registrationId: string, clientId: string): string {
  return `client-secret:${folderId}:${registrationId}:${shortClientId(clientId)}`;
}

/** The account versions before the installation id used (shared by every data folder); only the keychain migration reads it. */
export function legacyClientSecretAccount(registrationId: string, clientId: string): string {
  return `client-secret:${registrationId}:${shortClientId(clientId)}`;
}

/** The client-secret item an earlier version wrote for these credentials, and its folder-scoped name. */
export function legacyClientSecretItems(folderId: string, registrationId: string, credentials: { clientId: string; hasSecret: boolean } | undefined): LegacyKeychainItem[] {
  if (!credentials?.hasSecret) return [];
  return [{ from: legacyClientSecretAccount(registrationId, credentials.clientId), to: clientSecretAccount(folderId, registrationId, credentials.clientId) }];
}

/**
 * The installation id of `dataDir` if it has one, without creating it (for read-only reports);
 * `undefined` when there is none yet or the file is damaged.
 */
export function existingFolderId(dataDir: string): string | undefined {
  try {
    return readInstallation(dataDir)?.id;
  } catch {
    return undefined;
  }
}

/**
 * Every keychain item a registration's records point to, under its folder-scoped name (when the
 * folder has an id) and under the name earlier versions used (an old item may not have been moved
 * yet). For reports that read items only to mask them; they never create the id or move items.
 */
export function storedItemAccounts(
  folderId: string | undefined,
  registration: { id: string; keys: readonly Readonly<Record<string, unknown>>[]; credentials?: { clientId: string; hasSecret: boolean } | undefined },
): { account: string; label: 'client secret' | 'key-file data key' }[] {
  const out: { account: string; label: 'client secret' | 'key-file data key' }[] = [];
  const credentials = registration.credentials;
  if (credentials?.hasSecret) {
    if (folderId !== undefined) out.push({ account: clientSecretAccount(folderId, registration.id, credentials.clientId), label: 'client secret' });
    out.push({ account: legacyClientSecretAccount(registration.id, credentials.clientId), label: 'client secret' });
  }
  for (const key of registration.keys) {
    if (typeof key.kid !== 'string' || key.custody !== 'keychain') continue;
    if (folderId !== undefined) out.push({ account: dataKeyAccount(folderId, registration.id, key.kid), label: 'key-file data key' });
    out.push({ account: legacyDataKeyAccount(registration.id, key.kid), label: 'key-file data key' });
  }
  return out;
}
