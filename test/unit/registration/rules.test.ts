/**
 * Table-driven tests of the rule engine: every catalogue code has cases that must produce it
 * (at the expected path) and close cases that must not; every provider accepts its valid
 * values and refuses a broken variant.
 */
import { describe, expect, it } from 'vitest';
import { RULE_CODES, RULES, validateMetadata, type RuleCode } from '../../../core/registration';
import { API_VALID, CIS2_VALID, NHS_LOGIN_VALID, RULE_CASES, apiPlatform, cis2, generic, nhsLogin, type RuleCase } from './rule-cases';

function run(testCase: RuleCase) {
  return validateMetadata(testCase.metadata, testCase.profile, testCase.environment, testCase.context);
}

function describeCase(testCase: RuleCase): string {
  let text: string;
  try {
    text = JSON.stringify(testCase.metadata) ?? String(testCase.metadata);
  } catch {
    text = String(testCase.metadata);
  }
  return `${testCase.profile.id}/${testCase.environment}: ${text.length > 160 ? `${text.slice(0, 160)}…` : text}`;
}

describe('rule catalogue coverage', () => {
  it('has refusing and accepting cases for every code in the catalogue', () => {
    const missing = RULE_CODES.filter((code) => {
      const cases = (RULE_CASES as Partial<Record<string, { refused: RuleCase[]; accepted: RuleCase[] }>>)[code];
      return !cases || cases.refused.length === 0 || cases.accepted.length === 0;
    });
    expect(missing).toEqual([]);
    expect(Object.keys(RULE_CASES).sort()).toEqual([...RULE_CODES].sort());
  });
});

describe.each(RULE_CODES.map((code) => [code] as [RuleCode]))('rule %s', (code) => {
  const cases = RULE_CASES[code];

  it.each(cases.refused.map((testCase) => [describeCase(testCase), testCase] as const))('refuses %s', (_label, testCase) => {
    const report = run(testCase);
    const hits = report.findings.filter((finding) => finding.code === code);
    expect(hits.length, JSON.stringify(report.findings.map((f) => `${f.code}@${f.path}`))).toBeGreaterThan(0);
    if (testCase.path !== undefined) expect(hits.map((finding) => finding.path)).toContain(testCase.path);
    for (const hit of hits) {
      expect(hit.severity).toBe(RULES[code].severity);
      expect(hit.message.startsWith(RULES[code].explanation)).toBe(true);
      expect(hit.hint).toBe(RULES[code].hint);
      expect(hit.source.url).toMatch(/^https:\/\//);
    }
    if (RULES[code].severity === 'error') expect(report.valid).toBe(false);
  });

  it.each(cases.accepted.map((testCase) => [describeCase(testCase), testCase] as const))('accepts %s', (_label, testCase) => {
    const report = run(testCase);
    expect(report.findings.map((finding) => finding.code)).not.toContain(code);
  });
});

describe('providers', () => {
  const cases = [
    { name: 'nhs-cis2', profile: cis2, environments: ['int', 'dep', 'live'], valid: CIS2_VALID, broken: { ...CIS2_VALID, jwks_uri: 'http://keys.example.org/jwks' } },
    { name: 'nhs-login', profile: nhsLogin, environments: ['sandpit', 'integration', 'live'], valid: NHS_LOGIN_VALID, broken: { ...NHS_LOGIN_VALID, redirect_uris: ['https://clinic.example.org/cb?x=1'] } },
    { name: 'nhs-api-platform', profile: apiPlatform, environments: ['sandbox', 'int', 'live'], valid: API_VALID, broken: { ...API_VALID, token_endpoint_auth_signing_alg: 'RS256' } },
    { name: 'generic-oidc', profile: generic, environments: ['default'], valid: CIS2_VALID, broken: { ...CIS2_VALID, redirect_uris: ['http://wards.example.org/cb'] } },
  ];

  it.each(cases)('$name accepts its valid values in every environment, with no warning', ({ profile, environments, valid }) => {
    for (const environment of environments) {
      const report = validateMetadata(valid, profile, environment);
      expect(report.valid).toBe(true);
      expect(report.findings.filter((finding) => finding.severity !== 'info')).toEqual([]);
    }
  });

  it.each(cases)('$name refuses a broken variant', ({ profile, environments, broken }) => {
    for (const environment of environments) expect(validateMetadata(broken, profile, environment).valid).toBe(false);
  });

  it('NHS login refuses plain http even on loopback, and accepts exactly 10 redirect URIs', () => {
    const http = validateMetadata({ ...NHS_LOGIN_VALID, redirect_uris: ['http://clinic.example.org/cb'] }, nhsLogin, 'live');
    expect(http.valid).toBe(false);
    expect(http.findings.map((finding) => finding.code)).toContain('redirect_uri.http_non_loopback');
    const ten = Array.from({ length: 10 }, (_, i) => `https://clinic.example.org/cb/${i}`);
    expect(validateMetadata({ ...NHS_LOGIN_VALID, redirect_uris: ten }, nhsLogin, 'live').valid).toBe(true);
  });

  it('CIS2 accepts a native app with a loopback redirect URI (errors none)', () => {
    const report = validateMetadata({ ...CIS2_VALID, application_type: 'native', redirect_uris: ['http://127.0.0.1:4711/callback'] }, cis2, 'int');
    expect(report.valid).toBe(true);
    expect(report.findings.map((finding) => finding.code)).toEqual(expect.arrayContaining(['application_type.confidential_only']));
  });

  it('CIS2 client secret methods are allowed with a warning', () => {
    for (const method of ['client_secret_basic', 'client_secret_post']) {
      const report = validateMetadata({ ...CIS2_VALID, token_endpoint_auth_method: method, token_endpoint_auth_signing_alg: undefined, jwks_uri: undefined }, cis2, 'live');
      expect(report.valid).toBe(true);
      expect(report.findings.find((finding) => finding.code === 'auth_method.not_recommended')?.severity).toBe('warning');
    }
  });

  it('provider findings cite the profile\'s own source', () => {
    const report = validateMetadata({ ...NHS_LOGIN_VALID, redirect_uris: ['https://clinic.example.org/cb?x=1'] }, nhsLogin, 'sandpit');
    const finding = report.findings.find((f) => f.code === 'redirect_uri.query_not_allowed');
    expect(finding?.source).toEqual(nhsLogin.redirectUris.source);
  });
});

describe('report shape', () => {
  it('valid is true exactly when there is no error finding', () => {
    for (const cases of Object.values(RULE_CASES)) {
      for (const testCase of [...cases.refused, ...cases.accepted]) {
        const report = run(testCase);
        expect(report.valid).toBe(!report.findings.some((finding) => finding.severity === 'error'));
      }
    }
  });

  it('keeps unknown members in the input untouched and reports each once', () => {
    const input = { ...CIS2_VALID, x_custom: { nested: [1, 2] }, software_id: 'abc' };
    const before = structuredClone(input);
    const report = validateMetadata(input, cis2, 'int');
    expect(input).toEqual(before);
    expect(report.findings.filter((finding) => finding.code === 'metadata.unknown_member').map((finding) => finding.path)).toEqual(['x_custom']);
  });

  it('quotes values with control characters escaped and long values truncated', () => {
    const report = validateMetadata({ ...CIS2_VALID, redirect_uris: [`https://wards.example.org/\n${'a'.repeat(500)}`] }, cis2, 'int');
    const finding = report.findings.find((f) => f.code === 'uri.whitespace');
    expect(finding?.message).toContain('\\n');
    expect(finding?.message.length).toBeLessThan(400);
  });
});
