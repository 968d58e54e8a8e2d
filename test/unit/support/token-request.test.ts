// The support pack's token request and time formats: every client authentication method keeps its
// credential elided, and local time carries its UTC offset.
import { describe, expect, it } from 'vitest';
import { ELIDED, elidedTokenRequest, formatUtcOffset, localTimeWithOffset, tokenRequestText } from '../../../core/support';

const URL_ = 'https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk:443/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare/access_token';

describe('elidedTokenRequest', () => {
  it('private_key_jwt (authorization_code): client_id, then the assertion elided', () => {
    const request = elidedTokenRequest({ tokenEndpoint: URL_, authMethod: 'private_key_jwt', grantType: 'authorization_code', clientIdShown: '1234.apps.supplier', redirectUri: 'https://app.example.org/cb' });
    expect(request.form).toEqual([
      ['grant_type', 'authorization_code'],
      ['code', '<AUTHORIZATION_CODE>'],
      ['redirect_uri', 'https://app.example.org/cb'],
      ['client_id', '1234.apps.supplier'],
      ['client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'],
      ['client_assertion', ELIDED],
    ]);
    const text = tokenRequestText(request);
    expect(text.startsWith('POST /openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare/access_token HTTP/1.1\r\nHost: am.nhsint.auth-ptl.cis2.spineservices.nhs.uk\r\n')).toBe(true);
    expect(text).toContain('redirect_uri=https%3A%2F%2Fapp.example.org%2Fcb');
    expect(text.endsWith('client_assertion=<elided>\r\n')).toBe(true);
  });

  it('client_secret_post elides the secret field; client_secret_basic elides the Authorization header', () => {
    const post = elidedTokenRequest({ tokenEndpoint: URL_, authMethod: 'client_secret_post', grantType: 'authorization_code', clientIdShown: '1234.apps.supplier' });
    expect(post.form).toContainEqual(['client_secret', ELIDED]);
    expect(post.headers.Authorization).toBeUndefined();
    const basic = elidedTokenRequest({ tokenEndpoint: URL_, authMethod: 'client_secret_basic', grantType: 'authorization_code' });
    expect(basic.headers.Authorization).toBe(`Basic ${ELIDED}`);
    expect(basic.form.map(([name]) => name)).not.toContain('client_secret');
  });

  it('API platform client_credentials: no client_id field (the API key travels only inside the assertion)', () => {
    const request = elidedTokenRequest({ tokenEndpoint: 'https://int.api.service.nhs.uk/oauth2/token', authMethod: 'private_key_jwt', grantType: 'client_credentials', clientIdShown: 'abcd…wxyz' });
    expect(request.form.map(([name]) => name)).toEqual(['grant_type', 'client_assertion_type', 'client_assertion']);
  });
});

describe('time with its UTC offset', () => {
  it('formats east and west offsets and shifts the wall-clock time', () => {
    const at = new Date('2026-12-01T09:30:05.123Z');
    expect(localTimeWithOffset(at, 0)).toBe('2026-12-01T09:30:05+00:00');
    expect(localTimeWithOffset(at, 330)).toBe('2026-12-01T15:00:05+05:30');
    expect(localTimeWithOffset(at, -480)).toBe('2026-12-01T01:30:05-08:00');
    expect(formatUtcOffset(60)).toBe('+01:00');
  });
});
