/** Operations of the jwks_uri tester (issue 5). */
import { z } from 'zod';
import { defineEvent, defineOperation } from '../ipc';
import { checkSchema, checkStatusSchema, endpointCheckReportSchema, jwksCheckReportSchema, verdictSchema } from '../schemas/jwks-check';

const id = z.string().min(1).max(200);
const reportId = z.string().min(1).max(100);

/** A past run kept with a registration. */
export const checkSummarySchema = z.object({
  reportId: z.string(),
  url: z.string(),
  verdict: verdictSchema,
  startedAt: z.string(),
  counts: z.object({ pass: z.number(), warn: z.number(), fail: z.number(), skip: z.number() }),
});

/** `checks:run` — checks stream in as `checks:progress` events, keyed by `runId`. */
export const runCheck = defineOperation({
  channel: 'checks:run',
  summary: 'Check a jwks_uri the way the provider will (standalone or for a registration).',
  request: z
    .object({
      /** Chosen by the window so it can match the streamed checks to this run. */
      runId: z.string().min(1).max(100),
      url: z.string().max(2048).optional(),
      registrationId: id.optional(),
      /** A JWK, JWK Set or PEM public key that must be published. */
      expectText: z.string().max(200_000).optional(),
      /** Extra trusted CA certificates (PEM). */
      caPem: z.string().max(500_000).optional(),
      /** The user ticked "Allow private network addresses": redirects from public hosts into private space are followed. Link-local stays refused. */
      allowPrivateNetwork: z.boolean().optional(),
      timeoutMs: z.number().int().min(500).max(120_000).optional(),
    })
    .strict(),
  response: z.object({ report: jwksCheckReportSchema, summary: checkSummarySchema.optional(), markdown: z.string() }),
});

/** `checks:endpoint` — DNS, public reachability and TLS of an endpoint the provider calls (back-channel logout). */
export const checkEndpoint = defineOperation({
  channel: 'checks:endpoint',
  summary: 'Check an endpoint the provider calls (e.g. the back-channel logout URI): DNS, public reachability, TLS.',
  request: z
    .object({
      url: z.string().min(1).max(2048),
      /** What it is, for the messages. */
      purpose: z.string().min(1).max(100).optional(),
      // No extra CA here: the provider calls the endpoint trusting public roots only (the CLI's --ca is for local servers).
    })
    .strict(),
  response: z.object({ report: endpointCheckReportSchema }),
});

/** `checks:history`. */
export const checkHistory = defineOperation({
  channel: 'checks:history',
  summary: 'Past jwks_uri checks of a registration.',
  request: z.object({ id }).strict(),
  response: z.array(checkSummarySchema),
});

/** `checks:report` — a kept report with its Markdown. */
export const checkReport = defineOperation({
  channel: 'checks:report',
  summary: 'One kept jwks_uri check report.',
  request: z.object({ id, reportId }).strict(),
  response: z.object({ report: jwksCheckReportSchema, markdown: z.string() }),
});

/** `checks:compare` — two runs side by side. */
export const compareChecks = defineOperation({
  channel: 'checks:compare',
  summary: 'What changed between two jwks_uri checks.',
  request: z.object({ id, before: reportId, after: reportId }).strict(),
  response: z.object({
    markdown: z.string(),
    verdictChanged: z.boolean(),
    verdict: z.object({ before: verdictSchema, after: verdictSchema }),
    changed: z.array(z.object({ id: z.string(), before: checkStatusSchema, after: checkStatusSchema, message: z.string() })),
    added: z.array(z.object({ id: z.string(), status: checkStatusSchema })),
    removed: z.array(z.object({ id: z.string(), status: checkStatusSchema })),
  }),
});

/** `checks:save-report` — saves a report as HTML, Markdown or JSON. */
export const saveCheckReport = defineOperation({
  channel: 'checks:save-report',
  summary: 'Save a report as HTML, Markdown or JSON.',
  request: z.object({ report: jwksCheckReportSchema, format: z.enum(['html', 'markdown', 'json']) }).strict(),
  response: z.object({ saved: z.boolean(), path: z.string().optional() }),
});

/** `checks:progress` — one finished check of a running check. */
export const checkProgress = defineEvent({
  channel: 'checks:progress',
  summary: 'A check finished during a jwks_uri check.',
  payload: z.object({ runId: z.string(), check: checkSchema }),
});
