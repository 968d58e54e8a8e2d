// The shared text helpers: strict UTF-8 with the offset of the first bad byte, and the one
// escaping of control, bidi and invisible characters used by the rule engine, the CLI and the UI.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasErrorCode } from '../../../contract/errors';
import { escapeForDisplay, escapeJsonForDisplay, hasUnsafeDisplayChars } from '../../../contract/text/display';
import { decodeUtf8, firstInvalidUtf8Offset } from '../../../contract/text/utf8';

const strict = new TextDecoder('utf-8', { fatal: true });
const wellFormed = (bytes: Uint8Array) => {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

describe('strict UTF-8', () => {
  it('agrees with a fatal TextDecoder, and the offset is where the well-formed prefix ends', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.string({ unit: 'binary' }).map((s) => new TextEncoder().encode(s))), fc.uint8Array({ maxLength: 4 }), (prefix, junk) => {
        const bytes = new Uint8Array([...prefix, ...junk]);
        const offset = firstInvalidUtf8Offset(bytes);
        expect(offset === undefined).toBe(wellFormed(bytes));
        if (offset !== undefined) {
          expect(wellFormed(bytes.subarray(0, offset))).toBe(true);
          expect(() => decodeUtf8(bytes, 'The file')).toThrow(new RegExp(`at byte offset ${offset}\\b`));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('names the offset of overlongs, surrogates, stray continuations and truncated sequences', () => {
    const cases: [number[], number][] = [
      [[0x61, 0x62, 0xff], 2],
      [[0x61, 0xc0, 0xaf], 1], // overlong "/"
      [[0xed, 0xa0, 0x80], 0], // UTF-16 surrogate
      [[0x61, 0x80], 1],
      [[0x61, 0x62, 0x63, 0xe2, 0x82], 3], // truncated "€"
      [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
    ];
    for (const [bytes, offset] of cases) {
      let error: unknown;
      try {
        decodeUtf8(new Uint8Array(bytes), 'The metadata file x.json');
      } catch (e) {
        error = e;
      }
      expect(hasErrorCode(error, 'INPUT_UNREADABLE')).toBe(true);
      expect((error as { details: { offset: number } }).details.offset).toBe(offset);
    }
  });

  it('decodes well-formed text and drops a byte-order mark', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0xe2, 0x82, 0xac]), 'x')).toBe('€');
  });
});

describe('escapeForDisplay', () => {
  it('shows bidi overrides, isolates and marks escaped', () => {
    expect(escapeForDisplay('Bank\u202Eevil\u202C')).toBe('Bank\\u202Eevil\\u202C');
    for (const c of ['\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(escapeForDisplay(`a${c}b`)).toBe(`a\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}b`);
    }
  });

  it('shows controls, zero-width, tag and filler characters escaped', () => {
    expect(escapeForDisplay('a\u001b[31mb\r\u0085')).toBe('a\\u001B[31mb\\u000D\\u0085');
    expect(escapeForDisplay('pay\u200Bpal\uFEFF\u2060')).toBe('pay\\u200Bpal\\uFEFF\\u2060');
    expect(escapeForDisplay('x\u{E0041}\u3164')).toBe('x\\u{E0041}\\u3164');
    expect(escapeForDisplay('line\nnext\t', { keep: '\n\t' })).toBe('line\nnext\t');
  });

  it('changes nothing else, and its output has nothing left to escape', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const out = escapeForDisplay(text);
        expect(hasUnsafeDisplayChars(out)).toBe(false);
        if (!hasUnsafeDisplayChars(text)) expect(out).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('escapes JSON losslessly', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
        const doc = { value, text };
        const json = escapeJsonForDisplay(JSON.stringify(doc));
        expect(hasUnsafeDisplayChars(json)).toBe(false);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(doc)));
      }),
      { numRuns: 1000 },
    );
  });
});
