/**
 * The safe HTTPS fetcher (ARCHITECTURE §6, security.md §5): one GET under the
 * network policy, with the evidence a jwks_uri tester needs.
 *
 * Built on node:https with our own keep-alive agents rather than global fetch,
 * because we need the socket: the resolved address we connect to (we resolve DNS
 * ourselves and hand the agent a `lookup` that returns exactly those addresses,
 * so what we classified is what we use), the peer chain even when verification
 * fails, and per-phase timings.
 */
import * as dns from 'node:dns';
import type { Agent as HttpAgent, IncomingMessage } from 'node:http';
import type { Agent as HttpsAgent, RequestOptions as HttpsRequestOptions } from 'node:https';
import { http, https } from './node-http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { AppError, isAppError } from '../../contract/errors';
import { withoutRuntimeAdvice } from '../../contract/text/runtime-advice';
import { USER_AGENT } from '../version';
import { classifyAddress, ipFamily } from './address';
import { policyAfterRedirect, refusalMessage, refusedAddress, type AddressPolicy } from './address-policy';
import { ACCEPT_ENCODING, parseContentEncoding, readBody } from './body';
import { describeChain, isTlsErrorCode } from './tls-evidence';
import { layeredTrust, splitPemCertificates, type TrustStore } from './trust-store';
import type {
  CertificateInfo,
  Fetcher,
  FetcherOptions,
  FetchHop,
  FetchPhase,
  FetchRequest,
  FetchResult,
  FetchTimings,
  LookupAll,
  RemoteInfo,
  ResolvedAddress,
  TlsInfo,
} from './types';
import { parseTargetUrl, type UrlPolicyOptions } from './url-policy';

export type { FetchPhase } from './types';

/** Default total deadline (ms). */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Default connect + TLS handshake deadline (ms). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** Default cap on the decoded body (bytes). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
/** Default redirect cap when following. */
export const DEFAULT_MAX_REDIRECTS = 3;
/** Largest form body a POST may carry: the fetcher sends small requests (a token request), not uploads. */
export const MAX_FORM_BYTES = 64 * 1024;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

// Headers a caller may not set: credentials, cookies, and what the transport owns.
const FORBIDDEN_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'accept-encoding',
  'user-agent',
  'accept',
  'te',
  'upgrade',
]);

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EADDRNOTAVAIL',
  'ENETDOWN',
  'EHOSTDOWN',
]);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'ENODATA', 'EAI_NONAME', 'ESERVFAIL', 'ENONAME']);

/** What the TLS layer showed us about a connection, captured before Node's own verdict. */
interface SocketEvidence {
  peer?: tls.DetailedPeerCertificate;
  protocol?: string | null;
}

/** Mutable state of one fetch, shared across its hops. */
interface Control {
  signal: AbortSignal;
  /** Where the fetch is; change it through {@link enterPhase}. */
  phase: FetchPhase;
  onPhase: FetchRequest['onPhase'];
  startedAt: number;
  /** The address policy of the current hop. */
  policy: AddressPolicy;
  /** Where the current hop's URL came from, for a refusal message. */
  from: string;
}

/** The form body of a POST, encoded; `undefined` for a GET. */
function encodeForm(req: FetchRequest): Buffer | undefined {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'POST') throw new AppError('USAGE', `The fetcher does not send ${String(method)} requests.`);
  if (method === 'GET') {
    if (req.form !== undefined) throw new AppError('USAGE', 'A GET request cannot carry a form body.');
    return undefined;
  }
  // A redirected POST would resend the body (which may carry an assertion) to another place.
  if (req.followRedirects) throw new AppError('USAGE', 'A POST is never redirected; followRedirects must be off.');
  const body = Buffer.from((req.form instanceof URLSearchParams ? req.form : new URLSearchParams(req.form ?? {})).toString(), 'utf8');
  if (body.length > MAX_FORM_BYTES) throw new AppError('USAGE', `The form body is larger than ${MAX_FORM_BYTES} bytes.`, { details: { bytes: body.length } });
  return body;
}

/** The `Date` response header as ISO 8601, when it parses (RFC 9110 §6.6.1). */
function parseDateHeader(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time).toISOString() : undefined;
}

