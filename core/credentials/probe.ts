/**
 * An optional live check of client authentication: POST an authorization_code token request
 * with a dummy code and a fresh client assertion, and read the OAuth error (RFC 6749 §5.2).
 * `invalid_grant` means the server authenticated the client and only then refused the code;
 * `invalid_client` (or a 401) means client authentication was refused.
 *
 * The safe fetcher (`core/net`) only GETs, so this module POSTs with node:https under the same
 * rules: the URL passes `parseTargetUrl` (https only; loopback http only behind a flag), the
 * server certificate is verified against the same trust store (never `rejectUnauthorized:
 * false`), redirects are reported, not followed, and there are connect and total deadlines
 * and a cap on the response body. It runs only when explicitly called.
 */
import type { IncomingMessage } from 'node:http';
import { http, https } from '../net/node-http';
import type { Socket } from 'node:net';
import { AppError } from '../../contract/errors';
import { isLoopbackHostname, parseTargetUrl } from '../net/url-policy';
import { buildTrustStore } from '../net/trust-store';
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
  /** A fresh compact client assertion for `tokenEndpoint`. */
  clientAssertion: string;
  clientId: string;
  /** Sent as `redirect_uri` when given (some servers check it before the code). */
  redirectUri?: string;
  /** PEM certificates trusted in addition to the bundled/system roots. */
  extraCaPem?: string[];
  /** Use the operating-system trust store when the runtime offers it. Default true. */
  useSystemCa?: boolean;
  timeoutMs?: number;
  connectTimeoutMs?: number;
  maxBodyBytes?: number;
  /** Allow `http:` to loopback hosts (local test servers only). */
  allowLoopbackHttp?: boolean;
  signal?: AbortSignal;
  userAgent?: string;
}

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

interface Answer {
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

  if (error === 'invalid_grant') {
    return { ...base, verdict: 'accepted', checks: [], explanation: `Client authentication was accepted: the server checked the assertion (Client ID, key, aud, lifetime) and only then refused the dummy authorization code, as expected.${said}` };
  }
  if (error === 'unauthorized_client') {
    return {
      ...base,
      verdict: 'accepted',
      checks: ['Ask the provider to enable the grant types your application uses.'],
      explanation: `Client authentication was accepted, but this client is not allowed the authorization_code grant.${said}`,
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
      checks: ['For client_credentials providers (such as the NHS API platform) test with the generated curl command instead.'],
      explanation: `The server does not take the authorization_code grant here, so client authentication could not be tested this way.${said}`,
    };
  }
  if (answer.status >= 200 && answer.status < 300) {
    return {
      ...base,
      verdict: 'inconclusive',
      checks: ['Check that the URL is the provider\'s token endpoint.'],
      explanation: `The server answered HTTP ${answer.status} to a dummy authorization code; that is not how an OAuth token endpoint behaves.`,
    };
  }
  return {
    ...base,
    verdict: 'inconclusive',
    checks: ['Check the URL is the provider\'s token endpoint and that the registration is active on the provider\'s side.', ...(error === 'invalid_request' ? ['Some servers check the request shape (redirect_uri, client_id) before the client; compare with the provider\'s token request example.'] : [])],
    explanation: `The answer does not say whether client authentication passed (HTTP ${answer.status}${error ? `, ${error}` : answer.contentType ? `, ${answer.contentType.split(';')[0]}` : ''}).${said}`,
  };
}

const TLS_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH)/;

function mapError(error: unknown, host: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (TLS_CODES.test(code)) return new AppError('NETWORK_TLS', `The TLS connection to ${host} failed: ${message}`, { cause: error, details: { host, code } });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'ENODATA') {
    return new AppError('NETWORK_DNS', `Could not resolve ${host}.`, { cause: error, details: { host, code } });
  }
  if (['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ETIMEDOUT'].includes(code)) {
    return new AppError('NETWORK_CONNECT', `Could not connect to ${host}: ${message}`, { cause: error, details: { host, code } });
  }
  return new AppError('NETWORK_PROTOCOL', `The request to ${host} failed: ${message}`, { cause: error, details: { host, code } });
}

