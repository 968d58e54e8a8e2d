/**
 * The OS keychain through @napi-rs/keyring: macOS Keychain, Windows Credential Manager,
 * Secret Service on Linux. On Linux the store is pinned to the Secret Service so that a
 * missing keyring fails loudly instead of silently falling back to the memory-only
 * kernel keyring (which would lose secrets at reboot).
 */
import { AsyncEntry } from '@napi-rs/keyring';
import { AppError } from '../../contract/errors';
import type { SecretVault } from '../ports';

/** The keychain service name items live under, unless overridden for tests. */
export const DEFAULT_KEYCHAIN_SERVICE = 'oidc-onboard';

/** The plain name of this platform's keychain, as users know it. */
export function keychainBackendName(platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'darwin':
      return 'macOS Keychain';
    case 'win32':
      return 'Windows Credential Manager';
    default:
      return 'Secret Service (GNOME Keyring)';
  }
}

/** What to do when the keychain cannot be reached, per platform. */
export function keychainGuidance(platform: NodeJS.Platform = process.platform): string {
  switch (platform) {
    case 'darwin':
      return 'Unlock your login keychain in Keychain Access and try again.';
    case 'win32':
      return 'Make sure you are signed in to a normal Windows session (Credential Manager is not available to service accounts) and try again.';
    default:
      return (
        'Start and unlock a Secret Service provider (GNOME Keyring or KWallet) in this session. ' +
        'On a headless machine: run inside `dbus-run-session` and unlock with ' +
        '`echo -n <password> | gnome-keyring-daemon --unlock --components=secrets`. ' +
        'Without a keychain, use passphrase mode instead.'
      );
  }
}

// Windows stores the secret as UTF-16 in a 2,560-byte blob; refuse before writing rather than fail half-way.
const MAX_SECRET_CHARS = 1200;

/** Options for {@link createOsKeychain}. */
export interface OsKeychainOptions {
  /** Service name; defaults to `OIDC_ONBOARD_KEYCHAIN_SERVICE` or `oidc-onboard`. */
  service?: string;
}

/** A {@link SecretVault} backed by the OS keychain. */
export function createOsKeychain(options: OsKeychainOptions = {}): SecretVault {
  const service = options.service ?? process.env.OIDC_ONBOARD_KEYCHAIN_SERVICE ?? DEFAULT_KEYCHAIN_SERVICE;
  const backendName = keychainBackendName();
  const entry = (account: string) => new AsyncEntry(service, account, { linux: { store: 'secret-service' } });

  const unavailable = (cause: unknown): AppError =>
    new AppError('KEYCHAIN_UNAVAILABLE', `The ${backendName} could not be used. ${keychainGuidance()}`, {
      cause,
      details: { backend: backendName, reason: cause instanceof Error ? cause.message : String(cause) },
    });

  const call = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw unavailable(error);
    }
  };

  return {
    backendName,
    service,
    get: (account) => call(async () => (await entry(account).getPassword()) ?? undefined),
    set: async (account, secret) => {
      if (secret.length > MAX_SECRET_CHARS) {
        throw new AppError('INTERNAL', `A keychain item may hold at most ${MAX_SECRET_CHARS} characters.`);
      }
      await call(() => entry(account).setPassword(secret));
    },
    delete: (account) => call(() => entry(account).deleteCredential()),
  };
}