/** Moves a fetch to `phase` and tells the caller's listener, whose failure must not break the fetch. */
function enterPhase(ctl: Control, phase: FetchPhase): void {
  ctl.phase = phase;
  try {
    ctl.onPhase?.(phase);
  } catch {
    // A progress listener's error is not the fetch's.
  }
}

function elapsed(from: number, to = performance.now()): number {
  return Math.max(0, Math.round((to - from) * 10) / 10);
}

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Happy-eyeballs failures arrive as an AggregateError of the per-address errors.
  const inner = (err as { errors?: unknown[] }).errors?.[0];
  const innerCode = (inner as { code?: unknown } | undefined)?.code;
  return typeof innerCode === 'string' ? innerCode : undefined;
}

/**
 * TLS codes that mean "the root of this chain is not in the store" — the only failures a wider
 * store (the operating system's) can turn into a pass. Expiry, host names and protocol are not.
 */
const UNPLACED_ROOT_CODES = new Set([
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
]);

function isUnplacedRoot(err: unknown): boolean {
  return isAppError(err) && err.code === 'NETWORK_TLS' && UNPLACED_ROOT_CODES.has(String(err.details?.tlsCode));
}

/** Maps a Node error to a typed AppError (AppErrors pass through). */
function mapNodeError(err: unknown, phase: FetchPhase, host: string, evidence: Record<string, unknown> = {}): AppError {
  if (isAppError(err)) return err;
  const code = errorCode(err);
  // Node's advice to run Node.js with another trust flag is not for our users (runtime-advice.ts).
  const message = withoutRuntimeAdvice(err instanceof Error ? err.message : String(err));
  if (isTlsErrorCode(code) || (err as { library?: string }).library === 'SSL routines') {
    return new AppError('NETWORK_TLS', `TLS failed for ${host}: ${message}`, {
      cause: err,
      details: { phase: 'tls', tlsCode: code ?? 'UNKNOWN', host, message, ...evidence },
    });
  }
  if (code !== undefined && DNS_CODES.has(code)) {
    return new AppError('NETWORK_DNS', `Could not resolve ${host} (${code}).`, { cause: err, details: { phase: 'dns', host, code } });
  }
  if (code !== undefined && CONNECT_CODES.has(code)) {
    return new AppError('NETWORK_CONNECT', `Connection to ${host} failed (${code}).`, { cause: err, details: { phase, host, code } });
  }
  if (code?.startsWith('HPE_')) {
    return new AppError('NETWORK_PROTOCOL', `The server at ${host} sent an invalid HTTP response (${code}).`, {
      cause: err,
      details: { phase, host, code },
    });
  }
  return new AppError('NETWORK_CONNECT', `Request to ${host} failed: ${message}`, { cause: err, details: { phase, host, code: code ?? null } });
}

function timeoutError(phase: FetchPhase, ms: number, which: 'total' | 'connect' | 'headers'): AppError {
  return new AppError('NETWORK_TIMEOUT', `The request timed out (${which} deadline of ${ms} ms, during ${phase}).`, {
    details: { phase, deadline: which, timeoutMs: ms },
  });
}

function cancelledError(phase: FetchPhase, reason: unknown): AppError {
  return new AppError('CANCELLED', 'The request was cancelled.', { cause: reason, details: { phase } });
}

/** Headers map: lower-case names, repeats joined with ", ". */
function headerMap(rawHeaders: readonly string[]): { headers: Record<string, string>; raw: [string, string][] } {
  const headers: Record<string, string> = {};
  const raw: [string, string][] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    const value = rawHeaders[i + 1] as string;
    raw.push([name, value]);
    const key = name.toLowerCase();
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  }
  return { headers, raw };
}

function requestHeaders(userAgent: string, req: FetchRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    const key = name.toLowerCase();
    if (FORBIDDEN_HEADERS.has(key)) {
      throw new AppError('USAGE', `The header "${name}" cannot be set on a fetch.`, { details: { header: key } });
    }
    headers[key] = value;
  }
  headers['user-agent'] = userAgent;
  headers.accept = req.accept ?? '*/*';
  headers['accept-encoding'] = ACCEPT_ENCODING;
  return headers;
}

