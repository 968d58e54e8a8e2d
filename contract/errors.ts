/**
 * The closed set of error codes the app, the CLI and the IPC boundary speak.
 *
 * Codes are grouped by who is at fault, because callers react differently:
 * the caller (usage/validation: fix the input), the thing checked (invalid: a
 * verdict, not a crash), the environment (keychain, disk, network: the world
 * misbehaved), and ourselves (internal).
 */

/** Who is responsible for an error; drives CLI exit codes and UI tone. */
export type ErrorKind = 'usage' | 'invalid' | 'environment' | 'internal';

const ERROR_TABLE = {
  // The caller asked wrongly.
  USAGE: 'usage',
  IPC_INVALID_INPUT: 'usage',
  IPC_UNKNOWN_OPERATION: 'usage',
  VALIDATION_FAILED: 'usage',
  NOT_FOUND: 'usage',
  ALREADY_EXISTS: 'usage',
  CONFIRMATION_REQUIRED: 'usage',
  INPUT_UNREADABLE: 'usage',
  PASSPHRASE_REQUIRED: 'usage',
  PASSPHRASE_WEAK: 'usage',
  UNSUPPORTED_ALGORITHM: 'usage',
  // The thing checked is not valid.
  IPC_UNTRUSTED_SENDER: 'invalid',
  KEY_INVALID: 'invalid',
  PASSPHRASE_INCORRECT: 'invalid',
  SECRET_TAMPERED: 'invalid',
  PACKAGE_INVALID: 'invalid',
  SIGNATURE_INVALID: 'invalid',
  FINDINGS_BLOCK: 'invalid',
  SECRET_WOULD_LEAK: 'invalid',
  // The world misbehaved.
  KEYCHAIN_UNAVAILABLE: 'environment',
  KEYCHAIN_ITEM_MISSING: 'environment',
  KEYCHAIN_ITEM_INVALID: 'environment',
  STORAGE_CORRUPT: 'environment',
  STORAGE_WRITE_FAILED: 'environment',
  DATA_DIR_NOT_WRITABLE: 'environment',
  NETWORK_URL_REFUSED: 'usage',
  // The network policy refused the address a URL leads to (link-local, or private from untrusted input).
  NETWORK_ADDRESS_REFUSED: 'usage',
  NETWORK_DNS: 'environment',
  NETWORK_CONNECT: 'environment',
  NETWORK_TLS: 'environment',
  NETWORK_TIMEOUT: 'environment',
  NETWORK_TOO_LARGE: 'environment',
  NETWORK_REDIRECT: 'environment',
  NETWORK_HTTP: 'environment',
  NETWORK_PROTOCOL: 'environment',
  DISCOVERY_INVALID: 'environment',
  CANCELLED: 'environment',
  // Our fault.
  INTERNAL: 'internal',
} as const satisfies Record<string, ErrorKind>;

/** Every error code, in declaration order. */
export const ERROR_CODES = Object.keys(ERROR_TABLE) as ErrorCode[];

/** A SCREAMING_SNAKE error code from the closed set. */
export type ErrorCode = keyof typeof ERROR_TABLE;

/** Serialisable details: plain JSON only, never secrets. */
export type ErrorDetails = Record<string, unknown>;

/**
 * An error as it crosses a process boundary (IPC, the CLI's --json): code, message, optional
 * details. Its zod schema is in `contract/result.ts`, so code that only raises errors (the CLI's
 * start, the jwks_uri check) does not load zod.
 */
export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

/** Who is responsible for an error of this code. */
export function errorKind(code: ErrorCode): ErrorKind {
  return ERROR_TABLE[code];
}

/**
 * The one error type of the app. `message` is for people; `code` is for code;
 * `details` must be JSON-serialisable and secret-free.
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: ErrorDetails } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }

  /** The boundary-safe form of this error. */
  toPayload(): ErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** True for an {@link AppError}, also across module copies (checks the shape, not the prototype). */
export function isAppError(value: unknown): value is AppError {
  return (
    value instanceof AppError ||
    (value instanceof Error && value.name === 'AppError' && typeof (value as { code?: unknown }).code === 'string')
  );
}

/** An {@link AppError} carrying `code`, for `expect(...).rejects` style checks and narrowing. */
export function hasErrorCode(value: unknown, code: ErrorCode): value is AppError {
  return isAppError(value) && value.code === code;
}

/** Exhaustiveness guard for closed switches: a compile error when a case is missing. */
export function assertNever(value: never, what = 'value'): never {
  throw new AppError('INTERNAL', `Unexpected ${what}: ${JSON.stringify(value)}`);
}
