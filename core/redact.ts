/**
 * Redaction for anything that leaves the process as text: logs, diagnostics bundles, error details.
 * Defence in depth — callers should not hand secrets to logs in the first place.
 */

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----[\s\S]*?-----END \1-----/g;
// Private JWK members (RFC 7518 §6.3.2, §6.4) and secret-looking JSON fields.
const SECRET_JSON_MEMBER = /"(d|p|q|dp|dq|qi|k|oth|client_secret|secret|passphrase|password)"\s*:\s*("(?:[^"\\]|\\.)*"|\[[^\]]*\])/g;
const SECRET_FORM_FIELD = /\b(client_secret|password|passphrase)=([^&\s]+)/g;

/** Replaces private keys and secret-looking values in `text` with `[REDACTED]`. */
export function redactText(text: string, knownSecrets: readonly string[] = []): string {
  let out = text
    .replace(PEM_BLOCK, '[REDACTED $1]')
    .replace(SECRET_JSON_MEMBER, '"$1":"[REDACTED]"')
    .replace(SECRET_FORM_FIELD, '$1=[REDACTED]');
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
