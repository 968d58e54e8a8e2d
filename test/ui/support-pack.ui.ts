/**
 * The support pack in the browser against the real services and the real keychain (issue 12
 * item 4): from a registration's header ("Support pack…") and from About & Diagnostics. The zip is
 * written where the (harness) save dialog says, holds what support asks for, and no byte of it
 * carries the stored secret or the full API key.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './harness';

const API_KEY = 'Ht5WqZ8mRp3KbN6vXs2LdF9jGc4Y';
const SECRET = 'ui-support-pack-stored-secret-7f3a9c';
const APP_ID = '9b2f3c1e-4d5a-4b6c-8d7e-0f1a2b3c4d5e';

let tmp: string;
test.beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'oidc-onboard-ui-support-'));
});
test.afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function unzipText(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
}

test('support pack: saved from the registration header and from About; what support asks for, no secret', async ({ app, page, backend }) => {
  test.setTimeout(180_000);
  const { services } = backend;
  const id = services.drafts.create({ provider: 'nhs-api-platform', environment: 'int', clientName: 'Parcel App' }).registration.id;
  const { record } = await services.keys.generate(id, { size: 2048 });
  services.drafts.setValues(id, { jwksUri: 'https://keys.example.org/parcel/jwks.json' });
  // The API platform issues an API key and no secret; SECRET is never stored, and never appears.
  await services.credentials.save(id, { clientId: API_KEY, applicationId: APP_ID });
  await services.credentials.assertion(id);

  // From the registration's header.
  await app.open(`#/registrations/${id}/basics`);
  await page.getByRole('button', { name: 'Support pack…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Support pack for Parcel App' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('the first and last 4 characters of the API key');
  // Filled in from the saved credentials.
  await expect(dialog.getByLabel('Application id (optional)')).toHaveValue(APP_ID);

  backend.nextSavePath = undefined;
  await dialog.getByRole('button', { name: 'Save support pack…' }).click();
  await expect(dialog.getByText('Not saved: the save dialog was cancelled.')).toBeVisible();

  const out = path.join(tmp, 'parcel-support.zip');
  backend.nextSavePath = out;
  await dialog.getByRole('button', { name: 'Save support pack…' }).click();
  const result = dialog.getByTestId('support-pack-result');
  await expect(result).toBeVisible({ timeout: 30_000 });
  const bytes = new Uint8Array(await readFile(out));
  await expect(result.getByTestId('support-pack-sha256')).toHaveText(createHash('sha256').update(bytes).digest('hex'));
  await expect(result.getByTestId('support-pack-path')).toHaveText(out);
  await expect(result.getByTestId('support-pack-assertion')).toHaveText('the last assertion built, signature removed');
  await expect(result.getByTestId('support-pack-entries')).toContainText('token-request.http');
  await app.shootBoth('support-pack-dialog', 'the support pack dialog', { fullPage: false });

  const files = unzipText(bytes);
  const facts = JSON.parse(files['support.json']!) as { application: { clientName: string; applicationId: string; identifier: { value: string } }; jwksUri: string };
  expect(facts.application).toMatchObject({ clientName: 'Parcel App', applicationId: APP_ID, identifier: { value: 'Ht5W…Gc4Y' } });
  expect(facts.jwksUri).toBe('https://keys.example.org/parcel/jwks.json');
  expect(JSON.parse(files['assertion.json']!)).toMatchObject({ header: { alg: record.alg, kid: record.kid, typ: 'JWT' }, signature: 'removed' });
  expect(files['token-request.http']).toContain('client_assertion=<elided>');
  const everything = Buffer.from(bytes).toString('latin1') + Object.values(files).join('\n');
  expect(everything).not.toContain(API_KEY);
  expect(everything).not.toContain(SECRET);
  expect(everything).not.toMatch(/PRIVATE KEY/);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // From About & Diagnostics: choose the registration.
  services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Ward Rounds' });
  await app.open('#/about');
  const card = page.locator('section', { has: page.getByRole('heading', { name: 'Support pack for a registration' }) });
  await expect(card).toBeVisible();
  await card.getByLabel('Registration').selectOption({ label: 'Ward Rounds — NHS CIS2 Authentication, Integration (INT, Path to Live)' });
  await expect(card).toContainText('the JWKS URL');
  await expect(card.getByLabel('Application id (optional)')).toHaveCount(0);
  const aboutOut = path.join(tmp, 'ward-support.zip');
  backend.nextSavePath = aboutOut;
  await card.getByRole('button', { name: 'Save support pack…' }).click();
  await expect(card.getByTestId('support-pack-result')).toBeVisible({ timeout: 30_000 });
  expect(existsSync(aboutOut)).toBe(true);
  await expect(card.getByTestId('support-pack-assertion')).toContainText('none');
  const ward = unzipText(new Uint8Array(await readFile(aboutOut)));
  expect(ward['README.txt']).toContain('NHS CIS2 Authentication support asks for');
  await card.scrollIntoViewIfNeeded();
  await app.shootBoth('support-pack-about', 'About with a saved support pack');
});
