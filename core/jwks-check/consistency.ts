/**
 * consistency.replicas: do concurrent fetches of the URL return the same key set?
 * Replicas behind a load balancer or CDN that disagree make verification fail at random.
 * Sets are compared as canonical JSON (sorted members, keys sorted), so member order
 * and key order do not count as differences.
 */
import { createHash } from 'node:crypto';
import { makeCheck, skipCheck } from './check';
import type { Check } from '../../contract/schemas/jwks-check';

/** JSON with object members sorted, recursively. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const names = Object.keys(value).sort();
    return `{${names.map((n) => `${JSON.stringify(n)}:${canonicalJson((value as Record<string, unknown>)[n])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A short fingerprint of a JSON body's key set (order-insensitive), or why it has none. */
export function keySetFingerprint(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `not-json:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
  }
  const keys = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as { keys?: unknown }).keys : undefined;
  let canonical: string;
  try {
    canonical = Array.isArray(keys) ? `[${keys.map(canonicalJson).sort().join(',')}]` : canonicalJson(parsed);
  } catch {
    // Hostile nesting deeper than the stack: compare the raw text instead.
    canonical = `raw:${text}`;
  }
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** What one replica fetch produced. */
export type ReplicaOutcome = { ok: true; status: number; fingerprint: string; address: string } | { ok: false; error: string };

/** The check comparing the main fetch's key set with the replicas'. */
export function replicasCheck(main: { fingerprint: string; status: number }, replicas: readonly ReplicaOutcome[]): Check {
  const id = 'consistency.replicas';
  if (replicas.length === 0) return skipCheck(id, 'No extra fetches were requested.');
  const evidence = {
    main: main.fingerprint,
    replicas: replicas.map((r) => (r.ok ? { status: r.status, fingerprint: r.fingerprint, address: r.address } : { error: r.error })),
  };
  const failed = replicas.filter((r) => !r.ok);
  const differ = replicas.filter((r) => r.ok && (r.fingerprint !== main.fingerprint || r.status !== main.status));
  if (differ.length > 0) {
    return makeCheck(id, 'warn', `${differ.length} of ${replicas.length} concurrent fetches returned a different key set: replicas disagree.`, { evidence });
  }
  if (failed.length > 0) {
    return makeCheck(id, 'warn', `${failed.length} of ${replicas.length} concurrent fetches failed while the main one succeeded.`, { evidence });
  }
  return makeCheck(id, 'pass', `${replicas.length} concurrent fetch${replicas.length === 1 ? '' : 'es'} returned the same key set.`, { evidence });
}
