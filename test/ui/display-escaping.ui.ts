/**
 * Echoed user text in the app: a client_name carrying a bidi override (a "Trojan Source" name
 * that reads as something else) is shown with the override escaped — in the registrations list,
 * the wizard's heading and the finding beside the field — never applied to the page.
 */
import { expect, test } from './harness';

const RLO = '\u202E';
const NAME = `Pay${RLO}exe.gnp`;
const SHOWN = 'Pay\\u202Eexe.gnp';

test('a bidi override in client_name is shown escaped, in the list, the heading and the finding', async ({ app, page, backend }) => {
  const { registration } = backend.services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: NAME });

  await app.open('#/registrations');
  const card = page.getByRole('main').getByRole('link', { name: SHOWN });
  await expect(card).toBeVisible();
  expect(await page.getByRole('main').innerText()).not.toContain(RLO);

  await app.open(`#/registrations/${registration.id}/basics`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(SHOWN);
  const finding = page.getByText(/control or invisible formatting characters/).first();
  await expect(finding).toContainText(SHOWN);
  // The field itself holds the real value, so the user can see and fix what they typed.
  await expect(page.getByLabel(/Client name/).first()).toHaveValue(NAME);
  const visibleText = await page.locator('body').innerText();
  expect(visibleText).not.toContain(RLO);
});
