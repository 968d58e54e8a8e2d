/**
 * Making echoed text safe to show. User- and server-supplied text (a client_name, a URL, a
 * server's error page, a file name) can carry characters that change how the text *around* it
 * looks: C0/C1 controls (terminal escape sequences, carriage returns that overwrite a line),
 * bidirectional overrides and isolates that reorder what follows (a "Trojan Source" name reads
 * differently from what it is), and invisible format characters (zero-width spaces and joiners,
 * tag characters) that hide a difference between two values that look alike.
 *
 * One helper, used by the rule engine (finding messages), the CLI (every line it prints) and the
 * renderer (names it shows): each such character becomes a visible `\u{…}`-style escape, and
 * nothing else changes. Pure TypeScript, so every process can import it.
 */

/**
 * The characters {@link escapeForDisplay} makes visible: controls (Cc), format characters (Cf:
 * bidi marks, embeddings, overrides and isolates U+061C, U+200E–U+200F, U+202A–U+202E,
 * U+2066–U+2069, zero-width U+200B–U+200D, U+2060–U+2064, U+FEFF, tags U+E0000–U+E007F…), line
 * and paragraph separators, lone surrogates, and blank characters that render as nothing (Hangul
 * fillers, U+034F, U+115F–U+1160, U+3164, U+FFA0, U+180B–U+180F, U+FFF9–U+FFFB).
 */
const UNSAFE = /\u034f|[\u180b-\u180f]|[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115f\u1160\u3164\uffa0\ufff9-\ufffb]/gu;

/** Options of {@link escapeForDisplay}. */
export interface EscapeOptions {
  /** Characters left as they are, e.g. `'\n'` for multi-line output. Default: none. */
  keep?: string;
}

/** `\u202E`, or `\u{E0041}` beyond the Basic Multilingual Plane. */
function escapeChar(char: string): string {
  const code = char.codePointAt(0)!;
  const hex = code.toString(16).toUpperCase();
  return code > 0xffff ? `\\u{${hex}}` : `\\u${hex.padStart(4, '0')}`;
}

/** True when `text` holds a character that {@link escapeForDisplay} would escape. */
export function hasUnsafeDisplayChars(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text);
}

/**
 * `text` with every control, bidi, invisible-format and separator character replaced by a
 * visible escape (`\u202E`), so it shows as what it is and cannot restyle what surrounds it.
 */
export function escapeForDisplay(text: string, options: EscapeOptions = {}): string {
  const keep = options.keep ?? '';
  return text.replace(UNSAFE, (char) => (keep.includes(char) ? char : escapeChar(char)));
}

/** JSON's own whitespace: never inside a string as written by `JSON.stringify`, so left alone. */
const JSON_WHITESPACE = '\t\n\r';

/**
 * JSON text (as `JSON.stringify` writes it) with the same characters as `\uXXXX` escapes. The
 * document parses to exactly the same value — such characters can only occur inside strings,
 * where the escape means the same character — but a terminal or a log viewer shows it safely.
 * Tabs and line breaks are left: `JSON.stringify` escapes them inside strings, so raw ones are
 * the document's own layout.
 */
export function escapeJsonForDisplay(json: string): string {
  return json.replace(UNSAFE, (char) => {
    if (JSON_WHITESPACE.includes(char)) return char;
    let out = '';
    for (let i = 0; i < char.length; i += 1) out += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return out;
  });
}
