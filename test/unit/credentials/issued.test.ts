// What each provider issues, per auth method, and how what the user enters is judged against it.
import { describe, expect, it } from 'vitest';
import { checkCredentialEntry, credentialFieldsFor, looksLikeUuid } from '../../../core/credentials/issued';

const reg = (provider: string, method?: string) => ({ provider, metadata: method === undefined ? {} : { token_endpoint_auth_method: method } });
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as { code: string; message: string; details?: { field?: string } };
  }
  throw new Error('expected a refusal');
};

describe('credential fields per provider × method', () => {
  it('NHS login and CIS2 private_key_jwt: a Client ID only', () => {
    for (const r of [reg('nhs-login'), reg('nhs-cis2'), reg('nhs-cis2', 'private_key_jwt')]) {
      expect(credentialFieldsFor(r)).toMatchObject({ identifierLabel: 'Client ID', secret: 'not-issued', applicationId: false, kid: false });
    }
  });

  it('CIS2 client_secret_post / _basic: a Client ID and a secret', () => {
    for (const method of ['client_secret_post', 'client_secret_basic']) expect(credentialFieldsFor(reg('nhs-cis2', method))).toMatchObject({ secret: 'required', method });
  });

  it('API platform: an API key, an optional application id and the KID, no secret', () => {
    expect(credentialFieldsFor(reg('nhs-api-platform'))).toMatchObject({ identifierLabel: 'API key', secret: 'not-issued', applicationId: true, kid: true });
  });

  it('generic providers follow the standard: a secret for client_secret_*, none for private_key_jwt', () => {
    expect(credentialFieldsFor(reg('generic-oidc', 'client_secret_jwt')).secret).toBe('required');
    expect(credentialFieldsFor(reg('generic-oidc', 'private_key_jwt')).secret).toBe('not-issued');
  });
});

describe('checking what the user entered', () => {
  it('keeps the Client ID alone where no secret is issued, and refuses a secret there', () => {
    const fields = credentialFieldsFor(reg('nhs-login'));
    expect(checkCredentialEntry(fields, { clientId: ' abc ' })).toEqual({ clientId: 'abc', warnings: [] });
    expect(checkCredentialEntry(fields, { clientId: 'abc', secret: '' })).toEqual({ clientId: 'abc', warnings: [] });
    expect(refusal(() => checkCredentialEntry(fields, { clientId: 'abc', secret: 'junk' }))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'secret' } });
  });

  it('requires the secret where one is issued', () => {
    const fields = credentialFieldsFor(reg('nhs-cis2', 'client_secret_post'));
    expect(refusal(() => checkCredentialEntry(fields, { clientId: 'abc' }))).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'secret' } });
    expect(checkCredentialEntry(fields, { clientId: 'abc', secret: 's3cret' })).toEqual({ clientId: 'abc', secret: 's3cret', warnings: [] });
  });

  it('warns when a UUID is typed as the API key, naming the application id; refuses an application id that is not a UUID', () => {
    const fields = credentialFieldsFor(reg('nhs-api-platform'));
    const uuid = '009C531E-072F-4468-A24C-4B6FAAB562DA';
    expect(looksLikeUuid(uuid)).toBe(true);
    const checked = checkCredentialEntry(fields, { clientId: uuid });
    expect(checked.warnings).toEqual([expect.stringMatching(/looks like a UUID — that is what the application id looks like, not the API key/)]);
    expect(checkCredentialEntry(fields, { clientId: 'ApiKey123', applicationId: uuid, kid: 'int-1' })).toEqual({ clientId: 'ApiKey123', applicationId: uuid, kid: 'int-1', warnings: [] });
    expect(refusal(() => checkCredentialEntry(fields, { clientId: 'ApiKey123', applicationId: 'nope' }))).toMatchObject({ details: { field: 'applicationId' } });
    expect(refusal(() => checkCredentialEntry(fields, { clientId: '' })).message).toContain('The API key is empty');
  });

  it('refuses an application id or KID where the provider issues none', () => {
    const fields = credentialFieldsFor(reg('nhs-login'));
    expect(refusal(() => checkCredentialEntry(fields, { clientId: 'a', applicationId: '009c531e-072f-4468-a24c-4b6faab562da' }))).toMatchObject({ details: { field: 'applicationId' } });
    expect(refusal(() => checkCredentialEntry(fields, { clientId: 'a', kid: 'k' }))).toMatchObject({ details: { field: 'kid' } });
  });
});
