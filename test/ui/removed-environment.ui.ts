/**
 * A data folder from an earlier version with a draft for NHS login's removed "mock" environment:
 * the app opens it on Sandpit and says so on the draft (issue 11 item 1).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './harness';

const fixture = path.resolve(import.meta.dirname, '../fixtures/settings/v2-nhs-login-mock.json');

test('a draft saved for NHS login "mock" opens on Sandpit with a notice saying why', async ({ app, page, backend }) => {
  // Another process (an older version) wrote the folder; the app reads it as it finds it.
  await writeFile(path.join(backend.dataDir, 'config.json'), await readFile(fixture, 'utf8'));
  await app.open('#/registrations/citizen-app-mock');
  await expect(page.getByRole('heading', { level: 1, name: 'Citizen App' })).toBeVisible();
  await expect(page.locator('.page-subtitle')).toContainText('NHS login · Sandpit');
  const notice = page.getByTestId('registration-notice');
  await expect(notice).toHaveAttribute('data-code', 'nhs-login.mock-removed');
  await expect(notice).toContainText('NHS removed from its documentation on 20 December 2023');
  await expect(notice).toContainText('moved to Sandpit');
  await expect(notice.getByRole('button', { name: /remove-mock-environment/ })).toBeVisible();
  // Other drafts are untouched and carry no notice.
  await app.open('#/registrations/patient-portal-int');
  await expect(page.getByRole('heading', { level: 1, name: 'Patient Portal' })).toBeVisible();
  await expect(page.getByTestId('registration-notice')).toHaveCount(0);
  await app.open('#/registrations/citizen-app-mock');
  await expect(page.getByTestId('registration-notice')).toBeVisible();
  await app.screenshot('registration-mock-moved-light');
  expect(await app.seriousAxeViolations(), 'axe on the moved draft').toEqual([]);
});
