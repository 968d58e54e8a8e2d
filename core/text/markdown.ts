/**
 * Escaping for text we put into Markdown (reports, package summaries, support tickets), so
 * that user- or server-supplied text cannot inject Markdown structure (links, headings, HTML).
 */

/** Escapes text for inline Markdown: no line breaks, no markup characters, no raw HTML. */
export function mdEscape(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-=])/, '$1\\$2');
}

/** Inline code span: nothing inside is interpreted, so only backticks and line breaks need care. */
export function mdCode(text: string): string {
  return `\`${text.replace(/[\r\n\t]+/g, ' ').replace(/`/g, "'")}\``;
}
