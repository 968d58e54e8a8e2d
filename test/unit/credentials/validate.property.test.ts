// Property tests of the credential input checks: what is accepted is exactly what the rules say.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../contract/errors';
import { ACCOUNT_CLIENT_ID_MAX, checkClientSecret, clientSecretAccount, CLIENT_ID_MAX, CLIENT_SECRET_MAX, normaliseClientId } from '../../../core/credentials';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function outcome(run: () => string): string | AppError {
  try {
    return run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

describe('client id and secret checks', () => {
  it('accepts a Client ID exactly when trimmed it is non-empty, at most 512 chars and free of control characters', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 600 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom(' ', '\t', 'a\u0085b', 'x'.repeat(513))), (input) => {
        const trimmed = input.trim();
        const valid = trimmed !== '' && trimmed.length <= CLIENT_ID_MAX && !CONTROL.test(trimmed);
        const result = outcome(() => normaliseClientId(input));
        if (valid) expect(result).toBe(trimmed);
        else {
          expect(result).toBeInstanceOf(AppError);
          expect((result as AppError).code).toBe('VALIDATION_FAILED');
          expect((result as AppError).details).toEqual({ field: 'clientId' });
        }
      }),
    );
  });

  it('accepts a secret exactly when it is non-empty and at most 1024 chars, unchanged, and never echoes it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 1100 }), fc.string({ minLength: 1020, maxLength: 1030 })), (secret) => {
        const result = outcome(() => checkClientSecret(secret));
        if (secret.length > 0 && secret.length <= CLIENT_SECRET_MAX) expect(result).toBe(secret);
        else {
          expect((result as AppError).code).toBe('VALIDATION_FAILED');
          if (secret.length >= 4) expect(JSON.stringify({ m: (result as AppError).message, d: (result as AppError).details })).not.toContain(secret);
        }
      }),
    );
  });

  // An installation id is a UUID: the longest folder id there is.
  const FOLDER_ID = '123e4567-e89b-42d3-a456-426614174000';
  it('derives account names deterministically, within the Windows 513 limit (counted in UTF-8 bytes), never splitting a character', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 600 }), (regId, clientId) => {
        const account = clientSecretAccount(FOLDER_ID, regId, clientId);
        expect(account).toBe(clientSecretAccount(FOLDER_ID, regId, clientId));
        expect(account.startsWith(`client-secret:${FOLDER_ID}:${regId}:`)).toBe(true);
        expect(Buffer.byteLength(account, 'utf8')).toBeLessThanOrEqual(513);
        const tail = account.slice(`client-secret:${FOLDER_ID}:${regId}:`.length);
        if (Buffer.byteLength(clientId, 'utf8') <= ACCOUNT_CLIENT_ID_MAX) expect(tail).toBe(clientId);
        else expect(clientId.startsWith(tail.slice(0, -3))).toBe(true);
        expect(/[\ud800-\udbff]$/.test(tail.replace(/\.\.\.$/, ''))).toBe(false);
      }),
    );
  });
});
