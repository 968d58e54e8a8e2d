/**
 * The allow-list for `shell.openExternal`: only https links to the origins whose pages the app
 * cites — NHS's own documentation and repositories and the standards' own sites (RFCs, OpenID,
 * W3C, WHATWG, OWASP). Anything else could launch an arbitrary protocol handler on the user's
 * machine. Mirrors and pre-production copies of NHS pages are deliberately absent; a test
 * (test/unit/gates/official-sources.test.ts) keeps this list to official hosts.
 */

/** Exact https hosts the app may open in the system browser. */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'www.rfc-editor.org',
  'datatracker.ietf.org',
  'openid.net',
  'digital.nhs.uk',
  'nhsconnect.github.io',
  'github.com',
  'developer.community.nhs.uk',
  'url.spec.whatwg.org',
  'html.spec.whatwg.org',
  'www.w3.org',
  'cheatsheetseries.owasp.org',
]);

/**
 * Hosts where only some owners are official: on github.com only NHS's own organisations
 * (NHSDigital, nhsconnect). Compared case-insensitively, as GitHub treats owner names.
 */
const EXTERNAL_PATH_PREFIXES: ReadonlyMap<string, readonly string[]> = new Map([['github.com', ['/nhsdigital/', '/nhsconnect/']]]);

/**
 * True when `url` is an https URL on an allow-listed host (and, where the host has owners that
 * are not official, under an allowed path) with no credentials and the default port.
 */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    EXTERNAL_HOSTS.has(parsed.hostname) &&
    pathAllowed(parsed)
  );
}

function pathAllowed(parsed: URL): boolean {
  const prefixes = EXTERNAL_PATH_PREFIXES.get(parsed.hostname);
  if (prefixes === undefined) return true;
  const path = parsed.pathname.toLowerCase();
  return prefixes.some((prefix) => path.startsWith(prefix));
}
