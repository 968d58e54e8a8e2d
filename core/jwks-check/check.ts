/**
 * Building checks from the catalogue, and making evidence safe to show and save:
 * private key members are replaced by `[redacted]`, long strings are shortened, and
 * every object is built with own data properties only (a hostile `__proto__` member
 * stays a plain member, it never reaches a prototype).
 */
import { checkDefinition } from './catalogue';
import type { Check, CheckStatus } from '../../contract/schemas/jwks-check';
import { escapeForDisplay } from '../../contract/text/display';

/** JWK members that hold private or symmetric key material (RFC 7518 §6.3.2, §6.4). */
export const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

const PRIVATE_SET = new Set<string>(PRIVATE_MEMBERS);

/** The placeholder that replaces a private member's value in evidence. */
export const REDACTED = '[redacted]';

const MAX_STRING = 120;
const MAX_ITEMS = 20;
const MAX_DEPTH = 4;

/** Shortens a string for evidence, keeping its length visible. */
export function shorten(text: string, max = MAX_STRING): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

/**
 * A JSON-safe, size-bounded copy of an untrusted value for evidence. Members named like
 * private JWK parameters are replaced by {@link REDACTED} at every depth.
 */
export function safeEvidenceValue(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') return shorten(value);
  if (typeof value !== 'object') return `[${typeof value}]`;
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[array]' : '[object]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item: unknown) => safeEvidenceValue(item, depth + 1));
    if (value.length > MAX_ITEMS) items.push(`… ${value.length - MAX_ITEMS} more`);
    return items;
  }
  const entries = Object.keys(value)
    .slice(0, MAX_ITEMS)
    .map((name): [string, unknown] => [
      name,
      PRIVATE_SET.has(name) ? REDACTED : safeEvidenceValue((value as Record<string, unknown>)[name], depth + 1),
    ]);
  // fromEntries defines own properties, so a "__proto__" member cannot change the prototype.
  return Object.fromEntries(entries);
}

/** The redacted copy of a (possibly hostile) JWK to show as the offending key. */
export function redactJwk(jwk: unknown): unknown {
  return safeEvidenceValue(jwk);
}

/** Fields a check may override beyond status and message. */
export interface CheckExtras {
  evidence?: Record<string, unknown>;
  /** A more specific hint than the catalogue's. */
  hint?: string;
}

/** A check of catalogue entry `id`; its message and hint echo server text, so they are escaped for display. */
export function makeCheck(id: string, status: CheckStatus, message: string, extras: CheckExtras = {}): Check {
  const def = checkDefinition(id);
  const check: Check = { id, area: def.area, title: def.title, status, message: escapeForDisplay(message), hint: escapeForDisplay(extras.hint ?? def.hint), source: { title: def.source.title, url: def.source.url } };
  if (extras.evidence !== undefined) check.evidence = extras.evidence;
  return check;
}

/** A `skip` check with the reason as message. */
export function skipCheck(id: string, reason: string): Check {
  return makeCheck(id, 'skip', reason);
}

/** True when `value` is a non-null, non-array object. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own-property read that ignores inherited members (`toString`, `__proto__` getters…). */
export function own(obj: Record<string, unknown>, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, name) ? obj[name] : undefined;
}

/** True when `obj` has an own member `name`. */
export function has(obj: Record<string, unknown>, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, name);
}
