/** The envelope every IPC operation returns: a value or a typed error, never a throw. */
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode, type ErrorPayload } from './errors';

/** Zod schema of an {@link ErrorCode}. */
export const errorCodeSchema = z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]);

/** The shape in which an error crosses IPC or is printed by the CLI with --json. */
export const errorPayloadSchema: z.ZodType<ErrorPayload> = z.object({
  code: errorCodeSchema,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

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

/** Zod schema of the envelope around `value`. */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: errorPayloadSchema }),
  ]);
}
