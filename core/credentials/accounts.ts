/**
 * Names of the keychain items that hold what a provider issued. They are part of the
 * user-facing contract (people look for them in Keychain Access, Credential Manager or
 * Seahorse), so the README quotes {@link KEYCHAIN_ACCOUNTS} verbatim.
 */

/** Most UTF-8 bytes of the Client ID carried in an account name (see {@link clientSecretAccount}). */
export const ACCOUNT_CLIENT_ID_MAX = 200;

/**
 * How OIDC Onboard names its keychain items; quoted by the README.
 */
export const KEYCHAIN_ACCOUNTS = `Keychain items (service "oidc-onboard"; tests override it with OIDC_ONBOARD_KEYCHAIN_SERVICE):

- client-secret:<registration id>:<client id>
    The client secret the provider issued for one registration, stored as the item's password.
    The Client ID is part of the name so you can find the item by the ID the provider gave you.
    A Client ID longer than ${ACCOUNT_CLIENT_ID_MAX} bytes (UTF-8) is cut to its first whole characters within
    ${ACCOUNT_CLIENT_ID_MAX} bytes followed by "..." (Windows limits account names to 513). One item per registration: replacing the
    credentials removes the previous item; the Client ID, the date received and notes are also kept
    (without the secret) in the settings file.
- key:<registration id>:<kid>
    The random data key that decrypts the private signing key file keys/<registration id>/<hash>.key.
    Deleting it makes that key file unusable.
- probe:<uuid>
    Written, read back and deleted at once by the keychain check (doctor, diagnostics); never kept.`;

/**
 * Keychain account of the client secret of `registrationId` issued with `clientId`.
 * Derived from the two so the record in the settings file always names its item; a long
 * Client ID is shortened (deterministically) to stay within every platform's limits.
 */
export function clientSecretAccount(registrationId: string, clientId: string): string {
  if (Buffer.byteLength(clientId, 'utf8') <= ACCOUNT_CLIENT_ID_MAX) return `client-secret:${registrationId}:${clientId}`;
  // Cut by whole code points so a character (or surrogate pair) is never split.
  let shown = '';
  let bytes = 0;
  for (const char of clientId) {
    bytes += Buffer.byteLength(char, 'utf8');
    if (bytes > ACCOUNT_CLIENT_ID_MAX) break;
    shown += char;
  }
  return `client-secret:${registrationId}:${shown}...`;
}
