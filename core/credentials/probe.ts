/**
 * An optional live check of client authentication: POST a token request with a fresh client
 * assertion and read the answer (RFC 6749 §5.2). For authorization_code clients the request
 * carries a dummy code: `invalid_grant` means the server authenticated the client and only then
 * refused the code. For client_credentials clients (the NHS API platform) there is no harmless
 * dummy, so the request is the real one: an access token in the answer means authentication
 * passed, and the token is dropped at once — never shown, kept or logged. `invalid_client` (or a
 * 401) means client authentication was refused.
 *
 * The request goes through the safe fetcher (`core/net`), so it has the one network policy
 * (https only, the address policy before connecting), the deadlines, the cap on the decoded
 * body and the trust store of every other fetch; a redirect is reported, never followed (a
 * POST is never redirected). The provider's `Date` header is compared with the local clock.
 * It runs only when explicitly called.
 */
import { measureClockSkew, type ClockSkew } from '../net/clock-skew';
import type { UrlSource } from '../net/address-policy';
import type { Fetcher } from '../net/types';
import { CLIENT_ASSERTION_TYPE } from './assertion';

/** The dummy authorization code sent by the probe; no server can have issued it. */
export const PROBE_DUMMY_CODE = 'oidc-onboard-probe-not-a-real-code';
/** Default total deadline of a probe. */
export const PROBE_TIMEOUT_MS = 10_000;
/** Default connect + TLS deadline of a probe. */
export const PROBE_CONNECT_TIMEOUT_MS = 5_000;
/** Default cap on the response body: an OAuth error is a few hundred bytes. */
export const PROBE_MAX_BODY_BYTES = 64 * 1024;

/** Options of {@link probeTokenEndpoint}. */
export interface ProbeOptions {
  tokenEndpoint: string;
  /**
   * Where the token endpoint came from: `typed` when the user gave it, `untrusted` when it
   * comes from a discovery document or stored data (then a private address is refused
   * unless `allowPrivateNetwork`).
   */
  source: UrlSource;
  /** The user allowed private networks explicitly (`--allow-private-network`). */
  allowPrivateNetwork?: boolean;
  /** A fresh compact client assertion for `tokenEndpoint`. */
  clientAssertion: string;
  clientId: string;
  /**
   * The grant the client uses: `authorization_code` (a dummy code is sent) or
   * `client_credentials` (a real token request; the token is discarded). Default
   * `authorization_code`.
   */
  grantType?: ProbeGrant;
  /** Sent as `redirect_uri` when given (some servers check it before the code). */
  redirectUri?: string;
  timeoutMs?: number;
  connectTimeoutMs?: number;
  maxBodyBytes?: number;
  signal?: AbortSignal;
}

/** The token request grants the probe can send. */
export type ProbeGrant = 'authorization_code' | 'client_credentials';

/** What the probe concluded about client authentication. */
export type ProbeVerdict = 'accepted' | 'refused' | 'inconclusive';

/** The outcome of {@link probeTokenEndpoint}. */
export interface TokenEndpointProbe {
  verdict: ProbeVerdict;
  tokenEndpoint: string;
  status: number;
  /** The OAuth `error` code, when the body had one. */
  error?: string;
  /** The server's `error_description`, shortened and without control characters. */
  errorDescription?: string;
  /** Where a 3xx pointed (not followed). */
  location?: string;
  /** What the answer means, in plain words. */
  explanation: string;
  /** What to check next (for refused and inconclusive answers). */
  checks: string[];
  durationMs: number;
  /** This computer's clock against the token endpoint's `Date` header. */
  clockSkew?: ClockSkew;
  /** Plain warnings (clock skew). */
  warnings: string[];
}

/** What to check when a provider refuses client authentication. */
export const REFUSED_CHECKS: readonly string[] = [
  'iss and sub are the Client ID the provider issued for THIS environment (not an API key or a Client ID from another environment).',
  'aud is exactly the token endpoint URL from the provider\'s discovery document: https://, the right host, port and path, no spaces.',
  'The header kid names a key published at the registered jwks_uri (or the PEM you registered), and the provider has picked it up (caches can lag).',
  'The header alg is one the provider accepts for this environment (the NHS API platform accepts only RS512).',
  'This machine\'s clock is right: the provider refuses assertions that expire more than 5 minutes ahead or have expired.',
  'The jwks_uri is reachable from the internet with a publicly trusted certificate chain (test it with the jwks_uri check).',
];

// Server text is untrusted: keep it short and printable.
function tidy(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return clean.length > 500 ? `${clean.slice(0, 500)}…` : clean;
}

// A token response (RFC 6749 §5.1) names its access token; the token itself is never read out of the body.
function hasAccessToken(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as unknown;
    return typeof parsed === 'object' && parsed !== null && typeof (parsed as Record<string, unknown>).access_token === 'string';
  } catch {
    return false;
  }
}

interface Answer {
  /** The grant that was sent (default authorization_code). */
  grant?: ProbeGrant;
  status: number;
  contentType: string | undefined;
  location: string | undefined;
  body: string;
}

