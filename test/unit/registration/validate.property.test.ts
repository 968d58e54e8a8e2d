/**
 * Property tests: validateMetadata takes any JSON value (and hostile objects) and returns
 * findings, never an exception, never a polluted Object.prototype.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listProfiles } from '../../../core/profiles';
import { RULES, validateMetadata, type RuleCode } from '../../../core/registration';
import { CIS2_VALID } from './rule-cases';

const profiles = listProfiles();
const targets = profiles.flatMap((profile) => profile.environments.map((env) => ({ profile, environment: env.id })));
const target = fc.constantFrom(...targets);

function prototypeSnapshot() {
  return {
    object: Object.getOwnPropertyNames(Object.prototype).sort(),
    array: Object.getOwnPropertyNames(Array.prototype).sort(),
  };
}

/** Plain checks (not one `expect` per finding) keep a thousand runs fast. */
function assertReport(report: ReturnType<typeof validateMetadata>): void {
  const problems: string[] = [];
  if (report.valid !== !report.findings.some((finding) => finding.severity === 'error')) problems.push('valid disagrees with the findings');
  for (const finding of report.findings) {
    const rule = (RULES as Partial<Record<string, (typeof RULES)[RuleCode]>>)[finding.code];
    if (finding.code === 'validator.internal') problems.push(`internal failure: ${finding.message}`);
    if (!rule) problems.push(`code not in catalogue: ${finding.code}`);
    else if (finding.severity !== rule.severity) problems.push(`severity of ${finding.code}`);
    if (typeof finding.path !== 'string' || finding.message.length === 0) problems.push(`shape of ${finding.code}`);
  }
  expect(problems).toEqual([]);
}

const memberNames = fc.constantFrom(
  'client_name', 'redirect_uris', 'jwks_uri', 'jwks', 'contacts', 'token_endpoint_auth_method', 'token_endpoint_auth_signing_alg',
  'id_token_signed_response_alg', 'userinfo_signed_response_alg', 'backchannel_logout_uri', 'backchannel_logout_session_required',
  'application_type', 'logo_uri', 'policy_uri', 'tos_uri', 'client_uri', 'client_name#en-GB', '__proto__', 'constructor', 'prototype',
  'toString', 'hasOwnProperty', 'valueOf',
);

/** A value with the right shape for many members, so rules beyond type checks are exercised. */
const plausibleValue = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.webUrl({ withFragments: true, withQueryParameters: true }),
  fc.array(fc.oneof(fc.webUrl({ withFragments: true, withQueryParameters: true }), fc.emailAddress(), fc.string())),
  fc.constantFrom('private_key_jwt', 'client_secret_basic', 'client_secret_jwt', 'none', 'RS256', 'RS512', 'HS256', 'native', 'web', true, false, null),
  fc.record({ keys: fc.array(fc.dictionary(fc.constantFrom('kty', 'n', 'e', 'd', 'k', 'kid'), fc.jsonValue({ maxDepth: 1 }))) }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** JSON text of an object whose member names may include `__proto__`, parsed as an app would. */
const jsonObjectText = fc.array(fc.tuple(memberNames, plausibleValue), { maxLength: 12 }).map((entries) => `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`).join(',')}}`);

describe('validateMetadata properties', () => {
  it('returns findings for any JSON value, never throwing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), target, (value, { profile, environment }) => {
        assertReport(validateMetadata(value, profile, environment));
      }),
      { numRuns: 1500 },
    );
  });

  it('a non-object is exactly one metadata.not_object finding', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.jsonValue())), target, (value, { profile, environment }) => {
        const report = validateMetadata(value, profile, environment);
        expect(report.valid).toBe(false);
        expect(report.findings.map((finding) => finding.code)).toEqual(['metadata.not_object']);
      }),
    );
  });

  it('judges objects with plausible and hostile members without throwing or polluting prototypes', () => {
    const before = prototypeSnapshot();
    fc.assert(
      fc.property(jsonObjectText, target, (text, { profile, environment }) => {
        const value: unknown = JSON.parse(text);
        assertReport(validateMetadata(value, profile, environment));
        expect(prototypeSnapshot()).toEqual(before);
        expect(({} as Record<string, unknown>).admin).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });

  it('any string or URL in any URI member is judged without throwing', () => {
    const uriMember = fc.constantFrom('jwks_uri', 'backchannel_logout_uri', 'logo_uri', 'policy_uri', 'tos_uri', 'client_uri', 'sector_identifier_uri');
    const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.webUrl({ withFragments: true, withQueryParameters: true }));
    fc.assert(
      fc.property(uriMember, anyText, fc.array(anyText, { maxLength: 5 }), target, (member, text, redirects, { profile, environment }) => {
        assertReport(validateMetadata({ ...CIS2_VALID, [member]: text, redirect_uris: redirects }, profile, environment));
      }),
      { numRuns: 1500 },
    );
  });

  it('every redirect URI with a fragment is refused', () => {
    fc.assert(
      fc.property(fc.webUrl({ withFragments: true }).filter((url) => url.includes('#')), target, (url, { profile, environment }) => {
        const report = validateMetadata({ ...CIS2_VALID, redirect_uris: [url] }, profile, environment);
        expect(report.valid).toBe(false);
        expect(report.findings.some((finding) => finding.code === 'redirect_uri.fragment' && finding.path === 'redirect_uris[0]')).toBe(true);
      }),
    );
  });

  it('leaves Object.prototype unchanged after __proto__ payloads', () => {
    const before = prototypeSnapshot();
    const payloads = [
      '{"__proto__": {"polluted": true}}',
      '{"__proto__": {"polluted": true}, "redirect_uris": ["https://x.org/cb"]}',
      '{"constructor": {"prototype": {"polluted": true}}}',
      '{"jwks": {"__proto__": {"polluted": true}, "keys": [{"__proto__": {"polluted": true}, "kty": "RSA"}]}}',
      '{"redirect_uris": {"__proto__": ["https://x.org"]}}',
    ];
    for (const text of payloads) {
      for (const { profile, environment } of targets) {
        const report = validateMetadata(JSON.parse(text), profile, environment);
        assertReport(report);
      }
    }
    expect(prototypeSnapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not mistake inherited names for members', () => {
    const report = validateMetadata({}, profiles[0]!, profiles[0]!.defaultEnvironment);
    const codes = report.findings.map((finding) => finding.code);
    expect(codes).toEqual(expect.arrayContaining(['client_name.missing', 'redirect_uris.missing', 'contacts.missing', 'auth_method.missing']));
    expect(codes).not.toContain('metadata.wrong_type');
  });
});
