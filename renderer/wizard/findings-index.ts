/**
 * Which finding belongs beside which field. Findings carry a path such as `redirect_uris[1]`;
 * each wizard step owns a set of top-level members, and a field shows the findings whose path
 * is its own or lies inside it.
 */
import type { Finding } from '../../contract/schemas/findings';
import type { WizardStep } from '../hooks/use-route';

/** The top-level members each step edits (Review owns whatever no other step does). */
export const STEP_MEMBERS: Record<Exclude<WizardStep, 'review' | 'submit'>, readonly string[]> = {
  basics: ['client_name', 'application_type', 'contacts', 'notes'],
  'redirect-uris': ['redirect_uris'],
  keys: ['token_endpoint_auth_method', 'token_endpoint_auth_signing_alg', 'jwks_uri', 'jwks'],
  // The check step edits no metadata; its results come from the jwks_uri tester.
  check: [],
  optional: ['logo_uri', 'policy_uri', 'tos_uri', 'userinfo_signed_response_alg', 'backchannel_logout_uri', 'backchannel_logout_session_required'],
};

/** The first member of a path: `redirect_uris[1]` → `redirect_uris`. */
export function rootOf(path: string): string {
  return path.split(/[.[]/, 1)[0] ?? '';
}

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

/** The step whose fields show `finding`; `review` for findings no step owns. */
export function stepOf(finding: Finding): WizardStep {
  const root = rootOf(finding.path);
  for (const [step, members] of Object.entries(STEP_MEMBERS) as [Exclude<WizardStep, 'review' | 'submit'>, readonly string[]][]) {
    if (members.includes(root)) return step;
  }
  return 'review';
}

/** Counts of errors and warnings per step, for the stepper. */
export function countsByStep(findings: readonly Finding[]): Record<WizardStep, { errors: number; warnings: number }> {
  const counts: Record<WizardStep, { errors: number; warnings: number }> = {
    basics: { errors: 0, warnings: 0 },
    'redirect-uris': { errors: 0, warnings: 0 },
    keys: { errors: 0, warnings: 0 },
    check: { errors: 0, warnings: 0 },
    optional: { errors: 0, warnings: 0 },
    review: { errors: 0, warnings: 0 },
    submit: { errors: 0, warnings: 0 },
  };
  for (const finding of findings) {
    const step = counts[stepOf(finding)];
    if (finding.severity === 'error') step.errors += 1;
    if (finding.severity === 'warning') step.warnings += 1;
  }
  return counts;
}
