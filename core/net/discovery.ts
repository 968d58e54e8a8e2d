/**
 * OpenID Connect Discovery 1.0: fetch a provider's
 * `/.well-known/openid-configuration` through the safe fetcher, validate it, and
 * check the issuer per §4.3 — reporting a mismatch as a warning, because NHS CIS2
 * publishes issuers with an explicit `:443` that the discovery URL lacks.
 */
import { z } from 'zod';
import { AppError } from '../../contract/errors';
import type { UrlSource } from './address-policy';
import { measureClockSkew, type ClockSkew } from './clock-skew';
import type { FetchHop, FetchResult, FetchTimings, RemoteInfo, Fetcher, TlsInfo } from './types';
import { parseTargetUrl } from './url-policy';

/** The path OIDC Discovery §4 appends to an issuer. */
export const WELL_KNOWN_PATH = '/.well-known/openid-configuration';

/** Default cap on a discovery document (real ones are a few KiB). */
export const DISCOVERY_MAX_BYTES = 512 * 1024;

function isUrl(value: string, httpsOnly: boolean): boolean {
  try {
    const url = new URL(value);
    return httpsOnly ? url.protocol === 'https:' : url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

const httpsUrl = z.string().refine((v) => isUrl(v, true), { message: 'must be an absolute https:// URL' });
const anyUrl = z.string().refine((v) => isUrl(v, false), { message: 'must be an absolute URL' });
const strings = z.array(z.string());

/**
 * Provider metadata we read (OIDC Discovery §3, RFC 8414). `issuer`, `token_endpoint`
 * and `jwks_uri` are required; `authorization_endpoint` is optional so
 * client-credentials-only servers pass. Unknown members are kept.
 */
export const providerMetadataSchema = z.looseObject({
  issuer: httpsUrl,
  token_endpoint: httpsUrl,
  jwks_uri: httpsUrl,
  authorization_endpoint: httpsUrl.optional(),
  userinfo_endpoint: anyUrl.optional(),
  end_session_endpoint: anyUrl.optional(),
  registration_endpoint: anyUrl.optional(),
  revocation_endpoint: anyUrl.optional(),
  introspection_endpoint: anyUrl.optional(),
  scopes_supported: strings.optional(),
  response_types_supported: strings.optional(),
  response_modes_supported: strings.optional(),
  grant_types_supported: strings.optional(),
  subject_types_supported: strings.optional(),
  acr_values_supported: strings.optional(),
  claims_supported: strings.optional(),
  code_challenge_methods_supported: strings.optional(),
  id_token_signing_alg_values_supported: strings.optional(),
  userinfo_signing_alg_values_supported: strings.optional(),
  request_object_signing_alg_values_supported: strings.optional(),
  token_endpoint_auth_methods_supported: strings.optional(),
  token_endpoint_auth_signing_alg_values_supported: strings.optional(),
  backchannel_logout_supported: z.boolean().optional(),
  backchannel_logout_session_supported: z.boolean().optional(),
});

/** Validated provider metadata. */
export type ProviderMetadata = z.infer<typeof providerMetadataSchema>;

/** How the published issuer compares with the one the discovery URL implies. */
export type IssuerMatch =
  /** Character for character (§4.3). */
  | 'exact'
  /** Same after URL normalisation: default port (`:443`), host case, a trailing `/`. */
  | 'equivalent'
  /** A different issuer: tokens will carry an `iss` the discovery URL does not predict. */
  | 'mismatch';

/** A non-fatal observation about the discovery document. */
export interface DiscoveryWarning {
  code: 'issuer-equivalent' | 'issuer-mismatch' | 'content-type' | 'clock-skew';
  message: string;
}

/** A fetched, validated discovery document with its evidence. */
export interface DiscoveryDocument {
  /** The well-known URL that was fetched. */
  discoveryUrl: string;
  metadata: ProviderMetadata;
  issuerCheck: { expected: string; actual: string; match: IssuerMatch };
  warnings: DiscoveryWarning[];
  /** This computer's clock against the provider's `Date` header (a `clock-skew` warning above 30 s). */
  clockSkew?: ClockSkew;
  /** How the document was obtained (serialisable). */
  fetched: {
    url: string;
    status: number;
    contentType: string | null;
    hops: FetchHop[];
    tls?: TlsInfo;
    remote: RemoteInfo;
    timings: FetchTimings;
  };
}

/** Options of {@link fetchDiscovery}. */
export interface DiscoveryOptions {
  timeoutMs?: number;
  maxBodyBytes?: number;
  signal?: AbortSignal;
  /** Follow redirects (each hop re-validated). Default false: a 3xx is reported as invalid. */
  followRedirects?: boolean;
  /** Passed to the URL policy; must match how the fetcher was created. */
  allowLoopbackHttp?: boolean;
  /** Where the discovery URL came from. Default `typed`: a discovery URL is the user's (or the built-in profile's) choice. */
  source?: UrlSource;
  /** Allow redirects from public addresses into private networks (`--allow-private-network`). */
  allowPrivateNetwork?: boolean;
}

function invalid(reason: string, message: string, details: Record<string, unknown> = {}, cause?: unknown): AppError {
  return new AppError('DISCOVERY_INVALID', message, { cause, details: { reason, ...details } });
}

/**
 * The well-known URL for `input` (either an issuer or the well-known URL itself) and
 * the issuer it implies (§4: a terminating `/` of the issuer is removed before appending).
 *
 * @throws AppError `NETWORK_URL_REFUSED` for URLs the policy refuses; `DISCOVERY_INVALID` for an issuer with a query.
 */
export function discoveryUrlFor(input: string, opts: { allowLoopbackHttp?: boolean } = {}): { discoveryUrl: string; expectedIssuer: string } {
  const url = parseTargetUrl(input, opts);
  if (url.pathname.endsWith(WELL_KNOWN_PATH)) {
    // The issuer is the typed prefix (keeping an explicit :443); fall back to the parsed URL when a query follows.
    const expectedIssuer = input.endsWith(WELL_KNOWN_PATH)
      ? input.slice(0, -WELL_KNOWN_PATH.length)
      : `${url.protocol}//${url.host}${url.pathname.slice(0, -WELL_KNOWN_PATH.length)}`;
    return { discoveryUrl: url.href, expectedIssuer };
  }
  if (url.search !== '') {
    throw invalid('issuer-has-query', 'An issuer URL cannot have a query string.', { input });
  }
  // Keep what was typed (e.g. an explicit :443) in the expected issuer; URL.href would drop it.
  const typed = input.replace(/\/+$/, '');
  const base = url.href.replace(/\/+$/, '');
  return { discoveryUrl: `${base}${WELL_KNOWN_PATH}`, expectedIssuer: typed };
}

/** Compares issuers: exact, equal after normalising default port / host case / trailing slash, or not. */
export function compareIssuers(expected: string, actual: string): IssuerMatch {
  if (expected === actual) return 'exact';
  const normal = (value: string): string | undefined => {
    try {
      const url = new URL(value);
      return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}${url.search}`;
    } catch {
      return undefined;
    }
  };
  const a = normal(expected);
  return a !== undefined && a === normal(actual) ? 'equivalent' : 'mismatch';
}

function evidence(result: FetchResult): DiscoveryDocument['fetched'] {
  return {
    url: result.url,
    status: result.status,
    contentType: result.headers['content-type'] ?? null,
    hops: result.hops,
    ...(result.tls ? { tls: result.tls } : {}),
    remote: result.remote,
    timings: result.timings,
  };
}

/**
 * Fetches and validates a discovery document.
 *
 * @param input an issuer (`https://host/realm`) or its well-known URL.
 * @throws AppError `DISCOVERY_INVALID` (details.reason: `status`, `not-json`, `not-object`, `schema`,
 *   `issuer-has-query`), `NETWORK_*` from the fetcher, `CANCELLED`.
 */
export async function fetchDiscovery(fetcher: Fetcher, input: string, opts: DiscoveryOptions = {}): Promise<DiscoveryDocument> {
  const { discoveryUrl, expectedIssuer } = discoveryUrlFor(input, { allowLoopbackHttp: opts.allowLoopbackHttp ?? false });
  const result = await fetcher.fetch(discoveryUrl, {
    accept: 'application/json',
    maxBodyBytes: opts.maxBodyBytes ?? DISCOVERY_MAX_BYTES,
    followRedirects: opts.followRedirects ?? false,
    source: opts.source ?? 'typed',
    sourceLabel: 'the discovery configuration',
    ...(opts.allowPrivateNetwork !== undefined ? { allowPrivateNetwork: opts.allowPrivateNetwork } : {}),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const fetched = evidence(result);
  if (result.status !== 200) {
    throw invalid('status', `The discovery URL answered HTTP ${result.status}, not 200.`, {
      status: result.status,
      url: result.url,
      ...(result.headers.location !== undefined ? { location: result.headers.location } : {}),
      fetched,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(result.text());
  } catch (cause) {
    throw invalid('not-json', 'The discovery document is not JSON.', { contentType: fetched.contentType, url: result.url }, cause);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalid('not-object', 'The discovery document is not a JSON object.', { url: result.url });
  }
  const checked = providerMetadataSchema.safeParse(parsed);
  if (!checked.success) {
    const issues = checked.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
    throw invalid('schema', `The discovery document is missing or has invalid fields: ${issues.map((i) => i.path || '(root)').join(', ')}.`, {
      issues,
      url: result.url,
    });
  }
  const metadata = checked.data;
  const warnings: DiscoveryWarning[] = [];
  const match = compareIssuers(expectedIssuer, metadata.issuer);
  if (match === 'equivalent') {
    warnings.push({
      code: 'issuer-equivalent',
      message: `The issuer "${metadata.issuer}" differs textually from "${expectedIssuer}" (default port, case or trailing slash). Use the published issuer exactly.`,
    });
  } else if (match === 'mismatch') {
    warnings.push({
      code: 'issuer-mismatch',
      message: `The issuer "${metadata.issuer}" does not match the discovery URL's issuer "${expectedIssuer}" (OIDC Discovery §4.3).`,
    });
  }
  const contentType = fetched.contentType ?? '';
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(contentType)) {
    warnings.push({ code: 'content-type', message: `The discovery document was served as "${contentType || 'no content type'}", not application/json.` });
  }
  const clockSkew = measureClockSkew(result);
  if (clockSkew?.warning) warnings.push({ code: 'clock-skew', message: clockSkew.warning });
  return { discoveryUrl, metadata, issuerCheck: { expected: expectedIssuer, actual: metadata.issuer, match }, warnings, ...(clockSkew && { clockSkew }), fetched };
}
