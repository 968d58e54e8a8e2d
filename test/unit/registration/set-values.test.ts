// `drafts.setValues`: the named shorthands (clientName, addRedirectUris …) and the generic member
// edits are one path, so both spellings of a change store the same values and fail the same way.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../../core/ports';
import { createDraftService } from '../../../core/registration/drafts';
import { createRegistrationRepository } from '../../../core/storage/registrations';
import { openSettingsStore } from '../../../core/storage/settings-store';
import { testFetcher } from '../../support/test-fetcher';

const clock: Clock = { now: () => new Date('2026-12-01T12:00:00.000Z') };
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'oidc-set-values-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function drafts() {
  const registrations = createRegistrationRepository({ store: openSettingsStore({ dataDir: dir, clock }), clock });
  return createDraftService({ registrations, clock, fetcher: testFetcher() });
}

describe('drafts.setValues', () => {
  it('stores the same metadata whether a change is spelled with the shorthands or as member edits', () => {
    const service = drafts();
    const a = service.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Spelled A' }).registration.id;
    const b = service.create({ provider: 'nhs-cis2', environment: 'dep', clientName: 'Spelled B' }).registration.id;
    service.setValues(a, { addRedirectUris: ['https://a.example.org/cb', 'https://a.example.org/old'] });
    service.setValues(b, { add: { redirect_uris: ['https://a.example.org/cb', 'https://a.example.org/old'] } });

    service.setValues(a, {
      clientName: 'Same',
      removeRedirectUris: ['https://a.example.org/old'],
      addRedirectUris: ['https://a.example.org/new', 'https://a.example.org/cb'],
      jwksUri: 'https://a.example.org/jwks.json',
      contacts: ['dev@example.org'],
      authMethod: 'private_key_jwt',
      signingAlg: 'RS512',
    });
    service.setValues(b, {
      members: { client_name: 'Same', jwks_uri: 'https://a.example.org/jwks.json', contacts: ['dev@example.org'], token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'RS512' },
      remove: { redirect_uris: ['https://a.example.org/old'] },
      add: { redirect_uris: ['https://a.example.org/new', 'https://a.example.org/cb'] },
    });
    const metadataOf = (id: string) => service.get(id).registration.metadata;
    expect(metadataOf(a)).toEqual(metadataOf(b));
    // An added value already there is not doubled, in either spelling.
    expect(metadataOf(a).redirect_uris).toEqual(['https://a.example.org/cb', 'https://a.example.org/new']);
  });

  it('refuses to remove a redirect URI that is not there (shorthand or member edit alike), and changes nothing', () => {
    const service = drafts();
    const id = service.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Refused' }).registration.id;
    service.setValues(id, { addRedirectUris: ['https://r.example.org/cb'] });
    for (const changes of [{ clientName: 'Not saved', removeRedirectUris: ['https://r.example.org/missing'] }, { members: { client_name: 'Not saved' }, remove: { redirect_uris: ['https://r.example.org/missing'] } }]) {
      expect(() => service.setValues(id, changes)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: { member: 'redirect_uris', missing: ['https://r.example.org/missing'] } }));
    }
    expect(service.get(id).registration.metadata).toMatchObject({ client_name: 'Refused', redirect_uris: ['https://r.example.org/cb'] });
  });

  it('applies clears first, then sets: a shorthand and a clear of the same member leave the shorthand value; a member edit wins over its shorthand', () => {
    const service = drafts();
    const id = service.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Order' }).registration.id;
    service.setValues(id, { clear: ['client_name'], clientName: 'Set after the clear' });
    expect(service.get(id).registration.metadata.client_name).toBe('Set after the clear');
    service.setValues(id, { clientName: 'shorthand', members: { client_name: 'member edit' } });
    expect(service.get(id).registration.metadata.client_name).toBe('member edit');
  });
});

describe('the registration summary the app shows', () => {
  it("asks for what the credential checks accept: an auth method the provider does not know falls back to its default, as a save does", async () => {
    const { registrationSummary } = await import('../../../core/views/summaries');
    const { credentialFieldsFor } = await import('../../../core/credentials/issued');
    const service = drafts();
    const { registration } = service.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Ward Rounds' });
    for (const method of ['client_secret_post', 'not-a-method']) {
      const view = service.setValues(registration.id, { members: { token_endpoint_auth_method: method } });
      const summary = registrationSummary(view, clock.now());
      const fields = credentialFieldsFor(view.registration);
      expect(summary.authMethod).toBe(fields.method);
      expect({ label: summary.issued.identifierLabel, secret: summary.issued.secret === 'issued' }).toEqual({ label: fields.identifierLabel, secret: fields.secret === 'required' });
    }
    // The unknown method reads as CIS2's default, private_key_jwt: no secret is asked for.
    expect(registrationSummary(service.get(registration.id), clock.now())).toMatchObject({ authMethod: 'private_key_jwt', issued: { secret: 'not-issued' } });
  });
});
