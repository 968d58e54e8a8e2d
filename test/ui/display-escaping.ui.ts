/**
 * Hostile input in the app: a client_name carrying a bidi override (a "Trojan Source" name that
 * reads as something else) is shown with the override escaped — in the registrations list, the
 * wizard's heading and the finding beside the field — never applied to the page; and a package
 * file over the size limit is refused from its size, never read into the page.
 */
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_MAX_BYTES } from '../../contract/operations/packages';
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

test('Open a package refuses a file over the package size limit from its size, before reading it', async ({ app, page }) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'oidc-ui-oversize-'));
  try {
    const big = path.join(dir, `big\u202Egpj.zip`);
    const handle = await open(big, 'w');
    await handle.truncate(PACKAGE_MAX_BYTES + 1);
    await handle.close();
    await app.open('#/package');
    await page.getByTestId('package-file-input').setInputFiles(big);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Code: INPUT_UNREADABLE');
    await expect(alert).toContainText(`big\\u202Egpj.zip is ${PACKAGE_MAX_BYTES + 1} bytes, over the ${PACKAGE_MAX_BYTES}-byte limit`);
    await expect(page.getByTestId('package-verdict')).toHaveCount(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
