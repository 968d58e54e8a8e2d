/**
 * Comparing two reports of the same URL (before/after a fix, developer's vs support's),
 * check by check: checks are keyed by their stable id.
 */
import type { CheckStatus, JwksCheckReport, Verdict } from '../../contract/schemas/jwks-check';

/** What changed between two reports. */
export interface ReportDiff {
  verdictChanged: boolean;
  verdict: { before: Verdict; after: Verdict };
  /** Checks whose status changed, in the newer report's order. */
  changed: { id: string; before: CheckStatus; after: CheckStatus; message: string }[];
  /** Checks only in `b`. */
  added: { id: string; status: CheckStatus }[];
  /** Checks only in `a`. */
  removed: { id: string; status: CheckStatus }[];
}

/** Compares report `a` (older) with report `b` (newer). */
export function compareReports(a: JwksCheckReport, b: JwksCheckReport): ReportDiff {
  const before = new Map(a.checks.map((c) => [c.id, c]));
  const after = new Map(b.checks.map((c) => [c.id, c]));
  const changed: ReportDiff['changed'] = [];
  const added: ReportDiff['added'] = [];
  for (const check of b.checks) {
    const old = before.get(check.id);
    if (!old) added.push({ id: check.id, status: check.status });
    else if (old.status !== check.status) changed.push({ id: check.id, before: old.status, after: check.status, message: check.message });
  }
  const removed = a.checks.filter((c) => !after.has(c.id)).map((c) => ({ id: c.id, status: c.status }));
  return { verdictChanged: a.verdict !== b.verdict, verdict: { before: a.verdict, after: b.verdict }, changed, added, removed };
}
