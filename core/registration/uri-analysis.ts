/**
 * Robust, never-throwing analysis of a URI string as typed by a user.
 *
 * Providers compare registered URIs by simple string comparison, while the WHATWG `URL`
 * parser silently strips tabs/newlines and leading/trailing spaces and lower-cases hosts.
 * So the raw text is inspected first (whitespace, control characters, `#`, `?`, `*`) and
 * `URL` is used only for the structure, inside try/catch.
 */
import { domainToUnicode } from 'node:url';

/** Longer than this is flagged; many servers and browsers cap request lines around 2 KB. */
export const URI_LENGTH_WARN = 2000;
/** Beyond this the string is not parsed at all (protects against pathological inputs). */
export const URI_LENGTH_MAX = 65_536;

/** Schemes whose URIs run or expose content instead of naming an endpoint. */
export const DANGEROUS_SCHEMES: readonly string[] = ['javascript', 'data', 'file', 'vbscript', 'blob'];

/** What {@link analyseUri} found out about one string. */
export interface UriAnalysis {
  /** The string exactly as given. */
  readonly raw: string;
  /** Parsed as an absolute URI (with a scheme). */
  readonly parsed: boolean;
  /** Why it did not parse (only when `parsed` is false). */
  readonly parseProblem?: 'empty' | 'too-long' | 'relative' | 'unparseable' | 'host-port-without-scheme';
  /** Lower-case scheme without the colon. */
  readonly scheme?: string;
  /** Host as `URL` gives it (lower case, punycode, IPv6 in brackets); '' when absent. */
  readonly host?: string;
  /** Host without IPv6 brackets. */
  readonly hostname?: string;
  readonly port?: string;
  /** Path as `URL` gives it. */
  readonly pathname?: string;
  /** Contains whitespace (anywhere) or C0/C1 control characters. */
  readonly hasWhitespaceOrControl: boolean;
  /** Longer than {@link URI_LENGTH_WARN}. */
  readonly tooLong: boolean;
  /** Contains a `#` (a fragment, even an empty one). */
  readonly hasFragment: boolean;
  /** Contains a `?` before any `#` (a query, even an empty one). */
  readonly hasQuery: boolean;
  /** Has `user[:password]@` before the host. */
  readonly hasUserinfo: boolean;
  /** `*` (or `%2A`) in the host or path. */
  readonly hasWildcard: boolean;
  /** The host is an internationalised domain name (has `xn--` labels after IDNA). */
  readonly isIdn: boolean;
  /** Unicode form of an IDN host, for display next to the punycode. */
  readonly unicodeHost?: string;
  /** The host is a loopback IP literal (127.0.0.0/8 or ::1). */
  readonly isLoopbackIp: boolean;
  /** The host is `localhost` or a `.localhost` name. */
  readonly isLocalhostName: boolean;
  /** The host is a private/link-local IP literal or a `.local`/`.internal` name. */
  readonly isPrivateHost: boolean;
}

// Whitespace per JS `\s` plus C0, DEL and C1 controls; also zero-width and bidi controls that
// make a URI look different from what it is.
// eslint-disable-next-line no-control-regex -- detecting control characters is the point
const WHITESPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;

const BASE: Omit<UriAnalysis, 'raw' | 'parsed'> = {
  hasWhitespaceOrControl: false,
  tooLong: false,
  hasFragment: false,
  hasQuery: false,
  hasUserinfo: false,
  hasWildcard: false,
  isIdn: false,
  isLoopbackIp: false,
  isLocalhostName: false,
  isPrivateHost: false,
};

/** Analyses `raw` as a URI. Never throws, for any string. */
export function analyseUri(raw: string): UriAnalysis {
  const tooLong = raw.length > URI_LENGTH_WARN;
  const hasWhitespaceOrControl = WHITESPACE_OR_CONTROL.test(raw);
  const hashAt = raw.indexOf('#');
  const beforeHash = hashAt === -1 ? raw : raw.slice(0, hashAt);
  const common = { ...BASE, raw, tooLong, hasWhitespaceOrControl, hasFragment: hashAt !== -1, hasQuery: beforeHash.includes('?') };

  if (raw.trim() === '') return { ...common, parsed: false, parseProblem: 'empty' };
  if (raw.length > URI_LENGTH_MAX) return { ...common, parsed: false, parseProblem: 'too-long' };
  // A scheme is required for an absolute URI (RFC 3986 §4.3); `URL` would also accept some
  // relative forms against a base, which we never give it.
  const schemeMatch = /^\s*([A-Za-z][A-Za-z0-9+.-]*):/.exec(raw);
  if (!schemeMatch) return { ...common, parsed: false, parseProblem: 'relative' };
  const afterColon = raw.slice(schemeMatch[0].length);
  const schemeText = (schemeMatch[1] ?? '').toLowerCase();
  // "localhost:8080/cb" or "example.com:443" parse as a scheme + path; they are a host and
  // port with the scheme forgotten. A one-letter "scheme" is a Windows drive letter.
  if (schemeText === 'localhost' || /^\d+(?:[/?#]|$)/.test(afterColon) || schemeText.length === 1) {
    return { ...common, parsed: false, parseProblem: 'host-port-without-scheme' };
  }

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ...common, parsed: false, parseProblem: 'unparseable' };
  }

  const scheme = url.protocol.replace(/:$/, '').toLowerCase();
  const host = url.host;
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const labels = hostname.split('.');
  const isIdn = labels.some((label) => label.startsWith('xn--'));
  let unicodeHost: string | undefined;
  if (isIdn) {
    try {
      unicodeHost = domainToUnicode(hostname) || undefined;
    } catch {
      unicodeHost = undefined;
    }
  }
  let pathname = url.pathname;
  const decodedPath = safeDecode(pathname);
  const hasWildcard = hostname.includes('*') || decodedPath.includes('*') || /%2a/i.test(url.hostname);
  const isLoopbackIp = isLoopbackAddress(hostname);
  const isLocalhostName = hostname === 'localhost' || hostname.endsWith('.localhost');
  if (pathname.length > URI_LENGTH_MAX) pathname = pathname.slice(0, URI_LENGTH_MAX);

  return {
    ...common,
    parsed: true,
    scheme,
    host,
    hostname,
    port: url.port,
    pathname,
    // `URL` drops an empty userinfo ("https://@host"), so the raw authority is checked too.
    hasUserinfo: url.username !== '' || url.password !== '' || /^\s*[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(raw),
    hasWildcard,
    isIdn,
    ...(unicodeHost !== undefined ? { unicodeHost } : {}),
    isLoopbackIp,
    isLocalhostName,
    isPrivateHost: isPrivateAddress(hostname) || /\.(local|internal|lan|home\.arpa)$/.test(hostname),
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** True for an IPv4 literal in 127.0.0.0/8 or the IPv6 loopback `::1` (as `URL` normalises them). */
export function isLoopbackAddress(hostname: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname) || hostname === '::1';
}

function isPrivateAddress(hostname: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
  if (v4) {
    const a = Number(v4[1]);
    const b = Number(v4[2]);
    return a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  const lower = hostname.toLowerCase();
  // IPv6 unique-local (fc00::/7) and link-local (fe80::/10).
  return lower.includes(':') && (/^f[cd][0-9a-f]{2}:/.test(lower) || /^fe[89ab][0-9a-f]:/.test(lower));
}
