/**
 * Classifies a redirect URI the way RFC 8252 (OAuth for native apps) and OpenID Connect
 * Registration think about them, so rules and the UI can speak of "a loopback URI" or
 * "a private-use scheme" instead of re-parsing strings everywhere.
 */
import { analyseUri, DANGEROUS_SCHEMES, type UriAnalysis } from './uri-analysis';

/** The kinds of redirect URI (RFC 8252 §7, plus the ones that are plainly wrong). */
export type RedirectUriKind =
  | 'https'
  | 'claimed-https'
  | 'loopback-ip'
  | 'localhost'
  | 'private-use-reverse-dns'
  | 'private-use-other'
  | 'http-non-loopback'
  | 'dangerous'
  | 'invalid';

/** Result of {@link classifyRedirectUri}. */
export interface RedirectUriClass {
  readonly kind: RedirectUriKind;
  /** Lower-case scheme, when one could be read. */
  readonly scheme?: string;
  /** Host as parsed (punycode for IDNs), '' for none. */
  readonly host?: string;
  /** Human-readable reason for `invalid`, `dangerous` and notable details of other kinds. */
  readonly reasons: readonly string[];
  /** The underlying analysis (fragment, query, wildcard, IDN …). */
  readonly analysis: UriAnalysis;
}

/** Options of {@link classifyRedirectUri}. */
export interface ClassifyOptions {
  /**
   * OIDC `application_type`. For `native` an https URI is a claimed https URI
   * (RFC 8252 §7.2: app links / universal links); for `web` it is an ordinary https URI.
   */
  readonly applicationType?: 'web' | 'native';
}

/**
 * True when `scheme` reads as a reverse domain name (RFC 8252 §7.1), e.g. `com.example.app`:
 * at least two dot-separated labels of letters, digits and hyphens, starting with a letter.
 */
export function isReverseDnsScheme(scheme: string): boolean {
  const labels = scheme.split('.');
  return labels.length >= 2 && labels.every((label) => /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(label)) && /^[a-z]/.test(labels[0] ?? '');
}

/** Classifies one redirect URI. Never throws, for any string. */
export function classifyRedirectUri(uri: string, options: ClassifyOptions = {}): RedirectUriClass {
  const analysis = analyseUri(typeof uri === 'string' ? uri : String(uri));
  const reasons: string[] = [];
  if (!analysis.parsed) {
    reasons.push(problemText(analysis.parseProblem));
    return { kind: 'invalid', reasons, analysis };
  }
  const scheme = analysis.scheme ?? '';
  const host = analysis.host ?? '';
  if (DANGEROUS_SCHEMES.includes(scheme)) {
    reasons.push(`The "${scheme}:" scheme runs or exposes content; it can never be a redirect endpoint.`);
    return { kind: 'dangerous', scheme, host, reasons, analysis };
  }
  if (analysis.hasWhitespaceOrControl) {
    reasons.push('Contains whitespace or control characters, so it can never match by simple string comparison.');
    return { kind: 'invalid', scheme, host, reasons, analysis };
  }
  if (scheme === 'https') {
    if (host === '') {
      reasons.push('An https URI needs a host.');
      return { kind: 'invalid', scheme, host, reasons, analysis };
    }
    return { kind: options.applicationType === 'native' ? 'claimed-https' : 'https', scheme, host, reasons, analysis };
  }
  if (scheme === 'http') {
    if (analysis.isLoopbackIp) {
      if (analysis.hostname !== '127.0.0.1' && analysis.hostname !== '::1') reasons.push('RFC 8252 names 127.0.0.1 and [::1]; other 127.x addresses may not be matched.');
      return { kind: 'loopback-ip', scheme, host, reasons, analysis };
    }
    if (analysis.isLocalhostName) return { kind: 'localhost', scheme, host, reasons, analysis };
    return { kind: 'http-non-loopback', scheme, host, reasons, analysis };
  }
  if (isReverseDnsScheme(scheme)) return { kind: 'private-use-reverse-dns', scheme, host, reasons, analysis };
  if (['ws', 'wss', 'ftp'].includes(scheme)) reasons.push(`"${scheme}:" is a network scheme, not a private-use scheme; no browser redirects to it.`);
  return { kind: 'private-use-other', scheme, host, reasons, analysis };
}

function problemText(problem: UriAnalysis['parseProblem']): string {
  switch (problem) {
    case 'empty':
      return 'Empty.';
    case 'too-long':
      return 'Far too long to be a URI.';
    case 'relative':
      return 'Not an absolute URI: it has no scheme (such as https:).';
    case 'host-port-without-scheme':
      return 'Looks like a host and port without a scheme; add https:// (or http:// for a loopback address).';
    case 'unparseable':
    case undefined:
      return 'Not a valid URI.';
  }
}
