/**
 * Environment progression: two registrations of one application (e.g. CIS2 INT and LIVE)
 * compared value by value, with what must differ (the key pair; test hosts in live) and what NHS
 * expects to match (CIS2: "production replicates INT" — the auth method, algorithms, UserInfo
 * signing, back-channel logout). Pure: registrations in, report out.
 *
 * The test-host heuristic ({@link testHostReason}) flags a URL whose host is
 * - an IP literal that is not public (loopback, private incl. CGNAT, link-local, unique-local, …);
 * - `localhost` or a name under `.localhost`;
 * - a name under a special-use or private-use suffix: `.test`, `.example`, `.invalid`,
 *   `.localhost` (RFC 6761), `.local` (RFC 6762, mDNS), `.internal`, `.lan`, `.home.arpa` (RFC 8375);
 * - a single-label name (no dot: never a public DNS name);
 * - a name with a label, other than the top-level one, that is or contains the hyphen-separated
 *   word `dev`, `test`, `development` or `testing` (`dev.example.com`, `app-test.example.org`, but
 *   not `devon.example.com`, `latest.example.com`, nor the public `.dev` top-level domain).
 * Custom-scheme redirect URIs (native apps) carry no host and are not judged. It is a heuristic:
 * a production host named `test-results.example.com` would be flagged, and is then an error to
 * resolve on purpose (rename it, or accept that compare exits 1 for it).
 */
import type { CompareFinding, CompareReport, CompareRow } from '../../contract/schemas/compare';
import type { Registration } from '../../contract/schemas/registration';
import { classifyAddress } from '../net/address';
import { findEnvironment, SOURCES } from '../profiles';
import { profileFor } from './profile-for';

/** Environment ids that are production. */
const LIVE_ENVIRONMENTS = new Set(['live', 'prod', 'production']);

/** Choices NHS expects to be the same in every environment ("production replicates INT" for CIS2). */
const SHOULD_MATCH = [
  'token_endpoint_auth_method',
  'token_endpoint_auth_signing_alg',
  'userinfo_signed_response_alg',
  'id_token_signed_response_alg',
  'backchannel_logout_session_required',
  'application_type',
  'grant_types',
  'response_types',
  'scope',
] as const;

/** Members holding URLs of the relying party: a test host there is an error in live. */
const URL_MEMBERS = ['redirect_uris', 'jwks_uri', 'backchannel_logout_uri', 'post_logout_redirect_uris', 'initiate_login_uri', 'frontchannel_logout_uri'] as const;

const SPECIAL_SUFFIXES = ['test', 'example', 'invalid', 'localhost', 'local', 'internal', 'lan', 'home.arpa'];
const TEST_WORDS = new Set(['dev', 'test', 'development', 'testing']);

/**
 * Why `url` points at a test host, or `undefined` when it does not look like one (see the module
 * comment for the heuristic). Unparsable values and custom schemes return `undefined`: the rule
 * engine judges those.
 */
