/**
 * Which finding belongs beside which field. Findings carry a path such as `redirect_uris[1]`; a
 * field shows the findings whose path is its own or lies inside it. Which step owns which member
 * is declared in `wizard-steps.ts`.
 */
import type { Finding } from '../../contract/schemas/findings';

/** True when `path` is `field` or inside it (`field[2]`, `field.x`), but not `field_other`. */
export function isAtOrInside(path: string, field: string): boolean {
  return path === field || path.startsWith(`${field}[`) || path.startsWith(`${field}.`);
}

/** The findings exactly at `path` or inside it. */
export function findingsAt(findings: readonly Finding[], path: string): Finding[] {
  return findings.filter((finding) => isAtOrInside(finding.path, path));
}

/** The findings exactly at `path` (not inside it): e.g. "at least one redirect URI". */
export function findingsExactly(findings: readonly Finding[], path: string): Finding[] {
  return findings.filter((finding) => finding.path === path);
}
