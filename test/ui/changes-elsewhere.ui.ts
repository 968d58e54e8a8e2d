/**
 * Issue 10: the app notices changes another process makes to the data folder. A second store on
 * the same folder (exactly what a CLI process opens) changes registrations; the open screens
 * show it without a reload — and a field the user is typing in is never overwritten.
 */
import { createAppServices } from '../../core/app/services';
import { createDraftService } from '../../core/registration/drafts';
import { cryptoRandom, silentLogger, systemClock } from '../../core/ports/system';
import { createOsKeychain } from '../../core/storage/os-keychain';
import { TEST_KEYCHAIN_SERVICE } from '../support/backend';
import { createRegistrationRepository } from '../../core/storage/registrations';
import { openSettingsStore } from '../../core/storage/settings-store';
import { expect, test, type AppDriver } from './harness';
import type { TestBackend } from '../support/backend';
import { testFetcher } from '../support/test-fetcher';
import type { OnboardingApi } from '../../contract/bridge';
import { getRegistration } from '../../contract/operations/registrations';

/** A second, independent store on the backend's data folder: another process, as far as the app can tell. */
function otherProcess(dataDir: string) {
  const registrations = createRegistrationRepository({ store: openSettingsStore({ dataDir, clock: systemClock }), clock: systemClock });
  return { registrations, drafts: createDraftService({ registrations, clock: systemClock, fetcher: testFetcher() }) };
}

/** A CIS2 INT draft "Clinic Portal" opened at `step`, with another process on the same data folder. */
async function openDraftElsewhereToo(app: AppDriver, backend: TestBackend, step: 'basics' | 'keys') {
  const id = backend.services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Clinic Portal' }).registration.id;
  const cli = otherProcess(backend.dataDir);
  await app.open(`#/registrations/${id}/${step}`);
  return { id, cli };
}

/** Types `text` at the end of the Client name field, as a user editing it does; the field keeps the focus. */
async function typeAtEndOfClientName(app: AppDriver, text: string) {
  const field = app.page.getByLabel('Client name');
  await field.click();
  await field.press('End');
  await field.pressSequentially(text);
  return field;
}

