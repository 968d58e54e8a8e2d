/**
 * The one gate every user-supplied URL passes before the fetcher touches the
 * network (ARCHITECTURE §6): https only, no userinfo, no fragment, and no
 * silent repairs — what the user typed is what we fetch, or we say why not.
 */
import { AppError } from '../../contract/errors';
import { classifyAddress, ipFamily } from './address';

export { classifyAddress, ipFamily, type AddressKind } from './address';

/** Why a URL was refused; carried in `details.reason` of `NETWORK_URL_REFUSED`. */
export type UrlRefusalReason =
  | 'empty'
  | 'too-long'
  | 'control-or-space'
  | 'backslash'
  | 'scheme-not-allowed'
  | 'not-absolute'
  | 'userinfo'
  | 'missing-host'
  | 'fragment'
  | 'invalid-url'
  | 'http-not-allowed';

/** Options of {@link parseTargetUrl}. */
export interface UrlPolicyOptions {
  /** Allow `http:` when the host is loopback (`localhost`, 127.0.0.0/8, `[::1]`). For local test servers. */
  allowLoopbackHttp?: boolean;
}

/** Longest URL accepted; far beyond any real endpoint, short enough to show in an error. */
export const MAX_URL_LENGTH = 4096;

function refuse(reason: UrlRefusalReason, message: string, input: string): never {
  // Shorten what we echo back: the input is untrusted and may be huge.
  const shown = input.length > 200 ? `${input.slice(0, 200)}…` : input;
  throw new AppError('NETWORK_URL_REFUSED', message, { details: { reason, url: shown } });
}

/** True for `localhost`, `*.localhost` (RFC 6761) and loopback IP literals. */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  return ipFamily(host) !== 0 && classifyAddress(host) === 'loopback';
}

/**
 * Parses and vets a URL the user (or a server, for redirects) supplied.
 *
 * Refuses instead of repairing: leading/trailing spaces, tabs and newlines (which
 * the WHATWG parser would strip), backslashes (which it would turn into slashes),
 * `https:host` without `//`, empty userinfo `https://@host` (which it would drop),
 * and any fragment. IDN hosts come back in punycode (`url.hostname`), which is
 * how they should be displayed to defeat look-alikes.
 *
 * @throws AppError `NETWORK_URL_REFUSED` with `details.reason` a {@link UrlRefusalReason}.
 */
export function parseTargetUrl(input: string, opts: UrlPolicyOptions = {}): URL {
  if (typeof input !== 'string' || input.length === 0) refuse('empty', 'The URL is empty.', String(input));
  if (input.length > MAX_URL_LENGTH) refuse('too-long', `The URL is longer than ${MAX_URL_LENGTH} characters.`, input);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f]/.test(input)) {
    refuse('control-or-space', 'The URL contains spaces or control characters.', input);
  }
  if (input.includes('\\')) refuse('backslash', 'The URL contains a backslash.', input);

  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(input)?.[1]?.toLowerCase();
  if (scheme === undefined) refuse('not-absolute', 'The URL must start with https://.', input);
  if (scheme !== 'https' && scheme !== 'http') {
    refuse('scheme-not-allowed', `The URL scheme "${scheme}:" is not allowed; use https://.`, input);
  }
  const afterScheme = input.slice(scheme.length + 1);
  if (!afterScheme.startsWith('//')) refuse('not-absolute', 'The URL must start with https://.', input);
  const authority = /^[^/?#]*/.exec(afterScheme.slice(2))?.[0] ?? '';
  if (authority.includes('@')) refuse('userinfo', 'The URL must not contain a user name or password.', input);
  if (authority === '') refuse('missing-host', 'The URL has no host.', input);
  if (input.includes('#')) refuse('fragment', 'The URL must not contain a fragment (#…).', input);

  let url: URL;
  try {
    url = new URL(input);
  } catch {
    refuse('invalid-url', 'The URL is not valid.', input);
  }
  if (url.hostname === '') refuse('missing-host', 'The URL has no host.', input);

  if (url.protocol === 'http:') {
    if (!opts.allowLoopbackHttp) refuse('http-not-allowed', 'Only https:// URLs are allowed.', input);
    if (!isLoopbackHostname(url.hostname)) {
      refuse('http-not-allowed', 'http:// is allowed only for loopback hosts; use https://.', input);
    }
  }
  return url;
}
