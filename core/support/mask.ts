/** Masking and time formats for the support pack. */

/** Shortest identifier whose first and last 4 characters may be shown: below it they would reveal most of it. */
export const MASK_MIN_LENGTH = 12;

/**
 * An API key masked the way NHS API platform support asks for it: its first and last 4
 * characters, e.g. `abcd…wxyz`. A key shorter than {@link MASK_MIN_LENGTH} is masked entirely (`…`).
 */
export function maskApiKey(key: string): string {
  const chars = [...key];
  if (chars.length < MASK_MIN_LENGTH) return '…';
  return `${chars.slice(0, 4).join('')}…${chars.slice(-4).join('')}`;
}

/** `+HH:MM` / `-HH:MM` for an offset of `minutesEast` minutes east of UTC. */
export function formatUtcOffset(minutesEast: number): string {
  const sign = minutesEast < 0 ? '-' : '+';
  const abs = Math.abs(minutesEast);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * `date` as local time with its UTC offset, e.g. `2026-12-01T09:30:05+00:00` — what support
 * needs to match the moment with their logs. `minutesEast` defaults to this machine's zone.
 */
export function localTimeWithOffset(date: Date, minutesEast = -date.getTimezoneOffset()): string {
  const shifted = new Date(date.getTime() + minutesEast * 60_000);
  return `${shifted.toISOString().slice(0, 19)}${formatUtcOffset(minutesEast)}`;
}
