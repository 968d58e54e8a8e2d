/**
 * Markdown reports (written for files and the app) turned into plain terminal text: no
 * backslash escapes (`jwks\_uri` → `jwks_uri`), no `#` heading marks, no `**`, code spans
 * unwrapped, links as `title <url>`. Escaped characters stay literal, so a `\*` in a client name
 * prints as `*` and never starts emphasis.
 */
const PUNCT = /[!-/:-@[-`{-~]/;

/** One line's inline Markdown as plain text. */
function inline(line: string): string {
  let out = '';
  for (let i = 0; i < line.length; ) {
    const c = line[i]!;
    const next = line[i + 1];
    if (c === '\\' && next !== undefined && PUNCT.test(next)) {
      out += next;
      i += 2;
    } else if (c === '`' && line.indexOf('`', i + 1) > i) {
      const end = line.indexOf('`', i + 1);
      out += line.slice(i + 1, end);
      i = end + 1;
    } else if (c === '*' && next === '*') {
      i += 2;
    } else if (c === ']' && next === '(' && line.lastIndexOf('[', i) >= 0) {
      // The end of a link's text: its target follows, as <url> or url.
      let j = i + 2;
      let url: string;
      if (line[j] === '<' && line.indexOf('>', j) > j) {
        const end = line.indexOf('>', j);
        url = line.slice(j + 1, end);
        j = line[end + 1] === ')' ? end + 2 : end + 1;
      } else {
        const end = line.indexOf(')', j);
        url = line.slice(j, end < 0 ? undefined : end);
        j = end < 0 ? line.length : end + 1;
      }
      out += ` <${url}>`;
      i = j;
    } else if (c === '[' && line.indexOf('](', i) > i) {
      i += 1; // a link's text opens here; its target is printed after it
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

/** `markdown` as plain text for a terminal. */
export function markdownToPlain(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => {
      const heading = /^(#{1,6})\s+(.*)$/.exec(line);
      if (!heading) return inline(line);
      const text = inline(heading[2]!);
      return heading[1]!.length === 1 ? `${text}\n${'='.repeat(Math.min(text.length, 80))}` : text;
    })
    .join('\n');
}
