/**
 * Passphrase strength rating for encrypted exports and passphrase custody:
 * length first, then character variety, minus common patterns. Deliberately
 * simple and explainable — the feedback tells the user what to change.
 */
import { AppError } from '../../contract/errors';

/** Score 0 (useless) to 4 (strong), a label and concrete advice. */
export interface PassphraseRating {
  score: 0 | 1 | 2 | 3 | 4;
  label: 'very weak' | 'weak' | 'fair' | 'good' | 'strong';
  feedback: string[];
}

/** Shortest passphrase accepted for anything protecting a private key. */
export const MIN_PASSPHRASE_LENGTH = 12;
/** Lowest acceptable score. */
export const MIN_PASSPHRASE_SCORE = 2;

const LABELS = ['very weak', 'weak', 'fair', 'good', 'strong'] as const;

// A short list is enough to catch the passphrases people type first; the length rule does the rest.
const COMMON = [
  'password', 'passw0rd', 'qwerty', 'letmein', 'welcome', 'admin', 'secret', 'iloveyou', 'monkey', 'dragon',
  'football', 'baseball', 'sunshine', 'princess', 'trustno1', 'abc123', '123456', 'changeme', 'default', 'nhs',
  'login', 'master', 'shadow', 'superman', 'private', 'example',
];
const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890', 'abcdefghijklmnopqrstuvwxyz'];

function hasSequence(text: string, run = 4): boolean {
  const lower = text.toLowerCase();
  for (const row of KEYBOARD_ROWS) {
    for (let i = 0; i + run <= row.length; i += 1) {
      const chunk = row.slice(i, i + run);
      if (lower.includes(chunk) || lower.includes([...chunk].reverse().join(''))) return true;
    }
  }
  return false;
}

/** Rates a passphrase; never throws, never logs it. */
export function ratePassphrase(passphrase: string): PassphraseRating {
  const chars = [...passphrase];
  const length = chars.length;
  const feedback: string[] = [];
  let points = 0;

  if (length >= 12) points += 1;
  if (length >= 16) points += 1;
  if (length >= 20) points += 1;
  if (length >= 28) points += 1;
  if (length < MIN_PASSPHRASE_LENGTH) feedback.push(`Use at least ${MIN_PASSPHRASE_LENGTH} characters; several unrelated words work well.`);

  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(passphrase)).length;
  if (classes >= 3) points += 1;
  if (classes <= 1 && length < 20) feedback.push('Mix in capitals, digits or symbols, or make it longer.');

  const unique = new Set(chars.map((c) => c.toLowerCase())).size;
  if (length > 0 && unique / length < 0.35) {
    points -= 2;
    feedback.push('Avoid repeating the same characters.');
  }
  if (/(.)\1\1/.test(passphrase)) {
    points -= 1;
    feedback.push('Avoid runs of the same character.');
  }
  if (hasSequence(passphrase)) {
    points -= 1;
    feedback.push('Avoid keyboard or alphabet sequences such as "qwer" or "1234".');
  }
  const lower = passphrase.toLowerCase().replace(/[@4]/g, 'a').replace(/3/g, 'e').replace(/[1!]/g, 'i').replace(/0/g, 'o').replace(/\$/g, 's');
  const common = COMMON.filter((word) => lower.includes(word));
  if (common.length > 0) {
    // Common words are fine inside a long phrase; they only hurt when they are most of it.
    const share = common.reduce((sum, word) => sum + word.length, 0) / Math.max(length, 1);
    points -= share > 0.5 ? 3 : 1;
    feedback.push('Avoid common passwords and words like "password" or "qwerty".');
  }
  if (/^(19|20)\d{2}$/.test(passphrase.replace(/\D/g, '').slice(-4)) && /\d{4}$/.test(passphrase)) {
    points -= 1;
    feedback.push('A year at the end is easy to guess.');
  }

  const score = Math.max(0, Math.min(4, points)) as PassphraseRating['score'];
  if (score < 3 && feedback.length === 0) feedback.push('Longer is stronger: add another word or two.');
  return { score, label: LABELS[score], feedback };
}

/** Throws `PASSPHRASE_WEAK` (with the rating in details) unless the passphrase is acceptable. */
export function assertPassphraseStrong(passphrase: string): PassphraseRating {
  const rating = ratePassphrase(passphrase);
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH || rating.score < MIN_PASSPHRASE_SCORE) {
    throw new AppError('PASSPHRASE_WEAK', `This passphrase is ${rating.label}. ${rating.feedback.join(' ')}`.trim(), {
      details: { score: rating.score, label: rating.label, feedback: rating.feedback },
    });
  }
  return rating;
}
