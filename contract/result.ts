/** The envelope every IPC operation returns: a value or a typed error, never a throw. */
import type { ErrorPayload } from './errors';

/** Success or failure of one operation. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

/** Wraps a value as a success. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps an error payload as a failure. */
export function fail<T = never>(error: ErrorPayload): Result<T> {
  return { ok: false, error };
}
