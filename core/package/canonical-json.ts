/**
 * Deterministic JSON for the package: object members sorted by code unit order at every
 * depth, so the same value always gives the same bytes whatever order it was built in
 * (JavaScript objects put integer-like keys first, which `JSON.stringify` follows).
 */
import { AppError } from '../../contract/errors';

function write(value: unknown, indent: string, depth: number): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new AppError('INTERNAL', 'A package value is not a finite number.');
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new AppError('INTERNAL', `A package value is not JSON (${typeof value}).`);
  }
  const pad = indent === '' ? '' : `\n${indent.repeat(depth + 1)}`;
  const end = indent === '' ? '' : `\n${indent.repeat(depth)}`;
  const colon = indent === '' ? ':' : ': ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${value.map((item) => pad + write(item === undefined ? null : item, indent, depth + 1)).join(',')}${end}]`;
  }
  const members = Object.keys(value as Record<string, unknown>)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort();
  if (members.length === 0) return '{}';
  return `{${members.map((key) => `${pad}${JSON.stringify(key)}${colon}${write((value as Record<string, unknown>)[key], indent, depth + 1)}`).join(',')}${end}}`;
}

/** Canonical compact JSON (no whitespace, members sorted). Used for the signed claims. */
export function canonicalJson(value: unknown): string {
  return write(value, '', 0);
}

/** Canonical pretty JSON (two-space indent, members sorted, final newline). Used for the JSON files of a package. */
export function canonicalJsonPretty(value: unknown): string {
  return `${write(value, '  ', 0)}\n`;
}
