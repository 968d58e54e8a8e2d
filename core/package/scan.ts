/**
 * The last gate before a package is written: no private key material and no known secret
 * may be in any entry or in the archive. Each text is scanned as written and in the forms
 * a secret could hide in inside a package: HTML-entity-decoded (summary.html, the check
 * report), JSON-string-escaped, and the decoded segments of the compact JWS.
 */
import { AppError } from '../../contract/errors';
import type { ZipEntry } from './zip';
import { secretForms } from '../redact';

/** One hit of the scan (never the secret itself). */
export interface ScanHit {
  /** The entry (or `(archive)`) where it was found. */
  entry: string;
  kind: 'private-key-pem' | 'private-jwk-member' | 'known-secret';
  /** For `known-secret`: which one (e.g. "client secret", "API key"), when the caller named it. */
  label?: string;
}

/** A value that must never appear, optionally named for the refusal message (never the value). */
export type KnownSecret = string | { value: string; label: string };

const PEM_PRIVATE = /PRIVATE KEY/;
// A private JWK member (RFC 7518 §6.3.2, §6.4.1) with a real base64url value; a redaction
// marker such as "[redacted]" in a check report's evidence is not key material.
const PRIVATE_MEMBER = /"(d|p|q|dp|dq|qi|k)"\s*:\s*"[A-Za-z0-9_-]{16,}/;

function decodeHtmlEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function jwsSegments(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g)) {
    for (const part of match[0].split('.').slice(0, 2)) out.push(Buffer.from(part, 'base64url').toString('utf8'));
  }
  return out;
}

function views(text: string): string[] {
  const decoded = decodeHtmlEntities(text);
  return [text, decoded, ...jwsSegments(text)];
}

/** Scans every entry and the archive; returns the hits (empty when clean). */
export function scanForSecrets(entries: readonly ZipEntry[], archive: Uint8Array | undefined, knownSecrets: readonly KnownSecret[] = []): ScanHit[] {
  const secrets = knownSecrets.map((s) => (typeof s === 'string' ? { value: s, label: undefined } : s)).filter((s) => s.value.length >= 4);
  const hits: ScanHit[] = [];
  const targets = [...entries.map((e) => ({ name: e.name, data: e.data })), ...(archive ? [{ name: '(archive)', data: archive }] : [])];
  for (const target of targets) {
    const text = Buffer.from(target.data).toString('utf8');
    const latin = Buffer.from(target.data).toString('latin1');
    const all = [...views(text), latin];
    if (all.some((v) => PEM_PRIVATE.test(v))) hits.push({ entry: target.name, kind: 'private-key-pem' });
    if (all.some((v) => PRIVATE_MEMBER.test(v))) hits.push({ entry: target.name, kind: 'private-jwk-member' });
    const leaked = secrets.filter((secret) => secretForms(secret.value).some((form) => all.some((v) => v.includes(form))));
    for (const label of new Set(leaked.map((s) => s.label))) hits.push({ entry: target.name, kind: 'known-secret', ...(label !== undefined && { label }) });
  }
  return hits;
}

/**
 * Throws `PACKAGE_INVALID` (details.reason `secret-material`) when the scan finds anything.
 * The details name the entries and kinds, never the secret.
 */
export function assertNoSecrets(entries: readonly ZipEntry[], archive: Uint8Array | undefined, knownSecrets: readonly KnownSecret[] = []): void {
  const hits = scanForSecrets(entries, archive, knownSecrets);
  if (hits.length === 0) return;
  const where = [...new Set(hits.filter((h) => h.entry !== '(archive)').map((h) => h.entry))];
  throw new AppError(
    'PACKAGE_INVALID',
    `Refused to write the package: ${hits.some((h) => h.kind === 'known-secret') ? 'a stored client secret' : 'private key material'} would be included (in ${where.join(', ') || 'the archive'}). Remove it from the registration values and try again.`,
    { details: { reason: 'secret-material', hits } },
  );
}
