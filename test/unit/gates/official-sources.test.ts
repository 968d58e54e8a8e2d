// Every URL the project cites is on an official host: NHS's own pages and repositories, or the
// standards' own sites (issue 11 item 1). Scans the text of core/, docs/, README.md and the app's
// external-link allow-list, and walks the profile, rule and check data (URLs built from constants).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_CATALOGUE, CHECK_SOURCES } from '../../../core/jwks-check';
import { findEnvironment, getProfile, listProfiles, SOURCES } from '../../../core/profiles';
import { RULE_LIST } from '../../../core/registration';
import { EXTERNAL_HOSTS } from '../../../electron/external-links';

const root = path.resolve(import.meta.dirname, '../../..');

/** Hosts whose pages may be cited as sources. */
const SOURCE_HOSTS = new Set([
  'digital.nhs.uk',
  'nhsconnect.github.io',
  'github.com', // only under NHS's own organisations, see OFFICIAL_GITHUB_OWNERS
  'developer.community.nhs.uk', // corroboration only
  'www.rfc-editor.org',
  'datatracker.ietf.org',
  'openid.net',
  'www.w3.org',
  'url.spec.whatwg.org',
  'html.spec.whatwg.org',
  'cheatsheetseries.owasp.org',
]);
const OFFICIAL_GITHUB_OWNERS = ['nhsdigital', 'nhsconnect'];

/** NHS's own service hosts: provider endpoints in profile data (issuers, discovery, token URLs). */
const NHS_SERVICE_HOST = /^(?:[a-z0-9-]+\.)*(?:signin\.nhs\.uk|login\.nhs\.uk|spineservices\.nhs\.uk|api\.service\.nhs\.uk)$/;

/** Names reserved for examples (RFC 2606, RFC 6761), used in hints and test-looking snippets. */
const EXAMPLE_HOST = /^(?:[a-z0-9-]+\.)*(?:example\.(?:org|com|net)|example|test|invalid|localhost)$/;

/**
 * Forms NHS itself links to from its own pages (not sources: where to apply). Each with the NHS
 * page that publishes it, so a reviewer can re-check it.
 */
const NHS_PUBLISHED_FORMS: Record<string, string> = {
  // Sandpit Environment Request Form: nhsconnect/nhslogin src/integrating-to-sandpit.md at 8563198.
  'https://forms.office.com/e/HaKHCGFBxP': 'https://nhsconnect.github.io/nhslogin/integrating-to-sandpit/',
};

/** A dependency's own home page, allowed in the README only (kept small on purpose). */
const README_DEPENDENCY_PAGES = ['https://github.com/Brooooooklyn/keyring-node', 'https://github.com/panva/jose'];

/** Pages NHS removed or that are not NHS's: never acceptable, whatever the rules above say. */
const BANNED = [/nhsd-proxy\.dokku3\.ebmdatalab\.net/i, /production-like\.nhsd\.io/i, /nhsconnect\.github\.io\/nhslogin\/interface-spec-doc-\d/i];

/** Why `url` is not acceptable, or `undefined` when it is. */
function refusal(url: string, { readme = false } = {}): string | undefined {
  if (BANNED.some((pattern) => pattern.test(url))) return 'banned (a mirror, a pre-production site or a removed page)';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined; // not a URL (prose such as "https://…", or a template); data URLs are walked below
  }
  const host = parsed.hostname.toLowerCase();
  // Single-label names and IP literals are placeholders or loopback examples (https://host/realm, http://127.0.0.1:8080).
  if (!host.includes('.') || /^[\d.]+$/.test(host) || host.startsWith('[')) return undefined;
  if (EXAMPLE_HOST.test(host) || NHS_SERVICE_HOST.test(host)) return undefined;
  if (host === 'raw.githubusercontent.com') {
    return OFFICIAL_GITHUB_OWNERS.some((owner) => parsed.pathname.toLowerCase().startsWith(`/${owner}/`)) ? undefined : 'raw file outside NHS organisations';
  }
  if (Object.hasOwn(NHS_PUBLISHED_FORMS, url)) return undefined;
  if (readme && README_DEPENDENCY_PAGES.some((page) => url === page || url.startsWith(`${page}#`))) return undefined;
  if (!SOURCE_HOSTS.has(host)) return `host ${host} is not an official source`;
  if (host === 'github.com' && !OFFICIAL_GITHUB_OWNERS.some((owner) => parsed.pathname.toLowerCase().startsWith(`/${owner}/`))) return 'GitHub repository outside NHSDigital / nhsconnect';
  return undefined;
}

function files(entry: string): string[] {
  const full = path.join(root, entry);
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full).flatMap((name) => files(path.join(entry, name)));
}

