/**
 * Reading and writing client metadata (RFC 7591 member names) held as an open record. Empty
 * values are removed rather than stored as "", so an untouched optional field raises no finding.
 */
import { escapeForDisplay } from '../../contract/text/display';

/** Client metadata as the contract carries it. */
export type Metadata = Record<string, unknown>;

/** The string member `key`, or "" when absent or not a string. */
export function textOf(metadata: Metadata, key: string): string {
  const value = metadata[key];
  return typeof value === 'string' ? value : '';
}

/** The string-array member `key` (non-strings shown as their JSON so nothing is hidden). */
export function listOf(metadata: Metadata, key: string): string[] {
  const value = metadata[key];
  if (!Array.isArray(value)) return typeof value === 'string' && value !== '' ? [value] : [];
  return value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}

/** The boolean member `key`. */
export function flagOf(metadata: Metadata, key: string): boolean {
  return metadata[key] === true;
}

/** A copy of `metadata` with `key` set, or removed when `value` is "" / undefined. */
export function withValue(metadata: Metadata, key: string, value: string | boolean | string[] | undefined): Metadata {
  const next = { ...metadata };
  if (value === undefined || value === '' || value === false) delete next[key];
  else next[key] = value;
  return next;
}

/** The draft's client_name. */
export function clientNameOf(metadata: Metadata): string {
  return textOf(metadata, 'client_name').trim();
}

/**
 * The draft's client_name as headings and lists show it: bidi overrides, controls and invisible
 * characters made visible (`\u202E`), so a name cannot pose as another; "" when there is none.
 */
export function clientNameForDisplay(metadata: Metadata): string {
  return escapeForDisplay(clientNameOf(metadata));
}
