// The test-host heuristic of `compare` and its rules on pairs of registrations.
import { describe, expect, it } from 'vitest';
import type { Registration } from '../../../contract/schemas/registration';
import { compareRegistrations, testHostReason } from '../../../core/registration/compare';

describe('testHostReason', () => {
  it.each([
    'https://localhost/cb',
    'http://127.0.0.1:8080/cb',
    'https://[::1]/cb',
    'https://10.1.2.3/cb',
    'https://192.168.0.10/cb',
    'https://172.20.0.1/cb',
    'https://100.64.1.1/cb',
    'https://169.254.1.1/cb',
    'https://app.localhost/cb',
    'https://app.test/cb',
    'https://printer.local/cb',
    'https://api.internal/cb',
    'https://intranet/cb',
    'https://dev.example.com/cb',
    'https://app-test.example.org/cb',
    'https://test.app.example.org/cb',
    'https://my-development-box.example.org/cb',
    'https://app.example.test./cb',
  ])('%s is a test host', (url) => {
    expect(testHostReason(url)).toEqual(expect.any(String));
  });

  it.each(['https://app.example.org/cb', 'https://devon.example.org/cb', 'https://latest.example.com/cb', 'https://contest.example.com/cb', 'https://my-app.dev/cb', 'https://8.8.8.8/cb', 'com.example.app:/cb', 'not a url'])(
    '%s is not flagged',
    (url) => {
      expect(testHostReason(url)).toBeUndefined();
    },
  );
});

function reg(id: string, environment: string, metadata: Record<string, unknown>, thumbprints: string[] = [], provider = 'nhs-cis2'): Registration {
  return {
    id,
    provider,
    environment,
    metadata,
    notes: '',
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
    keys: thumbprints.map((t, i) => ({ kid: `k${i}`, thumbprint: t, state: 'active' })),
    checks: [],
    packages: [],
    checklist: {},
  };
}

describe('compareRegistrations', () => {
  const base = { client_name: 'App', token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'RS256', redirect_uris: ['https://app.example.org/cb'] };

  it('a test host in INT is fine; in live it is an error naming the member', () => {
    const int = reg('a-int', 'int', { ...base, redirect_uris: ['https://localhost/cb'] }, ['T1']);
    const live = reg('a-live', 'live', { ...base, jwks_uri: 'https://dev.example.org/jwks.json' }, ['T2']);
    const report = compareRegistrations(int, live);
    expect(report.findings.map((f) => [f.code, f.member])).toEqual([['compare.test-host-in-live', 'jwks_uri']]);
    expect(report.verdict).toBe('fail');
  });

  it('matching CIS2 choices and separate keys pass; a back-channel logout in one only warns', () => {
    const ok = compareRegistrations(reg('a-int', 'int', base, ['T1']), reg('a-live', 'live', base, ['T2']));
    expect(ok.verdict).toBe('pass');
    const bcl = compareRegistrations(reg('a-int', 'int', { ...base, backchannel_logout_uri: 'https://app.example.org/bcl' }, ['T1']), reg('a-live', 'live', base, ['T2']));
    expect(bcl.findings.map((f) => f.code)).toEqual(['compare.backchannel-logout-presence']);
    expect(bcl.verdict).toBe('warn');
  });

  it('the same key pair is an error; different providers are an error; other providers\' differences are info', () => {
    expect(compareRegistrations(reg('a-int', 'int', base, ['T1', 'T9']), reg('a-live', 'live', base, ['T9'])).findings.map((f) => f.code)).toEqual(['compare.shared-key']);
    expect(compareRegistrations(reg('a', 'int', base), reg('b', 'live', base, [], 'nhs-login')).findings[0]!.code).toBe('compare.provider-differs');
    const login = compareRegistrations(reg('l-sandpit', 'sandpit', { scope: 'openid' }, [], 'nhs-login'), reg('l-live', 'live', { scope: 'openid profile' }, [], 'nhs-login'));
    expect(login.findings).toEqual([expect.objectContaining({ code: 'compare.should-match', severity: 'info', member: 'scope' })]);
  });
});
