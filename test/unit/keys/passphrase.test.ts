import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError } from '../../../contract/errors';
import { assertPassphraseStrong, ratePassphrase } from '../../../core/keys';

describe('ratePassphrase', () => {
  it.each([
    ['', 0],
    ['password', 0],
    ['Password1234', 0],
    ['qwertyuiop12', 0],
    ['aaaaaaaaaaaaaaaa', 0],
  ])('%j is very weak', (p, score) => {
    expect(ratePassphrase(p).score).toBe(score);
    expect(ratePassphrase(p).feedback.length).toBeGreaterThan(0);
  });

  it('rates long, varied phrases as good or strong', () => {
    expect(ratePassphrase('Tangerine-Lighthouse-47-Orbit').score).toBeGreaterThanOrEqual(3);
    expect(ratePassphrase('correct horse battery staple').score).toBeGreaterThanOrEqual(2);
    expect(ratePassphrase('Tangerine-Lighthouse-47-Orbit').label).toMatch(/good|strong/);
  });

  it('property: the score is always 0..4 with the matching label', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (p) => {
        const r = ratePassphrase(p);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(4);
        expect(['very weak', 'weak', 'fair', 'good', 'strong'][r.score]).toBe(r.label);
      }),
    );
  });
});

describe('assertPassphraseStrong', () => {
  it('refuses < 12 characters or score < 2 with PASSPHRASE_WEAK and feedback', () => {
    for (const p of ['Xy7#Qz9!', 'password1234', 'aaaaaaaaaaaaaaaaaaaa', '111111111111']) {
      let error: unknown;
      try {
        assertPassphraseStrong(p);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('PASSPHRASE_WEAK');
      expect(JSON.stringify((error as AppError).details)).not.toContain(p);
    }
    expect(assertPassphraseStrong('correct horse battery staple').score).toBeGreaterThanOrEqual(2);
  });
});