/** Judges a token endpoint's answer to the dummy-code request. Pure; exported for tests. */
export function judgeProbeAnswer(answer: Answer): Pick<TokenEndpointProbe, 'verdict' | 'error' | 'errorDescription' | 'explanation' | 'checks'> {
  let error: string | undefined;
  let errorDescription: string | undefined;
  try {
    const parsed = JSON.parse(answer.body) as unknown;
    if (typeof parsed === 'object' && parsed !== null) {
      const body = parsed as Record<string, unknown>;
      if (typeof body.error === 'string') error = tidy(body.error);
      if (typeof body.error_description === 'string') errorDescription = tidy(body.error_description);
      else if (typeof body.message === 'string') errorDescription = tidy(body.message);
    }
  } catch {
    // Not JSON: judged by the status alone below.
  }
  const base = { ...(error === undefined ? {} : { error }), ...(errorDescription === undefined ? {} : { errorDescription }) };
  const said = errorDescription ? ` The server said: "${errorDescription}".` : '';
  const grant = answer.grant ?? 'authorization_code';

  if (grant === 'client_credentials' && answer.status >= 200 && answer.status < 300 && hasAccessToken(answer.body)) {
    return { ...base, verdict: 'accepted', checks: [], explanation: 'Client authentication was accepted: the provider issued an access token for this client_credentials request. The token was discarded at once; it is not shown or kept.' };
  }

  if (error === 'invalid_grant') {
    return { ...base, verdict: 'accepted', checks: [], explanation: `Client authentication was accepted: the server checked the assertion (Client ID, key, aud, lifetime) and only then refused the dummy authorization code, as expected.${said}` };
  }
  if (error === 'unauthorized_client') {
    return {
      ...base,
      verdict: 'accepted',
      checks: ['Ask the provider to enable the grant types your application uses.'],
      explanation: `Client authentication was accepted, but this client is not allowed the ${grant} grant.${said}`,
    };
  }
  if (error === 'invalid_client' || error === 'public_key error' || answer.status === 401) {
    return { ...base, verdict: 'refused', checks: [...REFUSED_CHECKS], explanation: `Client authentication was refused (HTTP ${answer.status}${error ? `, ${error}` : ''}).${said}` };
  }
  if (answer.status >= 300 && answer.status < 400) {
    return {
      ...base,
      verdict: 'inconclusive',
      checks: ['Use the token_endpoint from the provider\'s discovery document exactly.'],
      explanation: `The server redirected (HTTP ${answer.status}${answer.location ? ` to ${tidy(answer.location)}` : ''}) instead of answering; a token endpoint does not redirect, so this is probably not the right URL. The redirect was not followed.`,
    };
  }
  if (error === 'unsupported_grant_type') {
    return {
      ...base,
      verdict: 'inconclusive',
      checks: [grant === 'authorization_code' ? 'For client_credentials providers (such as the NHS API platform) the probe sends a client_credentials request instead.' : 'Check that this provider takes client_credentials requests at this URL.'],
      explanation: `The server does not take the ${grant} grant here, so client authentication could not be tested this way.${said}`,
    };
  }
  if (answer.status >= 200 && answer.status < 300) {
    return {
      ...base,
      verdict: 'inconclusive',
      checks: ['Check that the URL is the provider\'s token endpoint.'],
      explanation:
        grant === 'authorization_code'
          ? `The server answered HTTP ${answer.status} to a dummy authorization code; that is not how an OAuth token endpoint behaves.`
          : `The server answered HTTP ${answer.status} without an access token; that is not how an OAuth token endpoint behaves.`,
    };
  }
  return {
    ...base,
    verdict: 'inconclusive',
    checks: ['Check the URL is the provider\'s token endpoint and that the registration is active on the provider\'s side.', ...(error === 'invalid_request' ? ['Some servers check the request shape (redirect_uri, client_id) before the client; compare with the provider\'s token request example.'] : [])],
    explanation: `The answer does not say whether client authentication passed (HTTP ${answer.status}${error ? `, ${error}` : answer.contentType ? `, ${answer.contentType.split(';')[0]}` : ''}).${said}`,
  };
}

/**
 * POSTs the dummy-code token request through `fetcher` and judges the answer. Network and TLS
 * failures and policy refusals throw `NETWORK_*` errors; every HTTP answer is a
 * {@link TokenEndpointProbe}.
 */
export async function probeTokenEndpoint(fetcher: Fetcher, options: ProbeOptions): Promise<TokenEndpointProbe> {
  const grant = options.grantType ?? 'authorization_code';
  const form = new URLSearchParams({ grant_type: grant });
  if (grant === 'authorization_code') {
    form.set('code', PROBE_DUMMY_CODE);
    if (options.redirectUri !== undefined) form.set('redirect_uri', options.redirectUri);
    form.set('client_id', options.clientId);
  }
  // client_credentials (RFC 7523 §2.2, the NHS API platform's documented request): the assertion's iss names the client.
  form.set('client_assertion_type', CLIENT_ASSERTION_TYPE);
  form.set('client_assertion', options.clientAssertion);
  const response = await fetcher.fetch(options.tokenEndpoint, {
    method: 'POST',
    form,
    accept: 'application/json',
    source: options.source,
    sourceLabel: 'the registration\'s provider data (a discovery document or the profile)',
    followRedirects: false,
    timeoutMs: options.timeoutMs ?? PROBE_TIMEOUT_MS,
    connectTimeoutMs: options.connectTimeoutMs ?? PROBE_CONNECT_TIMEOUT_MS,
    maxBodyBytes: options.maxBodyBytes ?? PROBE_MAX_BODY_BYTES,
    ...(options.allowPrivateNetwork !== undefined && { allowPrivateNetwork: options.allowPrivateNetwork }),
    ...(options.signal && { signal: options.signal }),
  });
  const location = response.headers.location;
  const text = response.text();
  const judged = judgeProbeAnswer({ grant, status: response.status, contentType: response.headers['content-type'], location, body: text });
  const clockSkew = measureClockSkew(response, 'the token endpoint');
  return {
    ...judged,
    tokenEndpoint: options.tokenEndpoint,
    status: response.status,
    ...(location === undefined ? {} : { location: tidy(location) }),
    durationMs: Math.round(response.timings.totalMs),
    ...(clockSkew && { clockSkew }),
    warnings: clockSkew?.warning ? [clockSkew.warning] : [],
  };
}
