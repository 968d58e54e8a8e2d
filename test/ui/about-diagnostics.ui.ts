/**
 * About & Diagnostics: saving the redacted diagnostics bundle through the (harness) save dialog;
 * the zip exists where the user chose and the page shows its SHA-256 and contents.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './harness';

let tmp: string;
test.beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'oidc-onboard-ui-about-'));
});
test.afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

test('about: save a diagnostics bundle; the zip exists and its SHA-256 is shown', async ({ app, page, backend }) => {
  backend.services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Diagnosed App' });
  await app.open('#/about');
  const card = page.locator('section', { has: page.getByRole('heading', { name: 'Diagnostics bundle' }) });
  await expect(card).toContainText('it contains no private keys, client secrets or passphrases');

  // Cancelling the save dialog writes nothing.
  backend.nextSavePath = undefined;
  await card.getByRole('button', { name: 'Save diagnostics bundle…' }).click();
  await expect(card.getByText('Not saved: the save dialog was cancelled.')).toBeVisible();

  const out = path.join(tmp, 'diagnostics.zip');
  backend.nextSavePath = out;
  await card.getByRole('button', { name: 'Save diagnostics bundle…' }).click();
  const result = card.getByTestId('diagnostics-result');
  await expect(result).toBeVisible();
  expect(existsSync(out)).toBe(true);
  const digest = createHash('sha256').update(await readFile(out)).digest('hex');
  await expect(result.getByTestId('diagnostics-sha256')).toHaveText(digest);
  await expect(result.getByTestId('diagnostics-path')).toHaveText(out);
  expect(await result.getByTestId('diagnostics-entries').locator('li').count()).toBeGreaterThan(0);

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await app.screenshot(`about-diagnostics-saved-${colorScheme}`);
    expect(await app.seriousAxeViolations(), `axe on About with a saved bundle (${colorScheme})`).toEqual([]);
  }
});
