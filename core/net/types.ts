/**
 * Public types of the safe fetcher. Everything here is plain JSON except
 * `FetchResult.body` / `FetchResult.text`, which are non-enumerable so that
 * `JSON.stringify(result)` yields the evidence without the payload.
 */
import type { AddressKind } from './address';
import type { UrlSource } from './address-policy';

/** Where the trusted root certificates came from. */
export type TrustSource = 'bundled' | 'system' | 'extra-file';

/** The trust store the fetcher verifies server certificates against. */
export interface TrustStoreInfo {
  /** Sources in use, in order. `system` appears only when the runtime offers it. */
  sources: TrustSource[];
  /** Human summary, e.g. "Node bundled Mozilla roots (146) + operating-system trust store (139)". */
  description: string;
}

/** One certificate of the chain the server presented (as Node saw it). */
export interface CertificateInfo {
  /** Distinguished name, e.g. "CN=example.org, O=Example". */
  subject: string;
  /** Issuer distinguished name. */
  issuer: string;
  /** SAN entries as Node prints them, e.g. "DNS:example.org", "IP Address:127.0.0.1". */
  subjectAltNames: string[];
  /** ISO 8601 start of validity. */
  validFrom: string;
  /** ISO 8601 end of validity. */
  validTo: string;
  /** Whole days until `validTo` (negative when expired). */
  daysLeft: number;
  /** Hex serial number. */
  serialNumber: string;
  /** SHA-256 fingerprint, colon-separated hex. */
  fingerprint256: string;
  /** Issued by itself (a root, or a lone self-signed leaf). */
  selfSigned: boolean;
}

/** TLS facts of the connection a response came over. */
export interface TlsInfo {
  /** e.g. "TLSv1.3". */
  protocol: string | null;
  /** Negotiated cipher suite. */
  cipher: { name: string; standardName: string; version: string } | null;
  /** Whether the chain and host name verified (always true on a result: failures throw). */
  authorized: boolean;
  /** OpenSSL / Node verdict when not authorized. */
  authorizationError: string | null;
  /** Leaf first, then issuers up to the first self-issued certificate. */
  chain: CertificateInfo[];
  /** Whether the TLS session was resumed (no full handshake). */
  sessionReused: boolean;
  /** ALPN protocol, when negotiated. */
  alpnProtocol: string | null;
  /** The store the chain was verified against. */
  trustStore: TrustStoreInfo;
}

/** A resolved address of the target host. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
  kind: AddressKind;
}

/** Where a response actually came from. */
export interface RemoteInfo {
  /** The peer address of the socket used. */
  address: string;
  family: 4 | 6;
  port: number;
  /** Every address DNS returned for the host (or the literal IP), classified. */
  addresses: ResolvedAddress[];
}

/** Durations in milliseconds of one request. Connect and TLS are 0 on a reused connection. */
export interface FetchTimings {
  dnsMs: number;
  connectMs: number;
  tlsMs: number;
  /** From sending the request (socket assigned) to the response headers. */
  ttfbMs: number;
  /** From the start to the last body byte; on a {@link FetchResult}, across all hops. */
  totalMs: number;
  reusedConnection: boolean;
}

/** One request/response of a fetch: the final response is the last hop. */
export interface FetchHop {
  url: string;
  status: number;
  statusText: string;
  /** The absolute redirect target, when the response was a redirect with `Location`. */
  location?: string;
  remote: RemoteInfo;
  timings: FetchTimings;
  /** TLS protocol of the hop (full details on {@link FetchResult.tls} for the final hop). */
  tlsProtocol?: string | null;
}

/** Where a fetch is (and, when it failed, was; carried in `details.phase`). */
export type FetchPhase = 'dns' | 'connect' | 'tls' | 'headers' | 'body' | 'redirect';

