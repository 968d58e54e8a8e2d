/**
 * The ports core services take as arguments. Real adapters are built only in the
 * composition roots (`electron/main.ts`, `cli/`), and in tests on temp dirs.
 */

/** Wall-clock time, injectable so tests and reproducible packages can pin it. */
export interface Clock {
  /** Current time. */
  now(): Date;
}

/** Randomness, injectable so tests can make packages byte-for-byte reproducible. */
export interface Random {
  /** `length` cryptographically strong random bytes. */
  bytes(length: number): Uint8Array;
  /** A random UUID (v4). */
  uuid(): string;
}

/** Structured logging. Implementations must never be handed secrets; callers redact first. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, Secret Service).
 * Every method throws `AppError('KEYCHAIN_UNAVAILABLE')` when the keychain cannot be reached.
 */
export interface SecretVault {
  /** Human name of the backend, e.g. "Secret Service (GNOME Keyring)". */
  readonly backendName: string;
  /** The keychain service name items are stored under (normally `oidc-onboard`). */
  readonly service: string;
  /** The stored secret, or `undefined` when there is no item for `account`. */
  get(account: string): Promise<string | undefined>;
  /** Creates or replaces the item for `account`. */
  set(account: string, secret: string): Promise<void>;
  /** Deletes the item; `false` when there was none. */
  delete(account: string): Promise<boolean>;
}

/**
 * The keychain names of one data folder: every account name carries the folder's installation
 * id (ARCHITECTURE §5), and items named the older way are moved before first use.
 */
export interface KeychainScope {
  /** The data folder's installation id, part of every account name. Created on first use; never touches the keychain. */
  folderId(): string;
  /**
   * Settles once this folder's items named the way earlier versions did (without the folder id)
   * have been moved to their new names; one pass per data folder, retried after a failure.
   * Call it before any keychain access.
   */
  ready(): Promise<void>;
}
