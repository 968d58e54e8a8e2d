/**
 * Escaping for text we put into saved HTML files (reports, package summaries): every piece of
 * user- or server-supplied text goes through here, so none of it can become markup.
 */

/** Escapes text for HTML element content and double-quoted attributes. */
export function htmlEscape(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An escaped href when `url` is http(s); anything else must be shown as text, so `undefined`. */
export function safeHref(url: string): string | undefined {
  return /^https?:\/\//i.test(url) ? htmlEscape(url) : undefined;
}
