/**
 * The allow-list for `shell.openExternal`: only https links to the origins whose pages the app
 * cites (RFCs, OpenID specs, NHS documentation). Anything else could launch an arbitrary
 * protocol handler on the user's machine.
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
  'production-like.nhsd.io',
  'nhsd-proxy.dokku3.ebmdatalab.net',
  'www.electronjs.org',
]);

/** True when `url` is an https URL on an allow-listed host with no credentials and the default port. */
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
    EXTERNAL_HOSTS.has(parsed.hostname)
  );
}
