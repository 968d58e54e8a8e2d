/**
 * The report of a registration package verification — one shape for `verify-package` (human and
 * `--json`), the `package:verify` IPC operation and the app's "Open a package" screen, so the
 * three always show the same things: what the package asks for, each finding under today's rules,
 * and two separate verdicts (the file itself; the live state of its jwks_uri now).
 */
import { z } from 'zod';
import { findingSchema } from './findings';
import { verdictSchema } from './jwks-check';

/** Status of one verification step. */
export const verifyStepStatusSchema = z.enum(['pass', 'warn', 'fail', 'skip']);

/** One step of a verification, in the order run. */
export const verifyStepSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: verifyStepStatusSchema,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** What the package asks the provider to register, as written in its `registration.json`. */
export const requestedValuesSchema = z.object({
  provider: z.object({ id: z.string(), name: z.string() }),
  environment: z.object({ id: z.string(), label: z.string() }),
  /** The client metadata (RFC 7591 names: client_name, redirect_uris, jwks_uri, token_endpoint_auth_method, …). */
  values: z.record(z.string(), z.unknown()),
});

/**
 * "Intact and signed by the enclosed key": the archive, the manifest, every checksum, the JWS with
 * the enclosed key and the signed claims. `fail` names the failed steps in `message`.
 */
export const intactVerdictSchema = z.object({
  status: z.enum(['pass', 'fail']),
  message: z.string(),
  /** Ids of the failed steps. */
  failed: z.array(z.string()),
});

/**
 * "Live state now": the jwks_uri reachable, the signing key still published there, and the
 * jwks_uri check verdict at packaging → now. `not-checked` offline, without a jwks_uri (PEM
 * providers) or when the package is not intact; then the exit code follows the intact verdict alone.
 */
export const liveVerdictSchema = z.object({
  status: z.enum(['pass', 'warn', 'fail', 'not-checked']),
  message: z.string(),
  jwksUri: z.string().optional(),
  /** Whether the jwks_uri answered HTTP 200 with a JWK Set (absent when not contacted). */
  reachable: z.boolean().optional(),
  /** Whether request.jwt verifies against the key set published now (absent when not known). */
  keyPublished: z.boolean().optional(),
  /** The packaged jwks_uri check's verdict (absent when the package holds none). */
  checkThen: verdictSchema.optional(),
  /** The verdict of the check run now (absent when not run). */
  checkNow: verdictSchema.optional(),
});

/** The whole verification report (without the Markdown rendering). */
export const packageVerificationSchema = z.object({
  /** Overall: `valid` when the package is intact and its live state does not fail (exit 0). */
  verdict: z.enum(['valid', 'invalid']),
  /** One sentence saying which part failed, e.g. "The package itself is intact; its live state fails: …". */
  headline: z.string(),
  intact: intactVerdictSchema,
  live: liveVerdictSchema,
  /** SHA-256 (hex) of the file as given: compare it with the one quoted by the sender. */
  sha256: z.string(),
  bytes: z.number(),
  verifiedAt: z.string(),
  offline: z.boolean(),
  /** What the package asks for (absent when registration.json is unreadable). */
  requested: requestedValuesSchema.optional(),
  /** Every finding of today's rules on the requested values (errors, warnings and notes). */
  findings: z.array(findingSchema),
  /** The provider's "what to send to whom" for the package's environment (today's profile). */
  sendTo: z.string().optional(),
  steps: z.array(verifyStepSchema),
  /** Messages of the steps that warn. */
  warnings: z.array(z.string()),
});

/** See {@link requestedValuesSchema}. */
export type RequestedValues = z.infer<typeof requestedValuesSchema>;
/** See {@link intactVerdictSchema}. */
export type IntactVerdict = z.infer<typeof intactVerdictSchema>;
/** See {@link liveVerdictSchema}. */
export type LiveVerdict = z.infer<typeof liveVerdictSchema>;
/** See {@link packageVerificationSchema}. */
export type PackageVerificationReport = z.infer<typeof packageVerificationSchema>;

/** The registration values support looks for first, in this order; any others follow in the package's order. */
export const REQUESTED_VALUE_ORDER = [
  'client_name',
  'redirect_uris',
  'jwks_uri',
  'jwks',
  'token_endpoint_auth_method',
  'token_endpoint_auth_signing_alg',
  'id_token_signed_response_alg',
  'userinfo_signed_response_alg',
  'backchannel_logout_uri',
  'post_logout_redirect_uris',
  'scope',
  'grant_types',
  'response_types',
  'application_type',
  'contacts',
] as const;

/** The requested values as `[name, value]` pairs in {@link REQUESTED_VALUE_ORDER}, then the rest. */
export function orderedRequestedValues(values: Record<string, unknown>): [string, unknown][] {
  const known: readonly string[] = REQUESTED_VALUE_ORDER;
  const first = REQUESTED_VALUE_ORDER.filter((name) => Object.hasOwn(values, name)).map((name): [string, unknown] => [name, values[name]]);
  const rest = Object.keys(values)
    .filter((name) => !known.includes(name))
    .map((name): [string, unknown] => [name, values[name]]);
  return [...first, ...rest];
}
