/**
 * Taking the OS keychain away from a child process, for the "no keychain" paths. Only the Secret
 * Service can be withheld from outside (point the process at a D-Bus session that does not
 * exist); the macOS and Windows keychains cannot, so those tests run on Linux only. Expected
 * texts come from the code (`keychainBackendName()`, `keychainGuidance()`), never spelled out.
 */

/** Environment for a child process that finds no Secret Service. */
export const NO_KEYCHAIN_ENV: NodeJS.ProcessEnv = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' };

/** True where {@link NO_KEYCHAIN_ENV} really withholds the keychain. */
export const canWithholdKeychain = process.platform === 'linux';
