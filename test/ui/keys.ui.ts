/**
 * Issue 4 in the browser against the real key service and the real OS keychain: generate an
 * RSA key with visible progress, compare its fingerprint, copy and save the public key, export the
 * private key (a weak passphrase refused, a strong one written 0600 and encrypted), rotate, and
 * delete after confirming. The harness scans every IPC answer for private key material.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './harness';

let tmp: string;
test.beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'oidc-onboard-ui-keys-'));
});
test.afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

test('keys: generate, fingerprint, copy and save public key, export private key, rotate and delete', async ({ app, page, backend }) => {
  test.setTimeout(300_000);
  const view = backend.services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Key Clinic' });
  const id = view.registration.id;
  await app.open(`#/registrations/${id}/keys`);
  await expect(page.getByRole('heading', { level: 3, name: 'Signing keys' })).toBeVisible();
  await expect(page.getByText('Made on this computer; the private key stays in your OS keychain.')).toBeVisible();
  await expect(page.getByText('No key pair yet.')).toBeVisible();
  await app.screenshot('keys-empty-light');
  expect(await app.seriousAxeViolations(), 'axe on the empty key ring').toEqual([]);

  // The declared algorithm is preselected; another one is refused with the way out (change the declaration).
  await expect(page.getByLabel('Key algorithm')).toHaveValue('RS256');
  await expect(page.getByLabel('Key algorithm').locator('option[value="RS256"]')).toHaveText('RS256 (declared in your values)');
  await page.getByLabel('Key algorithm').selectOption('ES256');
  await expect(page.getByRole('button', { name: 'Generate key pair' })).toBeDisabled();
  const conflict = page.getByText('Your values declare RS256 (token_endpoint_auth_signing_alg): a ES256 key could not sign');
  await expect(conflict).toBeVisible();
  await conflict.scrollIntoViewIfNeeded();
  await app.screenshot('keys-generate-conflict-light', { fullPage: false });
  await page.getByLabel('Key algorithm').selectOption('RS256');
  // Choose RSA-2048 explicitly.
  await page.getByLabel('RSA key size').selectOption('2048');

  // Record every progress bar state the page shows while the key is made.
  // A string, evaluated in the page: the Node tsconfig has no DOM types.
  await page.evaluate(`(() => {
    const seen = [];
    globalThis.__progressSeen = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuetext');
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  })()`);
  await page.getByRole('button', { name: 'Generate key pair' }).click();
  const card = page.locator('.key-card');
  await expect(card).toHaveCount(1);
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  const seen = await page.evaluate(() => (globalThis as unknown as { __progressSeen: string[] }).__progressSeen);
  expect(seen.length, `progress shown while generating (saw ${JSON.stringify(seen)})`).toBeGreaterThan(0);
  expect(seen[0]).toMatch(/Generating|Encrypting|Storing/);

  const record = backend.services.keys.view(id).records[0]!;
  await expect(card.getByTestId('fingerprint')).toHaveText(record.thumbprint);
  await expect(card).toContainText('Active');
  await expect(card).toContainText('RS256 · RSA 2048 bits');
  await expect(page.getByTestId('keys-status')).toContainText(`Generated key ${record.kid}`);
  await expect(page.getByRole('heading', { name: 'Rotation' })).toBeVisible();
  // One key: nothing to rotate yet, so no plan ("remove the old key after …") is shown.
  await expect(page.locator('.rotation-plan')).toHaveCount(0);
  await app.screenshot('keys-generated-light');
  await page.getByRole('tab', { name: /Publish/ }).click();
  await expect(page.getByRole('heading', { name: 'Hosting help' })).toBeVisible();
  await expect(page.locator('.jwks-preview code')).toContainText(record.kid);
  await app.screenshot('keys-publish-light');
  expect(await app.seriousAxeViolations(), 'axe with a key').toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot('keys-publish-dark');
  expect(await app.seriousAxeViolations(), 'axe with a key (dark)').toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });

  // Copy JWKS: the public set only.
  await page.getByRole('button', { name: 'Copy JWKS' }).click();
  await expect(page.getByTestId('keys-status')).toContainText('Copied the public JWKS.');
  const copied = JSON.parse(backend.clipboard.at(-1)!) as { keys: Record<string, unknown>[] };
  expect(copied.keys.map((k) => k.kid)).toEqual([record.kid]);
  for (const key of copied.keys) for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key).not.toHaveProperty(member);

  // Save public PEM to the path the (harness) save dialog answers with.
  const pemPath = path.join(tmp, 'public.pem');
  backend.nextSavePath = pemPath;
  await page.getByRole('button', { name: 'Save public PEM…' }).click();
  await expect(page.getByTestId('keys-status')).toContainText(`Saved to ${pemPath}`);
  const pem = await readFile(pemPath, 'utf8');
  expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  expect(pem).not.toContain('PRIVATE');

  // The fingerprint is copyable (on the Key pairs tab).
  await page.getByRole('tab', { name: /Key pairs/ }).click();
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot('keys-generated-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await card.getByRole('button', { name: `Copy fingerprint of ${record.kid}` }).click();
  await expect.poll(() => backend.clipboard.at(-1)).toBe(record.thumbprint);

  // Export the private key: a weak passphrase is refused with the meter's advice.
  const privatePath = path.join(tmp, 'private.p8.pem');
  backend.nextSavePath = privatePath;
  await card.getByRole('button', { name: /Export private key/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Export private key' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('radio', { name: /Encrypted private key \(PKCS#8 PEM\)/ })).toBeChecked();
  await expect(dialog).toContainText('readable by OpenSSL');
  const exportButton = dialog.getByRole('button', { name: 'Export…' });
  await dialog.getByLabel('Passphrase', { exact: true }).fill('password1');
  await dialog.getByLabel('Passphrase again').fill('password1');
  await expect(dialog.getByTestId('passphrase-meter')).toHaveAttribute('data-score', /[0-2]/);
  await expect(dialog.getByTestId('passphrase-meter')).toContainText('Use at least 12 characters');
  await expect(exportButton).toBeDisabled();
  await dialog.getByRole('checkbox', { name: /I understand this file contains my private key/ }).check();
  await exportButton.click();
  await expect(dialog.getByRole('alert')).toContainText('That passphrase is too weak.');
  await expect(dialog.getByRole('alert')).toContainText('Use at least 12 characters');
  await expect(stat(privatePath)).rejects.toThrow();
  await app.screenshot('keys-export-weak-light', { fullPage: false });
  expect(await app.seriousAxeViolations(), 'axe on the export dialog').toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot('keys-export-weak-dark', { fullPage: false });
  expect(await app.seriousAxeViolations(), 'axe on the export dialog (dark)').toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });

  const strong = 'Ward rota Tuesday, copper kettle 47!';
  await dialog.getByLabel('Passphrase', { exact: true }).fill(strong);
  await dialog.getByLabel('Passphrase again').fill(strong);
  await expect(dialog.getByTestId('passphrase-meter')).toHaveAttribute('data-score', /[34]/);
  await exportButton.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('keys-status')).toContainText(`Exported the encrypted private key to ${privatePath}`);
  expect((await stat(privatePath)).mode & 0o777).toBe(0o600);
  expect(await readFile(privatePath, 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);

  // Rotate: with only an active key, a next key is made to publish first.
  await page.getByRole('button', { name: 'Rotate keys' }).click();
  await expect(card).toHaveCount(2, { timeout: 30_000 });
  const next = page.locator('.key-card[data-state="next"]');
  await expect(next).toHaveCount(1);
  await expect(page.getByTestId('keys-status')).toContainText('as the next key');
  const ring = backend.services.keys.view(id);
  const nextRecord = ring.records.find((r) => r.state === 'next')!;
  await expect(next.getByTestId('fingerprint')).toHaveText(nextRecord.thumbprint);
  // Now there is something to rotate: the plan appears.
  await expect(page.locator('.rotation-plan')).toBeVisible();
  await app.screenshot('keys-rotated-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot('keys-rotated-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // Delete the next key, only after confirming.
  await next.getByRole('button', { name: `Delete ${nextRecord.kid}` }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete this key pair?' });
  await expect(confirm).toContainText('This cannot be undone.');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await app.screenshot('keys-delete-dialog-light', { fullPage: false });
  expect(await app.seriousAxeViolations(), 'axe on the delete dialog').toEqual([]);
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  expect(backend.services.keys.view(id).records).toHaveLength(2);
  await next.getByRole('button', { name: `Delete ${nextRecord.kid}` }).click();
  await confirm.getByRole('button', { name: 'Delete key pair' }).click();
  await expect(card).toHaveCount(1);
  await expect(page.getByTestId('keys-status')).toContainText(`Deleted key ${nextRecord.kid}`);
  expect(backend.services.keys.view(id).records.map((r) => r.kid)).toEqual([record.kid]);

  // The Registrations list now says the key exists.
  await app.open('#/registrations');
  await expect(page.getByRole('list', { name: 'Status' })).toContainText('Key generated');
  await expect(page.getByRole('list', { name: 'Status' })).not.toContainText('Key generated: not yet');
});

test('keys: NHS login (PEM) puts the public PEM first', async ({ app, page, backend }) => {
  const view = backend.services.drafts.create({ provider: 'nhs-login', environment: 'sandpit', clientName: 'Patient App' });
  const id = view.registration.id;
  await backend.services.keys.generate(id, { alg: 'RS512', size: 2048 });
  await app.open(`#/registrations/${id}/keys`);
  await expect(page.locator('.key-card')).toHaveCount(1);
  await page.getByRole('tab', { name: /Publish/ }).click();
  const primary = page.locator('.publish-primary');
  await expect(primary.getByRole('heading', { name: 'Public key (PEM)' })).toBeVisible();
  await primary.getByRole('button', { name: 'Copy public PEM' }).click();
  await expect.poll(() => backend.clipboard.at(-1) ?? '').toMatch(/^-----BEGIN PUBLIC KEY-----/);
  await app.screenshot('keys-pem-provider-light');
  expect(await app.seriousAxeViolations()).toEqual([]);
});
