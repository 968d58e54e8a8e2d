/**
 * The parts of the jwks_uri check report's vocabulary that need no schema library: the areas,
 * their titles, the verdict and how it is reached. Kept apart from the zod schemas
 * (`./jwks-check`) so the command-line check starts without loading zod.
 */

/** The areas checks are grouped by, in report order. */
export const CHECK_AREAS = ['url', 'dns', 'tls', 'http', 'headers', 'limits', 'body', 'keys', 'strength', 'match', 'consistency'] as const;
/** One area of checks. */
export type CheckArea = (typeof CHECK_AREAS)[number];

/** Human names of the areas, for reports and the UI. */
export const AREA_TITLES: Readonly<Record<CheckArea, string>> = {
  url: 'URL',
  dns: 'DNS and reachability',
  tls: 'TLS',
  http: 'HTTP',
  headers: 'Response headers',
  limits: 'Size and time limits',
  body: 'JWK Set structure',
  keys: 'Keys',
  strength: 'Key strength and algorithm',
  match: 'Local key',
  consistency: 'Consistency',
};

/** The verdict of a check run or of one area. */
export type Verdict = 'pass' | 'warn' | 'fail';

/** Verdict of a list of checks: fail if any fails, warn if any warns, else pass (skips are neutral). */
export function verdictOf(checks: readonly { status: 'pass' | 'warn' | 'fail' | 'skip' }[]): Verdict {
  if (checks.some((c) => c.status === 'fail')) return 'fail';
  if (checks.some((c) => c.status === 'warn')) return 'warn';
  return 'pass';
}
