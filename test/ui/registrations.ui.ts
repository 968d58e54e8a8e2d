/**
 * Issue 3 in the browser against the real drafts service: create a draft, see live findings
 * beside the field they concern, fix them, reload and find everything intact; copy and delete;
 * and the whole create flow by keyboard alone.
 */
import type { Page } from '@playwright/test';
import { expect, test, type AppDriver } from './harness';

const STEPS = [
  { step: 'basics', title: 'Basics' },
  { step: 'redirect-uris', title: 'Redirect URIs' },
  { step: 'keys', title: 'Keys & authentication' },
  { step: 'check', title: 'jwks_uri check' },
  { step: 'optional', title: 'Optional' },
  { step: 'review', title: 'Review' },
] as const;

/** Presses Tab until `target` has focus, failing after `max` presses (keyboard-only navigation). */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 25): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element.ownerDocument.activeElement === element)) return;
  }
  throw new Error(`Tab never reached ${String(target)}`);
}

async function createThroughUi(app: AppDriver, clientName: string): Promise<string> {
  const { page } = app;
  await app.open('#/registrations');
  await page.getByRole('main').getByRole('link', { name: 'New registration' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New registration' })).toBeVisible();
  await page.getByRole('radio', { name: /NHS CIS2 Authentication/ }).check();
  await page.getByRole('radio', { name: /Integration \(INT/ }).check();
  await page.getByLabel('3. Client name').fill(clientName);
  await page.getByRole('button', { name: 'Create registration' }).click();
  await expect(page).toHaveURL(/#\/registrations\/[^/]+\/basics$/);
  return decodeURIComponent(/#\/registrations\/([^/]+)\/basics$/.exec(page.url())![1]!);
}

async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
}

test('issue 3: a bad redirect URI is flagged beside its row with its hint, fixed, and survives a reload', async ({ app, page, backend }) => {
  await app.open('#/registrations/new');
  await expect(page.getByRole('radio').first()).toBeChecked();
  // Pictured by the screens matrix (screens.ui.ts) in both schemes and widths; axe here as well.
  expect(await app.seriousAxeViolations(), 'axe on the create page').toEqual([]);

  const id = await createThroughUi(app, 'Clinic Portal');
  await expect(page.getByRole('heading', { level: 1, name: 'Clinic Portal' })).toBeVisible();
  await expect(page.getByText('NHS CIS2 Authentication · Integration (INT, Path to Live)')).toBeVisible();
  await expect(page.locator('[aria-current="step"]')).toHaveText(/Basics/);

  // Redirect URIs: add a row with a fragment.
  await page.getByRole('link', { name: /Next/ }).click();
  await expect(page).toHaveURL(new RegExp(`#/registrations/${id}/redirect-uris$`));
  await expect(page.locator('[aria-current="step"]')).toHaveText(/Redirect URIs/);
  await page.getByRole('button', { name: 'Add redirect URI' }).click();
  const row = page.getByRole('textbox', { name: 'Redirect URI 1' });
  await expect(row).toBeFocused();
  await row.fill('https://app.example.com/cb#frag');

  const rowFinding = page.locator('[data-path="redirect_uris[0]"] [data-finding-code="redirect_uri.fragment"]');
  await expect(rowFinding).toBeVisible();
  await expectSaved(page);
  await expect(page.getByTestId('save-status')).toHaveAttribute('aria-live', 'polite');
  const stored = backend.services.drafts.get(id);
  expect(stored.registration.metadata.redirect_uris).toEqual(['https://app.example.com/cb#frag']);
  const finding = stored.report.findings.find((f) => f.code === 'redirect_uri.fragment' && f.path === 'redirect_uris[0]');
  expect(finding, 'the backend reports the fragment on redirect_uris[0]').toBeDefined();
  await expect(rowFinding).toContainText(finding!.message);
  await expect(rowFinding).toContainText(finding!.hint);
  await expect(rowFinding).toContainText('Error');
  await expect(row).toHaveAttribute('aria-invalid', 'true');
  await expect(row).toHaveAccessibleDescription(new RegExp(finding!.hint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await app.screenshot('wizard-redirect-uris-finding-light');
  expect(await app.seriousAxeViolations(), 'axe with a finding shown').toEqual([]);

  // The finding's source opens through openExternal (the main process), not a new window.
  await rowFinding.getByRole('button', { name: finding!.source.title }).click();
  await expect.poll(() => backend.openedLinks).toContain(finding!.source.url);
  expect(page.context().pages()).toHaveLength(1);

  // Fix it; the finding goes away once the save comes back.
  await row.fill('https://app.example.com/cb');
  await expect(rowFinding).toHaveCount(0);
  await expectSaved(page);
  await expect(row).not.toHaveAttribute('aria-invalid', 'true');

  // Reload: the draft is intact, from the real store.
  await page.reload();
  await page.locator('[data-app-state="ready"]').waitFor();
  await expect(page.getByRole('textbox', { name: 'Redirect URI 1' })).toHaveValue('https://app.example.com/cb');
  await expect(page.getByRole('heading', { level: 1, name: 'Clinic Portal' })).toBeVisible();
  await expect(page.locator('[data-finding-code="redirect_uri.fragment"]')).toHaveCount(0);
  expect(backend.services.drafts.get(id).registration.metadata.redirect_uris).toEqual(['https://app.example.com/cb']);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`each wizard step renders with its stepper position and passes axe (${colorScheme})`, async ({ app, page, backend }) => {
    // Five axe runs and full-page screenshots: generous on a loaded CI machine.
    test.setTimeout(180_000);
    const view = backend.services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Ward Rota' });
    const id = view.registration.id;
    backend.services.drafts.update(id, { metadata: { ...view.registration.metadata, redirect_uris: ['https://rota.example.org/callback', 'http://rota.example.org/cb?x=1'], contacts: ['ops@rota.example.org'] } });
    await page.emulateMedia({ colorScheme });
    for (const [index, { step, title }] of STEPS.entries()) {
      await app.open(`#/registrations/${id}/${step}`);
      await expect(page.getByRole('heading', { level: 2, name: new RegExp(title) })).toBeVisible();
      await expect(page.locator('[aria-current="step"]')).toHaveText(new RegExp(title));
      await expect(page.locator('.wizard-nav').getByRole('link', { name: /^Back(?! to Registrations)/ })).toHaveCount(index === 0 ? 0 : 1);
      await app.screenshot(`wizard-${index + 1}-${step}-${colorScheme}`);
      expect(await app.seriousAxeViolations(), `axe on ${step} (${colorScheme})`).toEqual([]);
    }
  });
}

test('Review groups every finding by severity, each with a way to its step', async ({ app, page, backend }) => {
  const view = backend.services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Ward Rota' });
  const id = view.registration.id;
  backend.services.drafts.update(id, { metadata: { ...view.registration.metadata, redirect_uris: ['https://rota.example.org/callback', 'http://rota.example.org/cb?x=1'] } });
  // Review groups every finding by severity, each with a way to its step.
  await app.open(`#/registrations/${id}/review`);
  const report = backend.services.drafts.get(id).report;
  const errors = report.findings.filter((f) => f.severity === 'error');
  const warnings = report.findings.filter((f) => f.severity === 'warning');
  if (errors.length > 0) await expect(page.getByRole('heading', { name: `Errors (${errors.length})` })).toBeVisible();
  if (warnings.length > 0) await expect(page.getByRole('heading', { name: `Warnings (${warnings.length})` })).toBeVisible();
  await expect(page.locator('[data-finding-path^="redirect_uris[1]"]').first()).toBeVisible();
  await page.getByRole('link', { name: /Go to Redirect URIs/ }).first().click();
  await expect(page).toHaveURL(new RegExp(`#/registrations/${id}/redirect-uris$`));
  await expect(page.getByRole('textbox', { name: 'Redirect URI 2' })).toHaveAttribute('aria-invalid', 'true');
});

test('the list shows each draft with provider, environment and status badges', async ({ app, page, backend }) => {
  backend.services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Clinic Portal' });
  backend.services.drafts.create({ provider: 'nhs-login', environment: 'sandpit', clientName: 'Patient App' });
  await app.open('#/registrations');
  const cards = page.locator('.registration-card');
  await expect(cards).toHaveCount(2);
  const portal = cards.filter({ hasText: 'Clinic Portal' });
  await expect(portal).toContainText('NHS CIS2 Authentication · Integration (INT, Path to Live)');
  const badges = portal.getByRole('list', { name: 'Status' });
  await expect(badges).toContainText(/Values: \d+ errors?|Values valid/);
  for (const text of ['Key generated: not yet', 'jwks_uri checked: not yet', 'Packaged: not yet', 'Credentials stored: not yet']) {
    await expect(badges).toContainText(text);
  }
  await expect(page.getByRole('link', { name: 'New registration' })).toBeVisible();
  await app.screenshot('registrations-list-light');
  expect(await app.seriousAxeViolations()).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot('registrations-list-dark');

  // NHS login takes a PEM: the keys step says so instead of asking for a jwks_uri.
  await cards.filter({ hasText: 'Patient App' }).getByRole('link', { name: 'Patient App' }).click();
  await page.getByRole('link', { name: /Keys & authentication/ }).click();
  await expect(page.getByText('takes your public key as a PEM file, not a jwks_uri')).toBeVisible();
  await expect(page.getByLabel('jwks_uri')).toHaveCount(0);
});

test('copy to another environment, and delete only after confirming', async ({ app, page, backend }) => {
  const view = backend.services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Bed Board' });
  await app.open(`#/registrations/${view.registration.id}/basics`);

  await page.getByRole('button', { name: 'Copy to another environment' }).click();
  const copyDialog = page.getByRole('dialog', { name: 'Copy to another environment' });
  await expect(copyDialog).toBeVisible();
  await expect(copyDialog).toContainText('Keys and credentials are never copied');
  await copyDialog.getByLabel('Environment').selectOption({ label: 'Production (live)' });
  await app.screenshot('copy-dialog-light', { fullPage: false });
  await copyDialog.getByRole('button', { name: 'Copy values' }).click();
  await expect(page.getByText('NHS CIS2 Authentication · Production (live)')).toBeVisible();
  const copyId = decodeURIComponent(/#\/registrations\/([^/]+)\//.exec(page.url())![1]!);
  expect(copyId).not.toBe(view.registration.id);
  expect(backend.services.drafts.get(copyId).registration.environment).toBe('live');

  await page.getByRole('button', { name: 'Delete' }).click();
  const deleteDialog = page.getByRole('dialog', { name: /Delete “Bed Board”\?/ });
  await expect(deleteDialog).toContainText('This cannot be undone.');
  await expect(deleteDialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await app.screenshot('delete-dialog-light', { fullPage: false });
  expect(await app.seriousAxeViolations(), 'axe with the dialog open').toEqual([]);
  await page.keyboard.press('Escape');
  await expect(deleteDialog).toBeHidden();
  expect(backend.services.drafts.list()).toHaveLength(2);

  await page.getByRole('button', { name: 'Delete' }).click();
  await deleteDialog.getByRole('button', { name: 'Delete registration' }).click();
  await expect(page).toHaveURL(/#\/registrations$/);
  await expect(page.locator('.registration-card')).toHaveCount(1);
  expect(backend.services.drafts.list().map((d) => d.registration.id)).toEqual([view.registration.id]);
});

test('keyboard only: create a registration and edit it without the mouse', async ({ app, page, backend }) => {
  await app.open('#/registrations');
  await tabTo(page, page.getByRole('main').getByRole('link', { name: 'New registration' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'New registration' })).toBeFocused();

  // Provider: arrow keys move the choice within the radio group.
  await tabTo(page, page.getByRole('radio', { name: /NHS CIS2 Authentication/ }));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: /^NHS login/ })).toBeChecked();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('radio', { name: /NHS CIS2 Authentication/ })).toBeChecked();
  // Environment: Tab into the group, Space keeps the focused choice.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  const env = page.locator('input[name="environment"]:focus');
  await expect(env).toBeChecked();
  await tabTo(page, page.getByLabel('3. Client name'));
  await page.keyboard.type('Keyboard Clinic');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/registrations\/[^/]+\/basics$/);
  const id = decodeURIComponent(/#\/registrations\/([^/]+)\/basics$/.exec(page.url())![1]!);
  await expect(page.getByRole('heading', { level: 2, name: /Basics/ })).toBeFocused();

  // Edit a field, move to the next step with Enter, add a redirect URI with Space.
  await tabTo(page, page.getByLabel('Client name'));
  await page.keyboard.press('End');
  await page.keyboard.type(' Plus');
  await tabTo(page, page.getByRole('link', { name: /Next/ }), 40);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: /Redirect URIs/ })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Add redirect URI' }));
  await page.keyboard.press('Space');
  await expect(page.getByRole('textbox', { name: 'Redirect URI 1' })).toBeFocused();
  await page.keyboard.type('https://clinic.example.org/callback');
  await expectSaved(page);
  const stored = backend.services.drafts.get(id).registration;
  expect(stored.metadata.client_name).toBe('Keyboard Clinic Plus');
  expect(stored.metadata.redirect_uris).toEqual(['https://clinic.example.org/callback']);
  // Remove it again by keyboard; focus stays in the list.
  await tabTo(page, page.getByRole('button', { name: 'Remove redirect uri 1' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Add redirect URI' })).toBeFocused();
  await expectSaved(page);
});