/**
 * POSTs the dummy-code token request and judges the answer. Network and TLS failures throw
 * `NETWORK_*` errors; every HTTP answer is a {@link TokenEndpointProbe}.
 */
export async function probeTokenEndpoint(options: ProbeOptions): Promise<TokenEndpointProbe> {
  const url = parseTargetUrl(options.tokenEndpoint, { allowLoopbackHttp: options.allowLoopbackHttp ?? false });
  const isHttps = url.protocol === 'https:';
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (!isHttps && !isLoopbackHostname(host)) throw new AppError('NETWORK_URL_REFUSED', 'Only https:// URLs are allowed.', { details: { reason: 'http-not-allowed', url: url.href } });
  const totalMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
  const connectMs = Math.min(options.connectTimeoutMs ?? PROBE_CONNECT_TIMEOUT_MS, totalMs);
  const maxBody = options.maxBodyBytes ?? PROBE_MAX_BODY_BYTES;
  const form = new URLSearchParams({ grant_type: 'authorization_code', code: PROBE_DUMMY_CODE });
  if (options.redirectUri !== undefined) form.set('redirect_uri', options.redirectUri);
  form.set('client_id', options.clientId);
  form.set('client_assertion_type', CLIENT_ASSERTION_TYPE);
  form.set('client_assertion', options.clientAssertion);
  const payload = Buffer.from(form.toString(), 'utf8');
  const trust = isHttps ? buildTrustStore(options.extraCaPem ?? [], options.useSystemCa ?? true) : undefined;
  const started = performance.now();

  return new Promise<TokenEndpointProbe>((resolve, reject) => {
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (outcome: { ok: TokenEndpointProbe } | { error: AppError }): void => {
      if (settled) return;
      settled = true;
      for (const timer of timers) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if ('error' in outcome) {
        request.destroy();
        reject(outcome.error);
      } else resolve(outcome.ok);
    };
    const onAbort = (): void => finish({ error: new AppError('CANCELLED', 'The token endpoint probe was cancelled.') });

    const request = (isHttps ? https : http).request({
      method: 'POST',
      protocol: url.protocol,
      hostname: host,
      port: url.port === '' ? (isHttps ? 443 : 80) : Number(url.port),
      path: `${url.pathname}${url.search}`,
      // A fresh connection, no pooling: one request, and no cookies or credentials to share.
      agent: false,
      ...(trust ? { ca: trust.ca } : {}),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(payload.length),
        accept: 'application/json',
        // We do not decode: an encoded body would only be a way around the size cap.
        'accept-encoding': 'identity',
        'user-agent': options.userAgent ?? 'oidc-onboard',
      },
    });

    timers.push(setTimeout(() => finish({ error: new AppError('NETWORK_TIMEOUT', `The token endpoint did not answer within ${totalMs} ms.`, { details: { phase: 'total', timeoutMs: totalMs } }) }), totalMs));
    request.on('socket', (socket: Socket) => {
      if (!socket.connecting) return;
      const connectTimer = setTimeout(
        () => finish({ error: new AppError('NETWORK_TIMEOUT', `Could not connect to ${host} within ${connectMs} ms.`, { details: { phase: 'connect', timeoutMs: connectMs } }) }),
        connectMs,
      );
      timers.push(connectTimer);
      socket.once(isHttps ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
    });
    request.on('error', (error) => finish({ error: mapError(error, host) }));
    request.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBody) {
          finish({ error: new AppError('NETWORK_TOO_LARGE', `The token endpoint's answer is larger than ${maxBody} bytes.`, { details: { maxBodyBytes: maxBody } }) });
          response.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', (error) => finish({ error: mapError(error, host) }));
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        const encoding = response.headers['content-encoding'];
        const body = encoding && encoding !== 'identity' ? '' : Buffer.concat(chunks).toString('utf8');
        const location = typeof response.headers.location === 'string' ? response.headers.location : undefined;
        const judged = judgeProbeAnswer({ status, contentType: response.headers['content-type'], location, body });
        finish({
          ok: {
            ...judged,
            tokenEndpoint: options.tokenEndpoint,
            status,
            ...(location === undefined ? {} : { location: tidy(location) }),
            durationMs: Math.round(performance.now() - started),
          },
        });
      });
    });
    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    request.end(payload);
  });
}
