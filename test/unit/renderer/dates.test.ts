/** The UI's one date formatter: en-GB, day first, 24-hour clock, whatever the machine's locale. */
import { describe, expect, it } from 'vitest';

// The formatter uses the user's time zone: pin one before it is loaded so the expected text is fixed.
process.env.TZ = 'Europe/London';
const { formatDate, formatDateTime, formatTime } = await import('../../../renderer/format/dates');

describe('renderer date formatter', () => {
  it('formats an instant as "1 Dec 2026, 07:00", never US-style', () => {
    const text = formatDateTime('2026-12-01T07:00:00.000Z');
    expect(text).toBe('1 Dec 2026, 07:00');
    expect(text).not.toMatch(/\d+\/\d+\/\d{4}|AM|PM/);
  });

  it('uses a 24-hour clock in the afternoon', () => {
    expect(formatDateTime('2026-07-15T15:30:00Z')).toBe('15 Jul 2026, 16:30'); // British Summer Time
    expect(formatTime('2026-12-01T15:04:05Z')).toBe('15:04:05');
  });

  it('reads a bare calendar date as that day, not UTC midnight', () => {
    expect(formatDate('2026-12-01')).toBe('1 Dec 2026');
  });

  it('shows text that is not a date as it is', () => {
    expect(formatDateTime('soon')).toBe('soon');
  });
});