/** Options of one {@link Fetcher.fetch}. */
export interface FetchRequest {
  /**
   * Where the URL came from, for the address policy (`address-policy.ts`). Default `untrusted`:
   * only a URL the user typed may lead to a loopback or private address.
   */
  source?: UrlSource;
  /** Where an untrusted URL came from, for the refusal message, e.g. "the package being verified". */
  sourceLabel?: string;
  /** The user allowed private networks explicitly (`--allow-private-network`). Link-local stays refused. */
  allowPrivateNetwork?: boolean;
  /** `GET` (default) or `POST` with {@link FetchRequest.form}. A POST is never redirected. */
  method?: 'GET' | 'POST';
  /** A small `application/x-www-form-urlencoded` body (POST only), sent in this order. */
  form?: URLSearchParams | Record<string, string>;
  /** Total deadline from DNS to the last body byte, across redirects. Default 10 000 ms. */
  timeoutMs?: number;
  /** Deadline for TCP connect plus TLS handshake. Default 5 000 ms (never beyond the total). */
  connectTimeoutMs?: number;
  /** Deadline from sending the request to the response headers. Default: the total deadline. */
  headersTimeoutMs?: number;
  /** Cap on the DECODED body. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Cap on redirects followed when `followRedirects`. Default 3. */
  maxRedirects?: number;
  /** Follow redirects (each hop re-validated). Default false: a 3xx is returned as the result. */
  followRedirects?: boolean;
  /** Extra request headers. Credentials, cookies and transport headers are refused. */
  headers?: Record<string, string>;
  /** Cancels the fetch (`CANCELLED`). */
  signal?: AbortSignal;
  /** The `accept` header. Default `*\/*`. */
  accept?: string;
  /**
   * Called as the fetch moves on, e.g. `headers` once the request is on its way and the
   * response is awaited (for progress, or to do other work meanwhile). Errors it throws are ignored.
   */
  onPhase?: (phase: FetchPhase) => void;
}

/** A response, with the evidence of how it was obtained. */
export interface FetchResult {
  /** Final URL (after followed redirects). */
  url: string;
  status: number;
  statusText: string;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Headers exactly as received, in order. */
  rawHeaders: [string, string][];
  /** Decoded body (non-enumerable). */
  readonly body: Uint8Array;
  /** Body decoded as UTF-8 (non-enumerable). */
  text(): string;
  /** Every response received, in order; the last is this one. */
  hops: FetchHop[];
  /** TLS facts of the final response; absent for loopback http. */
  tls?: TlsInfo;
  remote: RemoteInfo;
  timings: FetchTimings;
  /** Body bytes as received on the wire (before content decoding). */
  encodedBytes: number;
  /** The `content-encoding` that was decoded, if any. */
  contentEncoding?: string;
  /** The server's `Date` header as ISO 8601, when present and parseable (for clock-skew checks). */
  serverDate?: string;
  /** The local clock when the final response's headers arrived, ISO 8601. */
  receivedAt: string;
}

/** A custom DNS lookup (tests, or a resolver with policy); same contract as `dns.promises.lookup(host, { all: true })`. */
export type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

/** Options of {@link createFetcher}. */
export interface FetcherOptions {
  /** PEM certificates (each string may hold several) trusted in addition to the bundled/system roots. */
  extraCaPem?: string[];
  /** The fixed `user-agent`. Default `oidc-onboard/<version>` (`USER_AGENT`). */
  userAgent?: string;
  /** Allow `http:` to loopback hosts (local test servers only). */
  allowLoopbackHttp?: boolean;
  /** DNS resolution; defaults to `dns.promises.lookup(host, { all: true })`. */
  lookup?: LookupAll;
  /** Parallel connections per origin. Default 6; 1 makes concurrent requests share one connection. */
  maxSocketsPerOrigin?: number;
  /** Clock for `daysLeft` and `receivedAt`. Default: the system clock. */
  now?: () => Date;
  /** Use the operating-system trust store when the runtime offers it. Default true. */
  useSystemCa?: boolean;
}

/**
 * The safe HTTPS client of ARCHITECTURE §6 — a port: the composition roots build one and
 * every service that touches a URL receives it.
 */
export interface Fetcher {
  /**
   * GET (or POST a small form to) `url` under the network policy. Non-2xx statuses are
   * results, not errors.
   *
   * @throws AppError `NETWORK_URL_REFUSED` / `NETWORK_ADDRESS_REFUSED` before any connection,
   *   other `NETWORK_*` codes, `CANCELLED`.
   */
  fetch(url: string, req?: FetchRequest): Promise<FetchResult>;
  /** The trust store in use. */
  readonly trustStore: TrustStoreInfo;
  /**
   * A fetcher with the same options that also trusts `pem` (e.g. a corporate root given with
   * `--ca`). It has its own connections: close it when done.
   *
   * @throws AppError `INPUT_UNREADABLE` when `pem` holds no PEM certificate.
   */
  withExtraCa(pem: string[]): Fetcher;
  /** Destroys the keep-alive connections. The fetcher must not be used afterwards. */
  close(): void;
}
