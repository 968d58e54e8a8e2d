/**
 * `checkEndpoint`: the URL, DNS, public-reachability and TLS checks of the jwks_uri tester,
 * for an endpoint the provider calls (CIS2's back-channel logout URI). The same URL and
 * transport checks judge the same evidence from the same safe fetcher; only what does not
 * apply is left out (status 200, JSON body, keys: a logout endpoint may well answer a GET with
 * 405). Because the provider calls it over the internet, an address that is not public fails
 * here, and a chain verified only thanks to an extra CA warns (NHS trusts public roots).
 */
import { AppError, hasErrorCode } from '../../contract/errors';
import { verdictOf } from '../../contract/schemas/jwks-check-areas';
import type { Check, EndpointCheckReport } from '../../contract/schemas/jwks-check';
import { APP_VERSION } from '../version';
import { fetcherForCa } from '../net/fetcher-for-ca';
import type { Fetcher, TrustStoreInfo } from '../net/types';
import { trustStoreOfTlsError } from '../net/trust-store';
import type { Clock } from '../ports';
import { analyseUri } from '../registration/uri-analysis';
import { makeCheck, skipCheck } from './check';
import { checksFromError, checksFromResult, type TransportContext } from './transport-checks';
import { urlChecks } from './url-checks';

/** The checks an endpoint gets, in report order (ids of the jwks_uri catalogue). */
export const ENDPOINT_CHECK_IDS = ['url.syntax', 'url.https', 'url.no-fragment', 'url.no-userinfo', 'dns.resolve', 'dns.public', 'tls.chain', 'tls.hostname', 'tls.validity', 'tls.protocol', 'http.reachable', 'http.redirect'] as const;

/** Default total deadline of the fetch (ms). */
export const DEFAULT_ENDPOINT_TIMEOUT_MS = 10_000;
/** What the endpoint may send back before we stop reading (its body is not judged). */
const MAX_BODY_BYTES = 1024 * 1024;

/** Options of {@link runEndpointCheck}. */
export interface EndpointCheckOptions {
  url: string;
  fetcher: Fetcher;
  clock: Clock;
  /** What the endpoint is, for messages, e.g. "back-channel logout URI". */
  purpose?: string;
  timeoutMs?: number;
  /** The user allowed private networks explicitly (`--allow-private-network`). */
  allowPrivateNetwork?: boolean;
  signal?: AbortSignal;
}

const ENDPOINT_IDS: ReadonlySet<string> = new Set(ENDPOINT_CHECK_IDS);

/** Public reachability is required: the provider calls the endpoint from the internet. */
function requirePublic(check: Check, purpose: string): Check {
  if (check.id !== 'dns.public' || check.status !== 'warn') return check;
  return makeCheck('dns.public', 'fail', `${check.message} The provider calls your ${purpose} over the internet: it must resolve on public DNS to a public address.`, {
    hint: `Serve the ${purpose} on a host name in public DNS with a public address, and a certificate for that name from a public CA.`,
    ...(check.evidence && { evidence: check.evidence }),
  });
}

/** A chain that verified only with a CA the user added may not chain to a public root. */
function publicRootNote(check: Check, trust: TrustStoreInfo): Check {
  if (check.id !== 'tls.chain' || check.status !== 'pass' || !trust.sources.includes('extra-file')) return check;
  return makeCheck('tls.chain', 'warn', `${check.message} It was verified with the extra CA you gave: NHS verifies against public roots only, so make sure the chain leads to a public root.`, check.evidence ? { evidence: check.evidence } : {});
}

/**
 * Checks `url` as the provider will reach it. Never throws for a bad URL or a failed fetch:
 * those are failing checks.
 *
 * @throws AppError `CANCELLED` when `signal` aborts.
 */
async function runEndpointCheck(options: EndpointCheckOptions): Promise<EndpointCheckReport> {
  const purpose = options.purpose ?? 'endpoint';
  const timeoutMs = options.timeoutMs ?? DEFAULT_ENDPOINT_TIMEOUT_MS;
  const startedAt = options.clock.now();
  const checks: Check[] = urlChecks(options.url);
  // The store the connection was verified against once known; before that, what the fetcher may use.
  let usedTrust = options.fetcher.trustStore;
  if (checks.some((c) => c.status === 'fail')) {
    checks.push(...ENDPOINT_CHECK_IDS.slice(checks.length).map((id) => skipCheck(id, 'Not checked: the URL is not acceptable, so it was not contacted.')));
  } else {
    const ctx: TransportContext = { timeoutMs, maxBodyBytes: MAX_BODY_BYTES, trustStore: options.fetcher.trustStore };
    let transport: Check[];
    try {
      // The URL is the user's own (typed, or their draft's value): it may be local, and is then reported as not public.
      const result = await options.fetcher.fetch(options.url, {
        source: 'typed',
        timeoutMs,
        maxBodyBytes: MAX_BODY_BYTES,
        followRedirects: true,
        maxRedirects: 3,
        accept: '*/*',
        ...(options.allowPrivateNetwork && { allowPrivateNetwork: true }),
        ...(options.signal && { signal: options.signal }),
      });
      transport = checksFromResult(result, ctx);
      if (result.tls) usedTrust = result.tls.trustStore;
    } catch (error) {
      if (hasErrorCode(error, 'CANCELLED')) throw error;
      transport = checksFromError(error, ctx);
      usedTrust = trustStoreOfTlsError(error) ?? usedTrust;
    }
    checks.push(...transport.filter((c) => ENDPOINT_IDS.has(c.id)).map((c) => publicRootNote(requirePublic(c, purpose), usedTrust)));
    // When the fetch failed before the addresses were judged, the host name alone may settle it.
    const dnsAt = checks.findIndex((c) => c.id === 'dns.public');
    const analysis = analyseUri(options.url);
    if (dnsAt !== -1 && checks[dnsAt]!.status === 'skip' && (analysis.isLoopbackIp || analysis.isLocalhostName || analysis.isPrivateHost)) {
      checks[dnsAt] = requirePublic(makeCheck('dns.public', 'warn', `The host ${analysis.hostname ?? analysis.host ?? ''} is a loopback, private-network or local name.`, { evidence: { host: analysis.hostname ?? analysis.host ?? null } }), purpose);
    }
  }
  if (options.signal?.aborted) throw new AppError('CANCELLED', 'The endpoint check was cancelled.');
  return {
    schema: 'oidc-onboard/endpoint-check',
    schemaVersion: 1,
    url: options.url,
    purpose,
    verdict: verdictOf(checks),
    startedAt: startedAt.toISOString(),
    finishedAt: options.clock.now().toISOString(),
    checks,
    trustStore: { sources: [...usedTrust.sources], description: usedTrust.description },
    toolVersion: APP_VERSION,
  };
}

/** An endpoint check through the fetcher port (with `caPem`, a derived fetcher for the run, closed after). */
export async function checkEndpoint(request: { url: string; fetcher: Fetcher; clock: Clock; purpose?: string; caPem?: string; timeoutMs?: number; allowPrivateNetwork?: boolean; signal?: AbortSignal }): Promise<EndpointCheckReport> {
  const { fetcher, release } = fetcherForCa(request.fetcher, request.caPem);
  try {
    return await runEndpointCheck({
      url: request.url,
      fetcher,
      clock: request.clock,
      ...(request.purpose !== undefined && { purpose: request.purpose }),
      ...(request.timeoutMs !== undefined && { timeoutMs: request.timeoutMs }),
      ...(request.allowPrivateNetwork && { allowPrivateNetwork: true }),
      ...(request.signal && { signal: request.signal }),
    });
  } finally {
    release();
  }
}