test('registrations added, renamed or deleted elsewhere show up in the open list and the open registration without a reload', async ({ app, page, backend }) => {
  const mine = backend.services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Clinic Portal' }).registration.id;
  const cli = otherProcess(backend.dataDir);

  await app.open('#/registrations');
  await expect(page.getByRole('link', { name: 'Clinic Portal' })).toBeVisible();
  const added = cli.drafts.create({ provider: 'nhs-login', environment: 'sandpit', clientName: 'Made by the CLI' }).registration.id;
  await expect(page.getByRole('link', { name: 'Made by the CLI' })).toBeVisible();
  cli.drafts.setValues(mine, { clientName: 'Clinic Portal (renamed)' });
  await expect(page.getByRole('link', { name: 'Clinic Portal (renamed)' })).toBeVisible();
  cli.registrations.remove(added);
  await expect(page.getByRole('link', { name: 'Made by the CLI' })).toHaveCount(0);

  // The open registration, nobody typing: it simply takes the new values.
  await page.getByRole('link', { name: 'Clinic Portal (renamed)' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Clinic Portal (renamed)' })).toBeVisible();
  cli.drafts.setValues(mine, { clientName: 'Clinic Portal (from the CLI)' });
  await expect(page.getByRole('heading', { level: 1, name: 'Clinic Portal (from the CLI)' })).toBeVisible();
  await expect(page.getByLabel('Client name')).toHaveValue('Clinic Portal (from the CLI)');
  await expect(page.getByTestId('changed-elsewhere')).toHaveCount(0);

  // Deleted elsewhere while open: the page says so.
  cli.registrations.remove(mine);
  await expect(page.getByTestId('deleted-elsewhere')).toBeVisible();
});

test('a change elsewhere refreshes the open registration with one read and no remount: the selected Keys tab stays', async ({ app, page, backend, ipc }) => {
  const { id, cli } = await openDraftElsewhereToo(app, backend, 'keys');
  const publish = page.getByRole('tab', { name: /^Publish/ });
  await publish.click();
  await expect(publish).toHaveAttribute('aria-selected', 'true');
  const from = ipc.length;

  cli.drafts.setValues(id, { clientName: 'Renamed by the CLI' });
  await expect(page.getByRole('heading', { level: 1, name: 'Renamed by the CLI' })).toBeVisible();
  // A barrier: one more read of the same registration, sent after every read the change caused,
  // so those have all been recorded by the time its answer is back.
  await page.evaluate(async (registrationId) => {
    await (globalThis as unknown as { onboarding: OnboardingApi }).onboarding.getRegistration({ id: registrationId });
  }, id);
  const reads = ipc.slice(from).filter((record) => record.channel === getRegistration.channel);
  expect(reads, 'registrations:get calls: the change (one) and the barrier (one)').toHaveLength(2);
  // The panels were not remounted: the tab the user chose is still the one shown.
  await expect(publish).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('keys-panel-publish')).toBeVisible();
});

test('a field being typed in is not overwritten by a change made elsewhere: the user keeps their text and chooses', async ({ app, page, backend }) => {
  const { id, cli } = await openDraftElsewhereToo(app, backend, 'basics');
  const field = await typeAtEndOfClientName(app, ' typed here');
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
  await expect(field).toBeFocused();

  cli.drafts.setValues(id, { clientName: 'Set by the CLI' });
  const notice = page.getByTestId('changed-elsewhere');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('changed elsewhere (by the CLI or another process on this data folder)');
  await expect(field).toHaveValue('Clinic Portal typed here');
  await app.screenshot('registration-changed-elsewhere');
  expect(await app.seriousAxeViolations(), 'axe with the changed-elsewhere notice').toEqual([]);

  // Keep mine: the user's text is saved over the other version.
  await notice.getByRole('button', { name: 'Keep mine' }).click();
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
  await expect.poll(() => cli.registrations.get(id).metadata.client_name).toBe('Clinic Portal typed here');

  // Another change elsewhere while typing again; this time the user takes the other version.
  await field.click();
  await field.pressSequentially('!');
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
  cli.drafts.setValues(id, { clientName: 'Second CLI value' });
  await expect(notice).toBeVisible();
  await expect(field).toHaveValue('Clinic Portal typed here!');
  await notice.getByRole('button', { name: 'Reload the other version' }).click();
  await expect(field).toHaveValue('Second CLI value');
  await expect(notice).toHaveCount(0);
});

test('a change elsewhere to another value merges with what the user is typing: both survive, no notice', async ({ app, page, backend }) => {
  const { id, cli } = await openDraftElsewhereToo(app, backend, 'basics');
  const field = await typeAtEndOfClientName(app, ' v2');
  // While the user types (before or after their autosave), the CLI adds a redirect URI.
  cli.drafts.setValues(id, { addRedirectUris: ['https://clinic.example.org/callback'] });
  await field.pressSequentially('.1');
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
  await expect(field).toHaveValue('Clinic Portal v2.1');
  await expect.poll(() => cli.registrations.get(id).metadata.client_name).toBe('Clinic Portal v2.1');
  expect(cli.registrations.get(id).metadata.redirect_uris).toEqual(['https://clinic.example.org/callback']);
  await expect(page.getByTestId('changed-elsewhere')).toHaveCount(0);
  // And the form shows the redirect URI from elsewhere.
  await page.getByRole('link', { name: /Next/ }).click();
  await expect(page.getByRole('textbox', { name: 'Redirect URI 1' })).toHaveValue('https://clinic.example.org/callback');
});

test('credentials saved by the CLI while the Credentials page is open appear there; deleting elsewhere clears them', async ({ app, page, backend }) => {
  const id = backend.services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Secret Keeper' }).registration.id;
  backend.services.drafts.setValues(id, { authMethod: 'client_secret_post' });
  // A whole second set of services on the folder, as a CLI process builds them.
  const cli = createAppServices({ dataDir: backend.dataDir, vault: createOsKeychain({ service: TEST_KEYCHAIN_SERVICE }), clock: systemClock, random: cryptoRandom, logger: silentLogger, fetcher: testFetcher() });

  await app.open(`#/credentials/${id}`);
  await expect(page.getByRole('button', { name: 'Save credentials' })).toBeVisible();
  await cli.credentials.save(id, { clientId: 'saved-by-the-cli', secret: 'cli-S3cret-0123456789abcdef' });
  await expect(page.getByTestId('saved-credentials').getByTestId('client-id')).toHaveText('saved-by-the-cli');
  await cli.credentials.delete(id, { confirm: true });
  await expect(page.getByTestId('saved-credentials')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save credentials' })).toBeVisible();
});
