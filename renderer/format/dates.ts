/**
 * The one date formatter of the UI: British English, day before month, 24-hour clock
 * ("1 Dec 2026, 07:00"), in the user's time zone. JSON and files keep ISO 8601 (the main process
 * writes them); only what people read on screen goes through here.
 */

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

function toDate(value: string | number | Date): Date | undefined {
  // A bare calendar date ("2026-12-01") is that day where the user is, not midnight UTC.
  const calendar = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const date = calendar ? new Date(Number(calendar[1]), Number(calendar[2]) - 1, Number(calendar[3])) : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "1 Dec 2026, 07:00"; text that is not a date is shown as it is. */
export function formatDateTime(value: string | number | Date): string {
  const date = toDate(value);
  return date === undefined ? String(value) : DATE_TIME.format(date);
}

/** "1 Dec 2026". */
export function formatDate(value: string | number | Date): string {
  const date = toDate(value);
  return date === undefined ? String(value) : DATE.format(date);
}

/** "07:00:05" (for countdowns within the hour). */
export function formatTime(value: string | number | Date): string {
  const date = toDate(value);
  return date === undefined ? String(value) : TIME.format(date);
}
