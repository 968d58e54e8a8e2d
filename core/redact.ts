/**
 * Redaction for anything that leaves the process as text: logs, diagnostics bundles, error details.
 * Defence in depth — callers should not hand secrets to logs in the first place.
 */

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----[\s\S]*?-----END \1-----/g;

/** Private JWK members (RFC 7518 §6.3.2, §6.4) and secret-looking fields. */
const SECRET_NAMES = 'd|p|q|dp|dq|qi|k|oth|client_secret|secret|passphrase|password';
/**
 * A quote as it appears after any number of rounds of string escaping: `"`, `\"` (JSON inside a
 * JSON string, as in a log line that carries a serialised object), `\\\"`, … and the same with `'`.
 */
const QUOTE = String.raw`\\*["']`;
/** The value after `name:` / `name=` / `name =>`: quoted at any depth, an array, or a bare token. */
const VALUE = [
  String.raw`"(?:[^"\\]|\\[\s\S])*"`, // JSON string, escapes and all
  String.raw`'(?:[^'\\]|\\[\s\S])*'`, // single-quoted (JavaScript, Python reprs)
  String.raw`(?<vq>\\+["'])(?:[^"'\\]|\\+[^"'\\\s])*?\k<vq>`, // a string inside a string, quotes escaped
  String.raw`\[[^\]]*\]`, // "oth": [ … ]
  String.raw`[^\s,;&}\]"'\\]+`, // d=abc, password: hunter2, "k": 5
].join('|');
const SEPARATOR = String.raw`\s*(?::|=>?)\s*`;
/**
 * `"d":"…"`, `\"d\":\"…\"`, `'d': '…'`, `d=…`, `d: …` — a secret member however it is quoted or
 * escaped. An unquoted name must stand alone (`id=` and `kid:` are not `d`).
 */
const SECRET_MEMBER = new RegExp(
  String.raw`(?:(?<kq>${QUOTE})(?<qname>${SECRET_NAMES})\k<kq>|(?<![\w$.\\-])(?<bname>${SECRET_NAMES}))(?<sep>${SEPARATOR})(?<value>${VALUE})`,
  'g',
);

/** The quote a value is written with, when it is a quoted string: `"`, `'`, `\"`, … */
function quoteOf(value: string): string | undefined {
  const match = /^\\*["']/.exec(value);
  return match && value.length > match[0].length ? match[0] : undefined;
}

function redactMember(...args: unknown[]): string {
  const groups = args.at(-1) as { kq?: string; qname?: string; bname?: string; sep: string; value: string };
  // Keep the value quoted the way it was (or as its name was), so JSON stays JSON at every depth.
  const quote = quoteOf(groups.value) ?? groups.kq ?? '';
  const name = groups.qname === undefined ? groups.bname! : `${groups.kq!}${groups.qname}${groups.kq!}`;
  return `${name}${groups.sep}${quote}[REDACTED]${quote}`;
}

/**
 * Replaces private keys and secret-looking values in `text` with `[REDACTED]`: PEM private keys,
 * private JWK members and secret fields however they are quoted or escaped (JSON, JSON inside a
 * JSON-quoted log line, single quotes, `name=value`), and every string in `knownSecrets`.
 */
export function redactText(text: string, knownSecrets: readonly string[] = []): string {
  let out = text.replace(PEM_BLOCK, '[REDACTED $1]').replace(SECRET_MEMBER, redactMember);
  for (const secret of knownSecrets) {
    if (secret.length >= 4) out = out.split(secret).join('[REDACTED]');
  }
  return out;
}

/** Deep-redacts a JSON-like value (by serialising through {@link redactText}). */
export function redactValue<T>(value: T, knownSecrets: readonly string[] = []): T {
  const text = JSON.stringify(value);
  if (text === undefined) return value;
  return JSON.parse(redactText(text, knownSecrets)) as T;
}

/**
 * The forms a secret takes when it leaks into text: as it is, URL-encoded and form-encoded, each
 * of those JSON-escaped once or twice (log lines are JSON, and may quote JSON). Longest first, so
 * a mask never covers a form half-way. What the diagnostics bundle masks and the package scan
 * refuses.
 */
export function secretForms(secret: string): string[] {
  const escape = (text: string) => JSON.stringify(text).slice(1, -1);
  const forms = new Set<string>();
  for (const base of [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)]) {
    forms.add(base).add(escape(base)).add(escape(escape(base)));
  }
  return [...forms].sort((a, b) => b.length - a.length);
}