export function testHostReason(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
  if (host === '') return undefined;
  if (/^[\d.]+$/.test(host) || host.includes(':')) {
    try {
      const kind = classifyAddress(host);
      return kind === 'public' ? undefined : `${host} is a ${kind} address`;
    } catch {
      return undefined;
    }
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is a loopback name`;
  const suffix = SPECIAL_SUFFIXES.find((s) => host === s || host.endsWith(`.${s}`));
  if (suffix) return `${host} is under .${suffix}, a special-use name that is not on the public internet`;
  const labels = host.split('.');
  if (labels.length === 1) return `${host} is a single-label name, not a public DNS name`;
  const word = labels
    .slice(0, -1)
    .flatMap((label) => label.split('-'))
    .find((token) => TEST_WORDS.has(token));
  return word ? `${host} has a "${word}" label, the name of a test host` : undefined;
}

function urlsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

interface StoredKey {
  kid: string;
  thumbprint: string;
  state: string;
}

function keysOf(reg: Registration): StoredKey[] {
  return reg.keys
    .map((k) => ({ kid: String(k.kid ?? ''), thumbprint: String(k.thumbprint ?? ''), state: String(k.state ?? '') }))
    .filter((k) => k.thumbprint !== '');
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const own = (obj: Record<string, unknown>, key: string) => (Object.hasOwn(obj, key) ? obj[key] : undefined);

function side(reg: Registration) {
  const profile = profileFor(reg);
  return {
    id: reg.id,
    provider: reg.provider,
    providerName: profile.name,
    environment: reg.environment,
    environmentName: findEnvironment(profile, reg.environment)?.label ?? reg.environment,
    live: LIVE_ENVIRONMENTS.has(reg.environment),
  };
}

/** Compares registration `a` with registration `b` (two environments of one application). */
export function compareRegistrations(a: Registration, b: Registration): CompareReport {
  const sa = side(a);
  const sb = side(b);
  const findings: CompareFinding[] = [];
  const rows: CompareRow[] = [];
  const replicate = SOURCES.cis2GoLive;
  const cis2 = a.provider === 'nhs-cis2' && b.provider === 'nhs-cis2';

  if (a.id === b.id) findings.push({ code: 'compare.same-registration', severity: 'error', message: `Both sides are ${a.id}: compare two registrations.` });
  if (a.provider !== b.provider) {
    findings.push({ code: 'compare.provider-differs', severity: 'error', message: `${a.id} is ${sa.providerName} and ${b.id} is ${sb.providerName}: environments of one application share a provider.` });
  } else if (a.environment === b.environment && a.id !== b.id) {
    findings.push({ code: 'compare.same-environment', severity: 'warning', message: `Both are ${sa.environmentName}: compare two different environments of one application.` });
  }

  // Values, member by member.
  const members = [...new Set([...Object.keys(a.metadata), ...Object.keys(b.metadata)])].sort();
  for (const member of members) {
    const va = own(a.metadata, member);
    const vb = own(b.metadata, member);
    const expectation = (SHOULD_MATCH as readonly string[]).includes(member) ? 'should-match' : 'may-differ';
    rows.push({ member, ...(va !== undefined && { a: va }), ...(vb !== undefined && { b: vb }), same: same(va, vb), expectation });
    if (expectation === 'should-match' && !same(va, vb) && a.provider === b.provider) {
      findings.push({
        code: 'compare.should-match',
        severity: cis2 ? 'warning' : 'info',
        member,
        message: cis2
          ? `${member} is ${JSON.stringify(va) ?? 'unset'} in ${sa.environmentName} but ${JSON.stringify(vb) ?? 'unset'} in ${sb.environmentName}: CIS2 production replicates the INT configuration, so NHS expects the same choice.`
          : `${member} differs (${JSON.stringify(va) ?? 'unset'} / ${JSON.stringify(vb) ?? 'unset'}): usually the same in every environment.`,
        ...(cis2 && { source: replicate }),
      });
    }
  }
  const bclA = own(a.metadata, 'backchannel_logout_uri') !== undefined;
  const bclB = own(b.metadata, 'backchannel_logout_uri') !== undefined;
  if (cis2 && bclA !== bclB) {
    findings.push({
      code: 'compare.backchannel-logout-presence',
      severity: 'warning',
      member: 'backchannel_logout_uri',
      message: `Back-channel logout is set up in ${bclA ? sa.environmentName : sb.environmentName} only: production replicates INT, so use it in both or neither.`,
      source: replicate,
    });
  }

  // Keys: the same key pair in two environments is an error.
  const ka = keysOf(a);
  const kb = keysOf(b);
  rows.push({ member: 'keys (RFC 7638 thumbprints)', a: ka.map((k) => k.thumbprint), b: kb.map((k) => k.thumbprint), same: same(ka.map((k) => k.thumbprint), kb.map((k) => k.thumbprint)), expectation: 'must-differ' });
  if (a.id !== b.id) {
    for (const key of ka) {
      const twin = kb.find((k) => k.thumbprint === key.thumbprint);
      if (twin) {
        findings.push({
          code: 'compare.shared-key',
          severity: 'error',
          member: 'keys',
          message: `The same key pair (thumbprint ${key.thumbprint}; kid ${key.kid} in ${a.id}, ${twin.kid} in ${b.id}) is in both environments. Each environment needs its own key pair, so a test key can never sign for production: generate a new key in one of them.`,
        });
      }
    }
  }

  // Credentials: the provider issues one client_id per environment.
  const ca = a.credentials?.clientId;
  const cb = b.credentials?.clientId;
  if (ca !== undefined || cb !== undefined) rows.push({ member: 'credentials.client_id', ...(ca !== undefined && { a: ca }), ...(cb !== undefined && { b: cb }), same: ca === cb, expectation: 'must-differ' });
  if (ca !== undefined && ca === cb && a.id !== b.id) {
    findings.push({ code: 'compare.shared-client-id', severity: 'warning', member: 'credentials.client_id', message: `Both store the client ID ${ca}: each environment has its own, so one of them is probably the other's.` });
  }

  // Live values must not point at test hosts.
  for (const [reg, s] of [
    [a, sa],
    [b, sb],
  ] as const) {
    if (!s.live) continue;
    for (const member of URL_MEMBERS) {
      for (const url of urlsOf(own(reg.metadata, member))) {
        const reason = testHostReason(url);
        if (reason) {
          findings.push({ code: 'compare.test-host-in-live', severity: 'error', member, message: `${member} of ${reg.id} (${s.environmentName}) is ${url}: ${reason}. Production values must point at production hosts.` });
        }
      }
    }
  }

  const rank = { error: 0, warning: 1, info: 2 } as const;
  findings.sort((x, y) => rank[x.severity] - rank[y.severity]);
  const verdict = findings.some((f) => f.severity === 'error') ? 'fail' : findings.some((f) => f.severity === 'warning') ? 'warn' : 'pass';
  return { a: sa, b: sb, rows, findings, verdict };
}

/** The comparison as plain text (the CLI's output). */
export function compareText(report: CompareReport): string {
  const show = (v: unknown) => (v === undefined ? '(not set)' : typeof v === 'string' ? v : JSON.stringify(v));
  const out = [`Compare ${report.a.id} (${report.a.environmentName}) with ${report.b.id} (${report.b.environmentName}): ${report.verdict.toUpperCase()}`, ''];
  const differing = report.rows.filter((r) => !r.same);
  out.push(differing.length === 0 ? 'No values differ.' : 'Values that differ:');
  for (const row of differing) out.push(`  ${row.member}${row.expectation === 'may-differ' ? '' : ` [${row.expectation}]`}`, `    ${report.a.environment}: ${show(row.a)}`, `    ${report.b.environment}: ${show(row.b)}`);
  const sameRows = report.rows.filter((r) => r.same);
  if (sameRows.length > 0) out.push('', `The same in both: ${sameRows.map((r) => r.member).join(', ')}`);
  out.push('');
  if (report.findings.length === 0) out.push('No findings.');
  for (const f of report.findings) out.push(`${f.severity.toUpperCase().padEnd(7)} ${f.code}: ${f.message}${f.source ? ` (${f.source.url})` : ''}`);
  out.push('');
  return out.join('\n');
}
