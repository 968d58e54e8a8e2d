// Terminal text helpers: Markdown reports as plain text, "did you mean", the skipped-check summary.
import { describe, expect, it } from 'vitest';
import { markdownToPlain } from '../../../cli/plain-text';
import { suggest } from '../../../cli/suggest';
import { skippedSummary } from '../../../cli/network-check';
import { mdEscape } from '../../../core/text/markdown';

describe('markdownToPlain', () => {
  it('drops heading marks, code spans, bold and escapes; links become "title <url>"; escaped characters stay literal', () => {
    const md = [`# Package: VALID`, '', `## Requested values`, `- \`jwks_uri\`: ${mdEscape('Integration (INT) *x* [y] jwks_uri')}`, '- **Intact**: YES', '- Source: [RFC 7591 §2](<https://www.rfc-editor.org/rfc/rfc7591#section-2>)', '[FAIL] literal'].join('\n');
    expect(markdownToPlain(md)).toBe(
      ['Package: VALID', '==============', '', 'Requested values', '- jwks_uri: Integration (INT) *x* [y] jwks_uri', '- Intact: YES', '- Source: RFC 7591 §2 <https://www.rfc-editor.org/rfc/rfc7591#section-2>', '[FAIL] literal'].join('\n'),
    );
  });
});

describe('suggest', () => {
  it('finds typos, swaps and prefixes; nothing for unrelated words', () => {
    expect(suggest('regstrations', ['registrations', 'list', 'keys'])).toEqual(['registrations']);
    expect(suggest('lsit', ['list', 'set', 'show'])[0]).toBe('list');
    expect(suggest('gen', ['generate', 'list'])).toEqual(['generate']);
    expect(suggest('frobnicate', ['list', 'keys', 'doctor'])).toEqual([]);
  });
});

describe('skippedSummary', () => {
  it('is at most three lines however many checks and reasons', () => {
    const skips = Array.from({ length: 30 }, (_, i) => ({ id: `c${i}`, message: `Not checked: reason ${i % 5}.` }));
    const lines = skippedSummary(skips);
    expect(lines.length).toBe(3);
    expect(lines.at(-1)).toContain('more for 3 other reason(s)');
    expect(skippedSummary([{ id: 'a', message: 'Not checked: the fetch failed.' }])).toEqual(['[SKIP] 1 check(s) not run: the fetch failed.']);
    expect(skippedSummary([])).toEqual([]);
  });
});