const URL_PATTERN = /https?:\/\/[^\s"'`<>)\]|\\]+/g;

function urlsIn(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  // Trailing sentence punctuation is not part of a link.
  return [...text.matchAll(URL_PATTERN)].map((match) => match[0].replace(/[.,;:]+$/, '')).filter((url) => !url.includes('${'));
}

function urlsInData(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (/^https?:\/\//.test(value)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) urlsInData(item, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) urlsInData(item, out);
  }
  return out;
}

describe('official sources only', () => {
  it('the classifier refuses the hosts and pages the issue names, and accepts the official ones', () => {
    expect(refusal('https://nhsd-proxy.dokku3.ebmdatalab.net/services/care-identity-service/applications-and-services/cis2-authentication/integrate/design-and-build/discovery')).toBeDefined();
    expect(refusal('https://production-like.nhsd.io/services/care-identity-service/applications-and-services/cis2-authentication/guidance-for-developers/detailed-guidance/signatures')).toBeDefined();
    expect(refusal('https://nhsconnect.github.io/nhslogin/interface-spec-doc-7/')).toBeDefined();
    expect(refusal('https://github.com/someone/nhs-fork')).toBeDefined();
    expect(refusal('https://raw.githubusercontent.com/someone/keys/main/jwks.json')).toBeDefined();
    expect(refusal('https://en.wikipedia.org/wiki/OpenID')).toBeDefined();
    expect(refusal('https://forms.office.com/e/SomethingElse')).toBeDefined();
    expect(refusal('https://github.com/Brooooooklyn/keyring-node')).toBeDefined(); // only in the README
    expect(refusal('https://github.com/Brooooooklyn/keyring-node', { readme: true })).toBeUndefined();
    expect(refusal('https://nhsconnect.github.io/nhslogin/interface-spec-doc/')).toBeUndefined();
    expect(refusal(SOURCES.apiJwksCache.url)).toBeUndefined();
    expect(refusal('https://am.nhsdep.auth-ptl.cis2.spineservices.nhs.uk/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare/.well-known/openid-configuration')).toBeUndefined();
  });

  const scanned = [...files('core'), ...files('docs'), 'README.md', 'electron/external-links.ts'];
  it.each(scanned)('%s cites official hosts only', (file) => {
    const bad = urlsIn(file)
      .map((url) => [url, refusal(url, { readme: file === 'README.md' })] as const)
      .filter(([, why]) => why !== undefined);
    expect(bad).toEqual([]);
  });

  it('every URL in the profile, rule and check data is official (including URLs built from constants)', () => {
    const data = [listProfiles(), SOURCES, RULE_LIST.map((rule) => rule.source), CHECK_SOURCES, CHECK_CATALOGUE.map((check) => check.source)];
    const urls = urlsInData(data);
    expect(urls.length).toBeGreaterThan(50);
    expect(urls.map((url) => [url, refusal(url)] as const).filter(([, why]) => why !== undefined)).toEqual([]);
  });

  it('every source in the data is a source host (provider endpoints are not sources)', () => {
    const sources = urlsInData([listProfiles().map((profile) => JSON.parse(JSON.stringify(profile, (key, value: unknown) => (['issuer', 'discoveryUrl', 'tokenEndpoint', 'urlTemplate'].includes(key) ? undefined : value)))), SOURCES]);
    for (const url of sources) expect(SOURCE_HOSTS.has(new URL(url).hostname), url).toBe(true);
  });

  it('the external-link allow-list holds source hosts only', () => {
    for (const host of EXTERNAL_HOSTS) expect(SOURCE_HOSTS.has(host), host).toBe(true);
  });

  it('generic rules (not provider-specific) and the generic-oidc profile cite the standard, not an NHS page', () => {
    const nhs = /nhs\.uk|nhsconnect|NHSDigital/i;
    for (const rule of RULE_LIST.filter((r) => r.provider !== true)) expect(rule.source.url, rule.code).not.toMatch(nhs);
    expect(urlsInData(getProfile('generic-oidc')).filter((url) => nhs.test(url))).toEqual([]);
  });

  it('profiles list no NHS login mock, an API platform sandbox and a CIS2 DEP discovery URL', () => {
    expect(findEnvironment(getProfile('nhs-login'), 'mock')).toBeUndefined();
    expect(findEnvironment(getProfile('nhs-api-platform'), 'sandbox')?.tokenEndpoint).toBe('https://sandbox.api.service.nhs.uk/oauth2/token');
    expect(findEnvironment(getProfile('nhs-cis2'), 'dep')?.discoveryUrl).toBe(
      'https://am.nhsdep.auth-ptl.cis2.spineservices.nhs.uk/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare/.well-known/openid-configuration',
    );
  });

  it('each profile carries the date its facts were checked', () => {
    for (const profile of listProfiles()) expect(profile.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(getProfile('nhs-login').updated >= '2026-12-01').toBe(true);
  });
});
