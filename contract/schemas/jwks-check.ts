/**
 * The JSON schema (zod) of a jwks_uri check report, version 1, so saved reports can be
 * re-read and validated (support staff open reports that developers send them).
 *
 * Lives in contract/ because reports cross IPC and are read back from files.
 * Documented in `docs/jwks-report-schema.md`. Additive changes (new check ids, new
 * evidence fields, new timing fields) keep `schemaVersion: 1`; anything else bumps it.
 */
import { z } from 'zod';

import { CHECK_AREAS } from './jwks-check-areas';

export { AREA_TITLES, CHECK_AREAS, verdictOf, type CheckArea, type Verdict } from './jwks-check-areas';

/** The outcome of one check. `skip` means it could not run (with the reason as message). */
export const checkStatusSchema = z.enum(['pass', 'warn', 'fail', 'skip']);
/** See {@link checkStatusSchema}. */
export type CheckStatus = z.infer<typeof checkStatusSchema>;

/** The overall outcome. */
export const verdictSchema = z.enum(['pass', 'warn', 'fail']);

/** One check as reported. */
export const checkSchema = z.object({
  /** Stable dotted id from the catalogue, e.g. `tls.chain`. */
  id: z.string().min(1),
  area: z.enum(CHECK_AREAS),
  /** Catalogue title. */
  title: z.string(),
  status: checkStatusSchema,
  /** What was found, for people. */
  message: z.string(),
  /** How to fix it. */
  hint: z.string(),
  source: z.object({ title: z.string(), url: z.string() }),
  /** Plain-JSON facts behind the status; private key members are always `[redacted]`. */
  evidence: z.record(z.string(), z.unknown()).optional(),
});
/** See {@link checkSchema}. */
export type Check = z.infer<typeof checkSchema>;

/** Trust store that judged the TLS chain. */
export const trustStoreSchema = z.object({
  sources: z.array(z.string()),
  description: z.string(),
});

/** Durations (ms). `totalMs` and `fetchMs` always; the rest when measured. */
export const timingsSchema = z
  .object({
    totalMs: z.number().nonnegative(),
    fetchMs: z.number().nonnegative(),
    dnsMs: z.number().nonnegative().optional(),
    connectMs: z.number().nonnegative().optional(),
    tlsMs: z.number().nonnegative().optional(),
    ttfbMs: z.number().nonnegative().optional(),
    validateMs: z.number().nonnegative().optional(),
    matchMs: z.number().nonnegative().optional(),
    replicasMs: z.number().nonnegative().optional(),
  })
  .catchall(z.number());

/** The report: schema id and version, target, verdict and checks in catalogue order. */
export const jwksCheckReportSchema = z.object({
  schema: z.literal('oidc-onboard/jwks-check'),
  schemaVersion: z.literal(1),
  url: z.string(),
  verdict: verdictSchema,
  /** ISO 8601. */
  startedAt: z.string(),
  /** ISO 8601. */
  finishedAt: z.string(),
  checks: z.array(checkSchema),
  timings: timingsSchema,
  trustStore: trustStoreSchema,
  toolVersion: z.string().optional(),
});
/** See {@link jwksCheckReportSchema}. */
export type JwksCheckReport = z.infer<typeof jwksCheckReportSchema>;

/**
 * An endpoint check (e.g. CIS2's back-channel logout URI): the URL, DNS, reachability and TLS
 * checks of the jwks_uri tester, with the same check ids, for an endpoint the provider calls.
 */
export const endpointCheckReportSchema = z.object({
  schema: z.literal('oidc-onboard/endpoint-check'),
  schemaVersion: z.literal(1),
  url: z.string(),
  /** What the endpoint is, e.g. "back-channel logout URI". */
  purpose: z.string(),
  verdict: verdictSchema,
  startedAt: z.string(),
  finishedAt: z.string(),
  checks: z.array(checkSchema),
  trustStore: trustStoreSchema,
  toolVersion: z.string().optional(),
});
/** See {@link endpointCheckReportSchema}. */
export type EndpointCheckReport = z.infer<typeof endpointCheckReportSchema>;

