/** Two environments of one application compared value by value (`oidc-onboard compare`, the Compare view). */
import { z } from 'zod';

const side = z.object({
  id: z.string(),
  provider: z.string(),
  providerName: z.string(),
  environment: z.string(),
  environmentName: z.string(),
  /** True for a production environment (stricter rules apply to its values). */
  live: z.boolean(),
});

/** One compared value. `a` / `b` are absent when that registration has no such value. */
export const compareRowSchema = z.object({
  member: z.string(),
  a: z.unknown().optional(),
  b: z.unknown().optional(),
  same: z.boolean(),
  /** What NHS or good practice expects: keys must differ; some choices should match ("production replicates INT"). */
  expectation: z.enum(['must-differ', 'should-match', 'may-differ']),
});

/** A finding about the pair. */
export const compareFindingSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  member: z.string().optional(),
  source: z.object({ title: z.string(), url: z.string() }).optional(),
});

/** The comparison. `verdict` is `fail` when any finding is an error. */
export const compareReportSchema = z.object({
  a: side,
  b: side,
  rows: z.array(compareRowSchema),
  findings: z.array(compareFindingSchema),
  verdict: z.enum(['pass', 'warn', 'fail']),
});

/** One compared value. */
export type CompareRow = z.infer<typeof compareRowSchema>;
/** A finding about the pair. */
export type CompareFinding = z.infer<typeof compareFindingSchema>;
/** The comparison of two registrations. */
export type CompareReport = z.infer<typeof compareReportSchema>;
