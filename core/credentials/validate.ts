/**
 * Checks of what the user types in for received credentials. Pure functions, so the
 * property tests can throw anything at them.
 */
import { AppError } from '../../contract/errors';

/** Longest Client ID accepted (far beyond any real one, short enough for every keychain). */
export const CLIENT_ID_MAX = 512;
/** Longest client secret accepted (keychain items stay well under Windows' 2,560-byte cap). */
export const CLIENT_SECRET_MAX = 1024;
/** Longest notes text accepted. */
export const NOTES_MAX = 4000;

// C0, DEL and C1 controls: never part of an identifier, usually a paste accident.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function invalid(field: string, message: string): AppError {
  // Only the field name goes into details: the value may be the secret.
  return new AppError('VALIDATION_FAILED', message, { details: { field } });
}

/** The Client ID trimmed; throws `VALIDATION_FAILED` when empty, longer than 512 or holding control characters. */
export function normaliseClientId(input: unknown): string {
  if (typeof input !== 'string') throw invalid('clientId', 'The Client ID must be text.');
  const clientId = input.trim();
  if (clientId === '') throw invalid('clientId', 'The Client ID is empty.');
  if (clientId.length > CLIENT_ID_MAX) throw invalid('clientId', `The Client ID is longer than ${CLIENT_ID_MAX} characters.`);
  if (CONTROL.test(clientId)) throw invalid('clientId', 'The Client ID contains control characters (a line break or tab from pasting?).');
  return clientId;
}

/** The secret unchanged; throws `VALIDATION_FAILED` when it is empty or longer than 1024 characters. */
export function checkClientSecret(input: unknown): string {
  if (typeof input !== 'string') throw invalid('secret', 'The client secret must be text.');
  if (input.length === 0) throw invalid('secret', 'The client secret is empty.');
  if (input.length > CLIENT_SECRET_MAX) throw invalid('secret', `The client secret is longer than ${CLIENT_SECRET_MAX} characters.`);
  return input;
}

/** Notes as given (default empty); throws `VALIDATION_FAILED` when longer than {@link NOTES_MAX}. */
export function checkNotes(input: unknown): string {
  if (input === undefined) return '';
  if (typeof input !== 'string') throw invalid('notes', 'Notes must be text.');
  if (input.length > NOTES_MAX) throw invalid('notes', `Notes are longer than ${NOTES_MAX} characters.`);
  return input;
}

/** An ISO-8601 UTC timestamp for `input` (a Date or a date/time string); throws `VALIDATION_FAILED` otherwise. */
export function normaliseReceivedAt(input: Date | string): string {
  const date = input instanceof Date ? input : typeof input === 'string' && input.trim() !== '' ? new Date(input.trim()) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw invalid('receivedAt', 'The date received is not a valid date.');
  return date.toISOString();
}
