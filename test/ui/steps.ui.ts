/**
 * The NHS steps around a registration in the browser, against the real services and keychain
 * (issue 12 items 1–3): the wizard's Submit step (checklist with copy-ready answers and ticks that
 * persist), the NHS-hosted JWKS request from the Keys step (with a dated kid from the generate
 * form), and the Compare view of two environments that share a key pair.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './harness';

const APP_ID = '9b2f3c1e-4d5a-4b6c-8d7e-0f1a2b3c4d5e';

let tmp: string;
test.beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'oidc-onboard-ui-steps-'));
});
test.afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

test('Submit step: the CIS2 INT checklist with copy-ready answers; ticks persist in the registration', async ({ app, page, backend }) => {
  test.setTimeout(120_000);
  const { services } = backend;
  const id = services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Ward Rounds' }).registration.id;
  services.drafts.setValues(id, { addRedirectUris: ['https://wardrounds.example.org/callback'], jwksUri: 'https://wardrounds.example.org/.well-known/jwks.json' });
  await services.keys.generate(id, { size: 2048 });

  await app.open(`#/registrations/${id}/review`);
  await page.getByRole('link', { name: /Next\s*:\s*Submit/ }).click();
  await expect(page.getByRole('heading', { name: /Submit/ })).toBeVisible();
  const checklist = page.getByTestId('checklist');
  await expect(checklist).toBeVisible();
  await expect(page.getByTestId('checklist-progress')).toHaveText('0 of 4 done');
  const cm = checklist.locator('[data-item-id="connection-manager"]');
  await expect(cm).toContainText('Enter the INT registration in Connection Manager');
  await expect(cm.locator('[data-answer-id="redirect-uris"]')).toContainText('https://wardrounds.example.org/callback');
  await expect(cm.locator('[data-answer-id="security-pattern"]')).toContainText('Private Key JWT');
  await expect(checklist.locator('[data-item-id="team-id"]')).toContainText('Welcome to CIS2');

  // Copy goes through the plain-text copy operation, with the registration's value.
  await cm.getByRole('button', { name: 'Copy JWKS URI' }).click();
  await expect(page.getByTestId('checklist-copy-status-connection-manager')).toContainText('Copied “JWKS URI”.');
  expect(backend.clipboard.at(-1)).toBe('https://wardrounds.example.org/.well-known/jwks.json');

  // Tick: kept in the registration, still ticked after a reload.
  await checklist.getByLabel(/1\. Send NHS the Team ID/).check();
  await expect(page.getByTestId('checklist-progress')).toHaveText('1 of 4 done');
  expect(services.checklist.view(id).items.find((i) => i.id === 'team-id')!.done).toBe(true);
  await page.reload();
  await expect(page.getByTestId('checklist-progress')).toHaveText('1 of 4 done');
  await expect(page.getByLabel(/1\. Send NHS the Team ID/)).toBeChecked();
  await app.shootBoth('checklist-step', 'the Submit step');
});

test('Keys step: a dated kid, then the NHS-hosted JWKS request written to a folder', async ({ app, page, backend }) => {
  test.setTimeout(180_000);
  const { services } = backend;
  const id = services.drafts.create({ provider: 'nhs-api-platform', environment: 'int', clientName: 'Parcel App' }).registration.id;

  await app.open(`#/registrations/${id}/keys`);
  await page.getByLabel('RSA key size').selectOption('2048');
  await page.getByLabel('Dated key ID (for an NHS-hosted JWKS)').check();
  await page.getByLabel('Rotate by').fill('2027-12-01');
  await page.getByRole('button', { name: 'Generate key pair' }).click();
  await expect(page.getByTestId('keys-status')).toContainText('Generated key 2027-12-01-', { timeout: 60_000 });
  const kid = services.keys.view(id).records[0]!.kid;
  expect(kid).toMatch(/^2027-12-01-[A-Za-z0-9_-]{8}$/);

  await page.getByRole('tab', { name: /Publish/ }).click();
  const hosted = page.getByTestId('hosted-jwks');
  await hosted.getByLabel('Application ID (UUID v4)').fill('not-an-application-id');
  await hosted.getByRole('button', { name: 'NHS-hosted JWKS request…' }).click();
  await expect(hosted).toContainText('is not a UUID v4');

  const out = path.join(tmp, 'parcel-nhs-jwks-request');
  backend.nextSavePath = out;
  await hosted.getByLabel('Application ID (UUID v4)').fill(APP_ID);
  await hosted.getByRole('button', { name: 'NHS-hosted JWKS request…' }).click();
  const result = page.getByTestId('hosted-jwks-result');
  await expect(result).toBeVisible();
  await expect(page.getByTestId('hosted-jwks-env')).toHaveText('int');
  await expect(page.getByTestId('hosted-jwks-warnings')).toContainText('RSA 4096');
  const request = JSON.parse(await readFile(path.join(out, 'request.json'), 'utf8')) as Record<string, string>;
  expect(Object.keys(request)).toEqual(['kid', 'environment', 'app_id', 'public_key_pem']);
  expect(request).toMatchObject({ kid, environment: 'int', app_id: APP_ID });
  expect(existsSync(path.join(out, 'jwk.json'))).toBe(true);
  await result.scrollIntoViewIfNeeded();
  await app.shootBoth('hosted-jwks-request', 'the Keys step with the NHS-hosted JWKS request');
});

test('Compare view: INT and LIVE sharing a key pair is an error; differing values listed', async ({ app, page, backend, ipc }) => {
  test.setTimeout(120_000);
  const { services } = backend;
  const int = services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Ward Rounds' }).registration.id;
  services.drafts.setValues(int, { addRedirectUris: ['https://wardrounds-test.example.org/callback'], jwksUri: 'https://wardrounds-test.example.org/jwks.json' });
  const live = services.drafts.copyToEnvironment(int, 'live').registration.id;
  services.drafts.setValues(live, { removeRedirectUris: ['https://wardrounds-test.example.org/callback'], addRedirectUris: ['https://localhost:8443/callback'], jwksUri: 'https://wardrounds.example.org/jwks.json', signingAlg: 'RS512' });
  const { record } = await services.keys.generate(int, { size: 2048 });
  const passphrase = 'correct horse battery staple 42!';
  const exported = await services.keys.exportPrivate(int, record.kid, 'pkcs8-encrypted-pem', passphrase);
  await services.keys.importKey(live, { input: exported, passphrase, kid: `${record.kid}-live` });

  await app.open(`#/registrations/${int}/basics`);
  await page.getByRole('link', { name: 'Compare with another environment' }).click();
  await expect(page.getByRole('heading', { name: 'Compare with another environment' })).toBeVisible();
  await page.getByLabel(/Compare Integration/).selectOption(live);
  const report = page.getByTestId('compare-report');
  await expect(report).toBeVisible();
  await expect(page.getByTestId('compare-verdict')).toContainText('Something must change');
  await expect(page.getByTestId('compare-findings').locator('[data-finding-code="compare.shared-key"]')).toBeVisible();
  await expect(page.getByTestId('compare-findings').locator('[data-finding-code="compare.test-host-in-live"]')).toContainText('localhost');
  await expect(page.getByTestId('compare-table').locator('[data-member="redirect_uris"]')).toHaveAttribute('data-same', 'no');
  await expect(page.getByTestId('compare-table').locator('[data-member="client_name"]')).toHaveAttribute('data-same', 'yes');
  await expect(page.getByTestId('compare-table').locator('[data-member="token_endpoint_auth_signing_alg"]')).toContainText('should match');
  await app.shootBoth('compare-environments', 'the Compare view');
  expect(await midWordBreaks(page), 'compare values broken mid-word at 1280 px').toEqual([]);
  await expect(report.locator('td').first()).toHaveCSS('display', 'table-cell');

  // A 900 px window: the rows stack (each value labelled with its environment), nothing breaks mid-word.
  await page.setViewportSize({ width: 900, height: 800 });
  await expect(report.locator('td').first()).toHaveCSS('display', 'block');
  expect(await midWordBreaks(page), 'compare values broken mid-word at 900 px').toEqual([]);
  expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth'), 'no sideways scroll at 900 px').toBe(true);
  await app.shootBoth('compare-environments-900', 'the Compare view at 900 px');

  // Opened directly, the screen reads the list it already needs, never each registration again.
  // (about:blank first: a change of hash alone would keep the page and its query cache.)
  await page.goto('about:blank');
  const before = ipc.length;
  await app.open(`#/registrations/${int}/compare/${live}`);
  await expect(page.getByTestId('compare-verdict')).toContainText('Something must change');
  const channels = ipc.slice(before).map((r) => r.channel);
  expect(channels).toContain('registrations:list');
  expect(channels).not.toContain('registrations:get');
  // An id that is not in the list: the error from the one table and a way back.
  await app.open('#/registrations/no-such-registration/compare');
  await expect(page.getByRole('alert')).toContainText('Code: NOT_FOUND');
  await expect(page.getByRole('link', { name: 'Show all registrations' })).toBeVisible();
});

/**
 * Words in the compare table's values that wrap inside themselves although they would fit on one
 * line of their cell. A word here ends at a space or after a separator (`_ . / - ? & = # : @ ,`,
 * where renderer/components/breakable.tsx offers a break): `token_endpoint_aut` / `h_method` is
 * such a break, `token_endpoint_` / `auth_method` is not.
 */
async function midWordBreaks(page: Page): Promise<string[]> {
  // A string, evaluated in the page: the Node tsconfig has no DOM types.
  return page.evaluate(`(() => {
    const broken = [];
    for (const code of document.querySelectorAll('[data-testid="compare-table"] code')) {
      const cell = code.closest('td, th');
      const style = getComputedStyle(cell);
      const width = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of node.textContent.matchAll(/[^\\s_.\\/\\-?&=#:@,]*[_.\\/\\-?&=#:@,]|[^\\s_.\\/\\-?&=#:@,]+/g)) {
          const range = document.createRange();
          range.setStart(node, word.index);
          range.setEnd(node, word.index + word[0].length);
          const rects = [...range.getClientRects()].filter((r) => r.width > 0);
          const lines = new Set(rects.map((r) => Math.round(r.top)));
          const natural = rects.reduce((sum, r) => sum + r.width, 0);
          if (lines.size > 1 && natural < width) broken.push(word[0] + ' in ' + node.textContent + ' (' + Math.round(natural) + ' px, cell ' + Math.round(width) + ' px)');
        }
      }
    }
    return broken;
  })()`);
}
