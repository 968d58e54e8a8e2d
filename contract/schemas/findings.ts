/** A finding of the rule engine, and a validation report. Shared by the UI, the CLI and packaging. */
import { z } from 'zod';

/** Where a rule comes from: an RFC section or a provider page. */
export const ruleSourceSchema = z.object({ title: z.string(), url: z.string() });

/** One finding about a registration value. */
export const findingSchema = z.object({
  /** Stable code, e.g. `redirect_uri.fragment`. */
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  /** Path of the value, e.g. `redirect_uris[1]`. */
  path: z.string(),
  message: z.string(),
  hint: z.string(),
  source: ruleSourceSchema,
});

/** The result of validating registration values. */
export const validationReportSchema = z.object({
  valid: z.boolean(),
  findings: z.array(findingSchema),
});

/** See {@link findingSchema}. */
export type Finding = z.infer<typeof findingSchema>;
/** See {@link validationReportSchema}. */
export type ValidationReport = z.infer<typeof validationReportSchema>;