/** Races a promise against the fetch's abort signal. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}

/** One response and its evidence, before redirect handling. */
interface HopOutcome {
  hop: FetchHop;
  headers: Record<string, string>;
  rawHeaders: [string, string][];
  body: Buffer;
  encodedBytes: number;
  contentEncoding: string | undefined;
  tls: TlsInfo | undefined;
  /** Local clock when the headers arrived. */
  receivedAt: Date;
}

/**
 * Creates the fetcher. Its keep-alive agents are created lazily and live until
 * {@link Fetcher.close}. Trust is layered (`trust-store.ts`): a connection verifies against the
 * bundled roots and the extra CAs; only a chain whose root they cannot place is tried once more
 * with the operating-system store added (read then, once).
 *
 * @throws AppError `INPUT_UNREADABLE` when an `extraCaPem` entry is not a PEM certificate.
 */
export function createFetcher(options: FetcherOptions = {}): Fetcher {
  // A bad extra CA is the caller's mistake: refused now, before any work.
  for (const pem of options.extraCaPem ?? []) splitPemCertificates(pem);
  const trust = layeredTrust(options.extraCaPem, options.useSystemCa ?? true);
  const userAgent = options.userAgent ?? USER_AGENT;
  const policy: UrlPolicyOptions = { allowLoopbackHttp: options.allowLoopbackHttp ?? false };
  const now = options.now ?? (() => new Date());
  const maxSockets = options.maxSocketsPerOrigin ?? 6;
  const lookupAll: LookupAll = options.lookup ?? ((host) => dns.promises.lookup(host, { all: true, order: 'verbatim' }));
  const evidence = new WeakMap<Duplex, SocketEvidence>();
  // Sockets that already carried a request. `request.reusedSocket` misses sockets handed to queued
  // requests (maxSockets reached), so we keep our own record.
  const usedSockets = new WeakSet<Socket>();
  // Concurrent fetches of one host share a single in-flight lookup; nothing is cached beyond it.
  const inflightLookups = new Map<string, Promise<{ address: string; family: number }[]>>();
  // One HTTPS agent per trust layer: a secure context holds exactly one store.
  const httpsAgents = new Map<TrustStore, HttpsAgent>();
  let httpAgent: HttpAgent | undefined;
  let closed = false;

  class EvidenceAgent extends https.Agent {
    override createConnection(opts: HttpsRequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
      const socket = super.createConnection(opts, callback);
      if (socket instanceof tls.TLSSocket) {
        const record: SocketEvidence = {};
        evidence.set(socket, record);
        // Node verifies the chain in its own 'secure' listener and destroys the socket on failure,
        // after which the peer chain is gone. Listening first keeps the chain as evidence without
        // weakening verification (rejectUnauthorized stays true).
        socket.prependListener('secure', () => {
          record.peer = socket.getPeerCertificate(true);
          record.protocol = socket.getProtocol();
        });
      }
      return socket;
    }
  }

  const getHttpsAgent = (store: TrustStore): HttpsAgent => {
    const existing = httpsAgents.get(store);
    if (existing) return existing;
    const agent = new EvidenceAgent({
      keepAlive: true,
      maxSockets,
      scheduling: 'lifo',
      // One secure context for every connection: parsing ~700 roots per handshake would dominate.
      secureContext: tls.createSecureContext({ ca: store.ca }),
      // Agent-level, not per request: since Node 24 a per-request checkServerIdentity disables
      // keep-alive and session reuse. Node's verdict is kept; the certificate rides on the error
      // so a host-name mismatch still yields the leaf as evidence.
      checkServerIdentity: (hostname: string, cert: tls.PeerCertificate): Error | undefined => {
        const verdict = tls.checkServerIdentity(hostname, cert);
        if (verdict && !('cert' in verdict)) Object.assign(verdict, { cert });
        return verdict;
      },
    });
    httpsAgents.set(store, agent);
    return agent;
  };
  const getHttpAgent = (): HttpAgent => {
    httpAgent ??= new http.Agent({ keepAlive: true, maxSockets, scheduling: 'lifo' });
    return httpAgent;
  };

  async function resolve(url: URL, ctl: Control): Promise<{ addresses: ResolvedAddress[]; dnsMs: number }> {
    const host = url.hostname;
    const literal = host.startsWith('[') ? host.slice(1, -1) : host;
    const started = performance.now();
    enterPhase(ctl, 'dns');
    let found: { address: string; family: number }[];
    if (ipFamily(literal) !== 0) {
      found = [{ address: literal, family: ipFamily(literal) }];
    } else {
      let pending = inflightLookups.get(literal);
      if (!pending) {
        pending = lookupAll(literal).finally(() => inflightLookups.delete(literal));
        inflightLookups.set(literal, pending);
      }
      try {
        found = await raceAbort(pending, ctl.signal);
      } catch (err) {
        throw mapNodeError(err, 'dns', host);
      }
    }
    if (found.length === 0) {
      throw new AppError('NETWORK_DNS', `Could not resolve ${host} (no addresses).`, { details: { phase: 'dns', host, code: 'ENODATA' } });
    }
    let addresses: ResolvedAddress[];
    try {
      addresses = found.map(
        (a): ResolvedAddress => ({ address: a.address, family: a.family === 6 ? 6 : 4, kind: classifyAddress(a.address) }),
      );
    } catch (cause) {
      // Only a custom resolver can get here; treat its garbage as a failed lookup.
      throw new AppError('NETWORK_DNS', `The resolver returned an invalid address for ${host}.`, {
        cause,
        details: { phase: 'dns', host, code: 'EBADRESP' },
      });
    }
    // The network policy, on exactly the addresses the connection will use — before connecting.
    const refusal = refusedAddress(addresses, ctl.policy);
    if (refusal) {
      throw new AppError('NETWORK_ADDRESS_REFUSED', refusalMessage(host, refusal, ctl.from), {
        details: { phase: 'dns', reason: refusal.reason, host, url: url.href, address: refusal.address, kind: refusal.kind, source: ctl.policy.source, addresses },
      });
    }
    if (url.protocol === 'http:' && addresses.some((a) => a.kind !== 'loopback')) {
      throw new AppError('NETWORK_URL_REFUSED', `http:// is allowed only for loopback hosts; ${host} resolves elsewhere.`, {
        details: { reason: 'http-not-allowed', url: url.href, addresses },
      });
    }
    return { addresses, dnsMs: elapsed(started) };
  }

  async function requestOnce(url: URL, req: FetchRequest, ctl: Control, form: Buffer | undefined): Promise<HopOutcome> {
    const resolving = resolve(url, ctl);
    // Build the TLS context while the lookup runs on libuv's threads, not after it.
    if (url.protocol === 'https:') getHttpsAgent(trust.first());
    const { addresses, dnsMs } = await resolving;
    try {
      return await exchange(url, req, ctl, addresses, dnsMs, form, trust.first());
    } catch (err) {
      // Every connection starts from the first layer (a server may since have moved to a public
      // root); only a root it cannot place is tried again with the OS store. Nothing was sent:
      // Node writes the request only after the chain verified.
      const wider = isUnplacedRoot(err) && !ctl.signal.aborted ? trust.widened() : undefined;
      if (!wider) throw err;
      return exchange(url, req, ctl, addresses, dnsMs, form, wider);
    }
  }

  function exchange(url: URL, req: FetchRequest, ctl: Control, addresses: ResolvedAddress[], dnsMs: number, form: Buffer | undefined, store: TrustStore): Promise<HopOutcome> {
    const isHttps = url.protocol === 'https:';
    const host = url.hostname;
    const total = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const connectTimeoutMs = Math.min(req.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, total);
    const headersTimeoutMs = Math.min(req.headersTimeoutMs ?? total, total);
    const maxBodyBytes = req.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const headers = requestHeaders(userAgent, req);
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = String(form.length);
    }

    const lookup = (_hostname: string, opts: dns.LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void): void => {
      // Hand back exactly the addresses we resolved and classified: no second DNS query to rebind.
      process.nextTick(() => {
        if (opts.all) callback(null, addresses.map((a) => ({ address: a.address, family: a.family })));
        else callback(null, addresses[0]?.address ?? '', addresses[0]?.family ?? 4);
      });
    };

    return new Promise<HopOutcome>((resolvePromise, rejectPromise) => {
      let settled = false;
      let phaseTimer: NodeJS.Timeout | undefined;
      const hopStart = performance.now();
      let socketAt = hopStart;
      let connectMs = 0;
      let tlsMs = 0;
      let reused = false;
      let socket: Socket | undefined;

      const cleanup = (): void => {
        if (phaseTimer) clearTimeout(phaseTimer);
        ctl.signal.removeEventListener('abort', onAbort);
      };
      let errCert: tls.PeerCertificate | undefined;
      const chainEvidence = (): { chain?: CertificateInfo[]; protocol?: string | null } => {
        const record = socket ? evidence.get(socket) : undefined;
        const peer = record?.peer ?? (errCert as tls.DetailedPeerCertificate | undefined);
        return peer ? { chain: describeChain(peer, now()), protocol: record?.protocol ?? null } : {};
      };
      const fail = (err: unknown): void => {
        if (settled) return;
        settled = true;
        cleanup();
        errCert = (err as { cert?: tls.PeerCertificate } | undefined)?.cert;
        const tlsEvidence = isHttps ? { ...chainEvidence(), trustStore: store.info } : {};
        const mapped = mapNodeError(err, ctl.phase, host, tlsEvidence);
        request.destroy();
        rejectPromise(mapped);
      };
      const onAbort = (): void => fail(ctl.signal.reason);
      const startPhaseTimer = (ms: number, which: 'connect' | 'headers'): void => {
        if (phaseTimer) clearTimeout(phaseTimer);
        phaseTimer = setTimeout(() => fail(timeoutError(ctl.phase, ms, which)), ms);
      };

      const requestOptions: HttpsRequestOptions = {
        protocol: url.protocol,
        hostname: host.startsWith('[') ? host.slice(1, -1) : host,
        port: url.port === '' ? (isHttps ? 443 : 80) : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: form ? 'POST' : 'GET',
        headers,
        agent: isHttps ? getHttpsAgent(store) : getHttpAgent(),
        lookup,
      };
      const request = (isHttps ? https : http).request(requestOptions);
      ctl.signal.addEventListener('abort', onAbort, { once: true });
      if (ctl.signal.aborted) {
        onAbort();
        return;
      }

      request.on('socket', (s: Socket) => {
        socket = s;
        socketAt = performance.now();
        reused = request.reusedSocket || usedSockets.has(s);
        usedSockets.add(s);
        if (reused || !s.connecting) {
          enterPhase(ctl, 'headers');
          startPhaseTimer(headersTimeoutMs, 'headers');
          return;
        }
        enterPhase(ctl, 'connect');
        startPhaseTimer(connectTimeoutMs, 'connect');
        s.once('connect', () => {
          connectMs = elapsed(socketAt);
          if (isHttps) {
            enterPhase(ctl, 'tls');
          } else {
            enterPhase(ctl, 'headers');
            startPhaseTimer(headersTimeoutMs, 'headers');
          }
        });
        if (isHttps) {
          s.once('secureConnect', () => {
            tlsMs = elapsed(socketAt + connectMs);
            enterPhase(ctl, 'headers');
            startPhaseTimer(headersTimeoutMs, 'headers');
          });
        }
      });
      request.on('error', fail);

      request.on('response', (res: IncomingMessage) => {
        const ttfbMs = elapsed(socketAt);
        const receivedAt = now();
        enterPhase(ctl, 'body');
        if (phaseTimer) clearTimeout(phaseTimer);
        const sock = res.socket as Socket;
        const remote: RemoteInfo = {
          address: sock.remoteAddress ?? addresses[0]?.address ?? '',
          family: sock.remoteFamily === 'IPv6' ? 6 : 4,
          port: sock.remotePort ?? 0,
          addresses,
        };
        const tlsInfo = sock instanceof tls.TLSSocket ? describeTls(sock, store, evidence.get(sock)?.peer) : undefined;
        const { headers: responseHeaders, raw } = headerMap(res.rawHeaders);
        const status = res.statusCode ?? 0;
        const location = responseHeaders.location;
        let coding: ReturnType<typeof parseContentEncoding>;
        try {
          coding = parseContentEncoding(responseHeaders['content-encoding']);
        } catch (err) {
          fail(err);
          return;
        }
        readBody(res, coding, maxBodyBytes).then(
          (read) => {
            if (settled) return;
            settled = true;
            cleanup();
            const timings: FetchTimings = {
              dnsMs,
              connectMs: reused ? 0 : connectMs,
              tlsMs: reused ? 0 : tlsMs,
              ttfbMs,
              totalMs: elapsed(hopStart) + dnsMs,
              reusedConnection: reused,
            };
            let absoluteLocation: string | undefined;
            if (location !== undefined) {
              try {
                absoluteLocation = new URL(location, url).href;
              } catch {
                absoluteLocation = location;
              }
            }
            const hop: FetchHop = {
              url: url.href,
              status,
              statusText: res.statusMessage ?? '',
              ...(absoluteLocation !== undefined ? { location: absoluteLocation } : {}),
              remote,
              timings,
              ...(tlsInfo ? { tlsProtocol: tlsInfo.protocol } : {}),
            };
            resolvePromise({
              hop,
              headers: responseHeaders,
              rawHeaders: raw,
              body: read.body,
              encodedBytes: read.encodedBytes,
              contentEncoding: read.contentEncoding,
              tls: tlsInfo,
              receivedAt,
            });
          },
          (err: unknown) => fail(err),
        );
      });
      if (form) request.end(form);
      else request.end();
    });
  }

  /** The connection's TLS facts; `peer` is the chain already captured at the handshake, when there is one. */
  function describeTls(sock: tls.TLSSocket, store: TrustStore, peer = sock.getPeerCertificate(true)): TlsInfo {
    const cipher = sock.getCipher() as tls.CipherNameAndProtocol | undefined;
    const authorizationError = sock.authorizationError;
    return {
      protocol: sock.getProtocol(),
      cipher: cipher ? { name: cipher.name, standardName: cipher.standardName, version: cipher.version } : null,
      authorized: sock.authorized,
      authorizationError: authorizationError === undefined || authorizationError === null ? null : String(authorizationError),
      chain: describeChain(peer, now()),
      sessionReused: sock.isSessionReused(),
      alpnProtocol: typeof sock.alpnProtocol === 'string' ? sock.alpnProtocol : null,
      trustStore: store.info,
    };
  }

  function redirectError(reason: string, message: string, hops: FetchHop[], extra: Record<string, unknown> = {}, cause?: unknown): AppError {
    return new AppError('NETWORK_REDIRECT', message, { cause, details: { phase: 'redirect', reason, hops, ...extra } });
  }

  async function fetchUrl(input: string, req: FetchRequest = {}): Promise<FetchResult> {
    if (closed) throw new AppError('USAGE', 'The fetcher was closed.');
    let current = parseTargetUrl(input, policy);
    const total = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const maxBodyBytes = req.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const maxRedirects = req.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    if (!(total > 0) || !(maxBodyBytes >= 0) || !(maxRedirects >= 0)) {
      throw new AppError('USAGE', 'timeoutMs must be > 0; maxBodyBytes and maxRedirects must be ≥ 0.', {
        details: { timeoutMs: total, maxBodyBytes, maxRedirects },
      });
    }
    requestHeaders(userAgent, req); // refuse forbidden headers before any network activity
    const form = encodeForm(req);

    const controller = new AbortController();
    const ctl: Control = {
      signal: controller.signal,
      phase: 'dns',
      startedAt: performance.now(),
      onPhase: req.onPhase,
      policy: { source: req.source ?? 'untrusted', allowPrivateNetwork: req.allowPrivateNetwork ?? false },
      from: req.sourceLabel ?? 'untrusted input',
    };
    const deadline = setTimeout(() => controller.abort(timeoutError(ctl.phase, total, 'total')), total);
    const onUserAbort = (): void => controller.abort(cancelledError(ctl.phase, req.signal?.reason));
    if (req.signal?.aborted) onUserAbort();
    else req.signal?.addEventListener('abort', onUserAbort, { once: true });

    const hops: FetchHop[] = [];
    const visited = new Set<string>();
    try {
      for (;;) {
        if (controller.signal.aborted) throw controller.signal.reason as AppError;
        visited.add(current.href);
        const outcome = await requestOnce(current, req, ctl, form);
        hops.push(outcome.hop);
        const location = outcome.hop.location;
        const isRedirect = REDIRECT_STATUSES.has(outcome.hop.status) && location !== undefined;
        if (!isRedirect || !req.followRedirects) return buildResult(outcome, hops, ctl.startedAt);

        enterPhase(ctl, 'redirect');
        const redirects = hops.length;
        if (redirects > maxRedirects) {
          throw redirectError('too-many', `More than ${maxRedirects} redirects.`, hops, { maxRedirects });
        }
        let next: URL;
        try {
          // A fragment in Location never reaches the wire; drop it before vetting the target.
          const resolved = new URL(location, current);
          resolved.hash = '';
          next = parseTargetUrl(resolved.href, policy);
        } catch (err) {
          const urlReason = isAppError(err) ? err.details?.reason : 'invalid-url';
          throw redirectError('refused-target', `Redirect to a refused URL (${location}).`, hops, { target: location, urlReason }, err);
        }
        if (current.protocol === 'https:' && next.protocol !== 'https:') {
          throw redirectError('downgrade', `Redirect from https to ${next.protocol} refused (${next.href}).`, hops, { target: next.href });
        }
        if (visited.has(next.href)) {
          throw redirectError('loop', `Redirect loop back to ${next.href}.`, hops, { target: next.href });
        }
        ctl.policy = policyAfterRedirect(ctl.policy, outcome.hop.remote.addresses);
        ctl.from = `a redirect from ${current.href}`;
        current = next;
      }
    } catch (err) {
      if (isAppError(err)) {
        // Attach the hops so far to network failures on later hops, for the report.
        if (hops.length > 0 && err.details && !('hops' in err.details)) (err.details as Record<string, unknown>).hops = hops;
        throw err;
      }
      throw new AppError('INTERNAL', 'Unexpected fetch failure.', { cause: err });
    } finally {
      clearTimeout(deadline);
      req.signal?.removeEventListener('abort', onUserAbort);
    }
  }

  function buildResult(outcome: HopOutcome, hops: FetchHop[], startedAt: number): FetchResult {
    const { hop } = outcome;
    const serverDate = parseDateHeader(outcome.headers.date);
    const result = {
      url: hop.url,
      status: hop.status,
      statusText: hop.statusText,
      headers: outcome.headers,
      rawHeaders: outcome.rawHeaders,
      hops,
      ...(outcome.tls ? { tls: outcome.tls } : {}),
      remote: hop.remote,
      timings: { ...hop.timings, totalMs: elapsed(startedAt) },
      encodedBytes: outcome.encodedBytes,
      ...(outcome.contentEncoding !== undefined ? { contentEncoding: outcome.contentEncoding } : {}),
      ...(serverDate !== undefined ? { serverDate } : {}),
      receivedAt: outcome.receivedAt.toISOString(),
    };
    const body = new Uint8Array(outcome.body.buffer, outcome.body.byteOffset, outcome.body.byteLength);
    // Non-enumerable so JSON.stringify(result) is the evidence without the payload.
    Object.defineProperty(result, 'body', { value: body, enumerable: false });
    Object.defineProperty(result, 'text', { value: () => new TextDecoder('utf-8').decode(body), enumerable: false });
    return result as FetchResult;
  }

  return {
    fetch: fetchUrl,
    get trustStore() {
      return trust.info();
    },
    withExtraCa: (pem) => createFetcher({ ...options, extraCaPem: [...(options.extraCaPem ?? []), ...pem] }),
    close(): void {
      closed = true;
      for (const agent of httpsAgents.values()) agent.destroy();
      httpAgent?.destroy();
    },
  };
}

