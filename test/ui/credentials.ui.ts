/**
 * Issue 7 in the browser against the real credential service and the real OS keychain: save a
 * Client ID and secret, see the secret masked and absent from every IPC answer except the explicit
 * reveal, reveal it, copy it (the main process puts it on the clipboard and the UI says when it is
 * cleared), replace and delete with confirmation; a failed save keeps what was typed; the client
 * assertion helper decodes, copies and — on request — probes a local token endpoint.
 */
import { createOsKeychain } from '../../core/storage/os-keychain';
import { json, startHttpsServer } from '../support/hostile-server';
import { getTestPki, LOCAL_HOSTS } from '../support/test-pki';
import { expect, test } from './harness';

const SECRET = 'Ui-Test-Client-Secret-7f3a9c';
const CLIENT_ID = 'ui-test-client-123';

test('credentials: save, masked secret, explicit reveal, copy with clearing, replace, delete', async ({ app, page, backend, ipc }) => {
  test.setTimeout(180_000);
  const view = backend.services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Secret Keeper' });
  const id = view.registration.id;
  // CIS2's "Client Secret" pattern: the one that issues a secret with the Client ID.
  backend.services.drafts.setValues(id, { authMethod: 'client_secret_post' });
  backend.services.drafts.create({ provider: 'nhs-login', environment: 'sandpit', clientName: 'Other App' });

  // The picker lists each registration with provider · environment.
  await app.open('#/credentials');
  const picker = page.getByRole('navigation', { name: 'Registrations' });
  await expect(picker.getByRole('link')).toHaveCount(2);
  await expect(picker.getByRole('link', { name: /Secret Keeper/ })).toContainText('NHS CIS2');
  await expect(page.getByText('Choose the registration the credentials belong to.')).toBeVisible();
  await app.shootBoth('credentials-picker', 'the credentials picker');
  await picker.getByRole('link', { name: /Secret Keeper/ }).click();
  await expect(page).toHaveURL(new RegExp(`#/credentials/${id}$`));
  await expect(picker.getByRole('link', { name: /Secret Keeper/ })).toHaveAttribute('aria-current', 'page');

  // Empty state → form, with today's date preselected.
  await expect(page.getByTestId('credentials-empty')).toBeVisible();
  await expect(page.getByLabel('Date received')).not.toHaveValue('');
  await expect(page.getByLabel(/^Client secret/)).toHaveAttribute('type', 'password');
  await app.shootBoth('credentials-form', 'the empty credentials form');

  // A missing Client ID is caught in the form, nothing is sent.
  await page.getByRole('button', { name: 'Save credentials' }).click();
  await expect(page.getByText('Enter the Client ID the provider gave you.')).toBeVisible();
  await expect(page.getByText('Enter the client secret the provider gave you.')).toBeVisible();
  expect(ipc.some((r) => r.channel === 'credentials:save')).toBe(false);

  await page.getByLabel('Client ID').fill(CLIENT_ID);
  await page.getByLabel(/^Client secret/).fill(SECRET);
  await page.getByLabel('Notes (optional)').fill('Sent by the onboarding team, ticket 42');
  await page.getByRole('button', { name: 'Save credentials' }).click();

  const saved = page.getByTestId('saved-credentials');
  await expect(saved).toBeVisible();
  const stored = backend.services.credentials.show(id)!;
  await expect(saved.getByTestId('client-id')).toHaveText(CLIENT_ID);
  await expect(saved.getByTestId('stored-in')).toContainText(`Stored in: ${stored.storedIn}`);
  await expect(saved.getByTestId('stored-in')).toContainText(stored.account);
  await expect(saved.getByTestId('stored-in')).toContainText(stored.service);
  await expect(saved).toContainText('ticket 42');
  await expect(saved.getByTestId('secret-value')).toHaveText('••••••••••••');
  await expect(page.locator('body')).not.toContainText(SECRET);
  expect(await backend.services.credentials.reveal(id)).toBe(SECRET);
  await expect(picker.getByRole('link', { name: /Secret Keeper/ })).toContainText('Credentials stored');
  await app.shootBoth('credentials-saved', 'saved credentials');

  // Reveal is explicit and toggles.
  const reveal = saved.getByRole('button', { name: 'Reveal' });
  await expect(reveal).toHaveAttribute('aria-pressed', 'false');
  await reveal.click();
  await expect(saved.getByTestId('secret-value')).toHaveText(SECRET);
  await expect(saved.getByRole('button', { name: 'Hide' })).toHaveAttribute('aria-pressed', 'true');
  await app.screenshot('credentials-revealed-light');
  await saved.getByRole('button', { name: 'Hide' }).click();
  await expect(saved.getByTestId('secret-value')).toHaveText('••••••••••••');
  await expect(page.locator('body')).not.toContainText(SECRET);

  // Copy: the main process puts it on the clipboard and says when it is cleared.
  const prefs = backend.services.store.read().preferences;
  await saved.getByRole('button', { name: 'Copy secret' }).click();
  await expect(page.getByTestId('credentials-status')).toContainText(`Copied — the clipboard will be cleared in ${prefs.clipboardClearSeconds} s.`);
  expect(backend.clipboard.at(-1)).toBe(SECRET);

  // The clearing time is a preference.
  await page.getByLabel('Clear the clipboard after (seconds)').fill('45');
  await page.getByRole('button', { name: 'Save setting' }).click();
  await expect(page.getByTestId('clipboard-setting-status')).toContainText('after 45 s');
  expect(backend.services.store.read().preferences.clipboardClearSeconds).toBe(45);
  await saved.getByRole('button', { name: 'Copy secret' }).click();
  await expect(page.getByTestId('credentials-status')).toContainText('cleared in 45 s');

  // The Registrations list reads the stored status.
  await app.open('#/registrations');
  await expect(page.locator('.registration-card', { hasText: 'Secret Keeper' }).locator('.badge', { hasText: 'Credentials stored' })).not.toContainText('not yet');

  // Replace: the form again, and a confirmation.
  await app.open(`#/credentials/${id}`);
  await page.getByRole('button', { name: 'Replace…' }).click();
  await page.getByLabel('Client ID').fill('ui-test-client-456');
  await page.getByLabel(/^Client secret/).fill(`${SECRET}-rotated`);
  await page.getByRole('button', { name: 'Replace credentials…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Replace the stored credentials?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Replace' }).click();
  await expect(page.getByTestId('client-id')).toHaveText('ui-test-client-456');
  await expect(page.getByText('Replaced. The secret is in the')).toBeVisible();
  expect(await backend.services.credentials.reveal(id)).toBe(`${SECRET}-rotated`);

  // Delete, after a confirmation that says it cannot be undone.
  await page.getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete these credentials?' });
  await expect(dialog).toContainText('This cannot be undone');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await app.screenshot('credentials-delete-dialog-light', { fullPage: false });
  expect(await app.seriousAxeViolations(), 'axe on the delete dialog').toEqual([]);
  await dialog.getByRole('button', { name: 'Delete credentials' }).click();
  await expect(page.getByTestId('credentials-empty')).toBeVisible();
  await expect(page.getByLabel('Client ID')).toHaveValue('');
  expect(backend.services.credentials.show(id)).toBeNull();
  await expect(picker.getByRole('link', { name: /Secret Keeper/ })).toContainText('No credentials yet');

  // Secrets custody: the secret crossed to the window only in the explicit reveal's answer.
  const carrying = new Set(ipc.filter((r) => r.response.includes(SECRET)).map((r) => r.channel));
  expect([...carrying]).toEqual(['credentials:reveal']);
});

test('credentials: a failed save keeps what the user typed and shows the error from the table', async ({ app, page, backend }) => {
  const view = backend.services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Race App' });
  const id = view.registration.id;
  backend.services.drafts.setValues(id, { authMethod: 'client_secret_post' });
  await app.open(`#/credentials/${id}`);
  await expect(page.getByTestId('credentials-empty')).toBeVisible();
  // Meanwhile the CLI (or another window) stores credentials for the same registration.
  await backend.services.credentials.save(id, { clientId: 'from-the-cli', secret: 'cli-secret-value' });

  await page.getByLabel('Client ID').fill('typed-in-the-window');
  await page.getByLabel(/^Client secret/).fill('typed-secret-value');
  await page.getByLabel('Notes (optional)').fill('my notes');
  await page.getByRole('button', { name: 'Save credentials' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Code: ALREADY_EXISTS');
  await expect(page.getByLabel('Client ID')).toHaveValue('typed-in-the-window');
  await expect(page.getByLabel(/^Client secret/)).toHaveValue('typed-secret-value');
  await expect(page.getByLabel('Notes (optional)')).toHaveValue('my notes');
  await app.screenshot('credentials-save-error-light');
  expect(await app.seriousAxeViolations(), 'axe on a save error').toEqual([]);
  await backend.services.credentials.delete(id, { confirm: true });
});

test('credentials: the client assertion helper decodes, copies as curl, and probes the token endpoint on request', async ({ app, page, backend, ipc }) => {
  test.setTimeout(180_000);
  const pki = await getTestPki();
  const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
  // A token endpoint that accepts the client and refuses the dummy code: invalid_grant — with a clock 10 minutes ahead of ours.
  const server = await startHttpsServer({
    cert: leaf.chainPem,
    key: leaf.keyPem,
    handler: (req, res, ctx) => json({ error: 'invalid_grant', error_description: 'Unknown authorization code' }, { date: new Date(Date.now() + 600_000).toUTCString() }, 400)(req, res, ctx),
  });
  try {
    const view = backend.services.drafts.create({ provider: 'nhs-api-platform', environment: 'int', clientName: 'Signer App' });
    const id = view.registration.id;
    await backend.services.keys.generate(id, { size: 2048 });
    // The API platform issues an API key (the assertion's iss/sub) and no secret.
    await backend.services.credentials.save(id, { clientId: CLIENT_ID });
    const kid = backend.services.keys.view(id).records[0]!.kid;

    await app.open(`#/credentials/${id}`);
    const helper = page.locator('.assertion-helper');
    await expect(helper.getByRole('heading', { name: 'Client assertion helper' })).toBeVisible();
    expect(ipc.some((r) => r.channel.startsWith('credentials:assertion') || r.channel === 'credentials:probe'), 'nothing is signed or sent automatically').toBe(false);

    await helper.getByRole('button', { name: 'Create client assertion' }).click();
    const result = helper.getByTestId('assertion-result');
    await expect(result).toBeVisible();
    const jwt = (await result.getByTestId('assertion-jwt').textContent()) ?? '';
    expect(jwt.split('.')).toHaveLength(3);
    const header = JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, string>;
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, string | number>;
    expect(header.kid).toBe(kid);
    const headerTable = result.locator('table', { has: page.locator('caption', { hasText: 'Header' }) });
    await expect(headerTable.locator('tr', { hasText: 'kid' })).toContainText(kid);
    await expect(headerTable.locator('tr', { hasText: 'alg' })).toContainText(header.alg!);
    const claimsTable = result.locator('table', { has: page.locator('caption', { hasText: 'Claims' }) });
    await expect(claimsTable.locator('tr', { hasText: 'iss' })).toContainText(CLIENT_ID);
    await expect(claimsTable.locator('tr', { hasText: 'iss' })).toContainText('your API key');
    await expect(claimsTable.locator('tr', { hasText: 'aud' })).toContainText(String(claims.aud));
    await expect(claimsTable.locator('tr', { hasText: 'jti' })).toContainText(String(claims.jti));
    await expect(result.getByTestId('assertion-expiry')).toContainText('Valid until');
    await app.shootBoth('credentials-assertion', 'the client assertion helper');

    await result.getByRole('button', { name: 'Copy as curl' }).click();
    await expect(page.getByTestId('assertion-copy-status')).toContainText('Copied the curl command — the clipboard will be cleared in');
    expect(backend.clipboard.at(-1)).toContain('curl');
    expect(backend.clipboard.at(-1)).toContain(jwt);
    await result.getByRole('button', { name: 'Copy as JWT' }).click();
    await expect.poll(() => backend.clipboard.at(-1)).toBe(jwt);

    // The probe, only on request, against a local token endpoint (audience and CA given explicitly).
    await helper.locator('summary', { hasText: 'Advanced options' }).click();
    await helper.getByLabel('Audience (optional)').fill(server.url('/token'));
    await helper.getByRole('button', { name: 'Create a new client assertion' }).click();
    await expect(claimsTable.locator('tr', { hasText: 'aud' })).toContainText(server.url('/token'));
    expect(server.requestCount).toBe(0);
    await helper.locator('summary', { hasText: 'Extra CA certificates' }).click();
    await helper.getByLabel('Extra CA certificates (PEM, optional)').fill(pki.caCertPem);
    await helper.getByRole('button', { name: 'Test against the token endpoint' }).click();
    const verdict = helper.getByTestId('probe-verdict');
    await expect(verdict).toHaveAttribute('data-verdict', 'accepted', { timeout: 30_000 });
    await expect(verdict).toContainText('Accepted');
    await expect(verdict).toContainText('invalid_grant');
    expect(server.requestCount).toBe(1);
    // The provider's Date header is 10 minutes off ours: the result says so, with how to fix it.
    await expect(verdict.getByTestId('probe-warnings')).toContainText('Clock skew: this computer\'s clock is 10 minutes behind the token endpoint\'s');
    await expect(verdict.getByTestId('probe-warnings')).toContainText('NTP');
    await app.shootBoth('credentials-probe', 'the token endpoint probe');
  } finally {
    await server.close();
  }
});

test('credentials: a revealed secret hides itself after 30 s and when the window loses focus', async ({ app, page, backend }) => {
  const view = backend.services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Timer App' });
  const id = view.registration.id;
  backend.services.drafts.setValues(id, { authMethod: 'client_secret_post' });
  await backend.services.credentials.save(id, { clientId: CLIENT_ID, secret: SECRET });
  try {
    await page.clock.install();
    await app.open(`#/credentials/${id}`);
    const value = page.getByTestId('secret-value');
    await page.getByRole('button', { name: 'Reveal' }).click();
    await expect(value).toHaveText(SECRET);
    await page.clock.fastForward(29_000);
    await expect(value).toHaveText(SECRET);
    await page.clock.fastForward(2_000);
    await expect(value).toHaveText('••••••••••••');

    await page.getByRole('button', { name: 'Reveal' }).click();
    await expect(value).toHaveText(SECRET);
    await page.evaluate(() => (globalThis as unknown as EventTarget).dispatchEvent(new Event('blur')));
    await expect(value).toHaveText('••••••••••••');
  } finally {
    await backend.services.credentials.delete(id, { confirm: true });
  }
});

test('credentials: NHS login and CIS2 private_key_jwt issue a Client ID only — no secret field, saved alone, no keychain item', async ({ app, page, backend, ipc }) => {
  const login = backend.services.drafts.create({ provider: 'nhs-login', environment: 'sandpit', clientName: 'Citizen Portal' }).registration.id;
  const cis2 = backend.services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Key Only' }).registration.id;
  await app.open(`#/credentials/${login}`);
  await expect(page.getByTestId('credentials-empty')).toBeVisible();
  await expect(page.getByTestId('credential-issued')).toContainText('client_id only');
  await expect(page.getByLabel('Client ID')).toBeVisible();
  await expect(page.getByLabel(/Client secret/)).toHaveCount(0);
  await expect(page.locator('input[type="password"]')).toHaveCount(0);
  await app.shootBoth('credentials-nhs-login-form', 'the NHS login credentials form');

  await page.getByLabel('Client ID').fill('nhs-login-ui-client');
  await page.getByRole('button', { name: 'Save credentials' }).click();
  const saved = page.getByTestId('saved-credentials');
  await expect(saved.getByTestId('client-id')).toHaveText('nhs-login-ui-client');
  await expect(saved.getByTestId('no-secret')).toContainText('No secret');
  await expect(saved.getByTestId('secret-value')).toHaveCount(0);
  await expect(page.getByText('No secret is issued, so nothing went to the keychain.')).toBeVisible();
  const stored = backend.services.credentials.show(login)!;
  expect(stored).toMatchObject({ clientId: 'nhs-login-ui-client', hasSecret: false });
  // The real keychain holds no item for it.
  expect(await createOsKeychain({ service: stored.service }).get(stored.account)).toBeUndefined();
  const request = ipc.find((r) => r.channel === 'credentials:save');
  expect(request?.payload).not.toHaveProperty('secret');
  await expect(page.getByRole('navigation', { name: 'Registrations' }).getByRole('link', { name: /Citizen Portal/ })).toContainText('Credentials stored');
  await app.shootBoth('credentials-nhs-login-saved', 'saved NHS login credentials');

  await app.open(`#/credentials/${cis2}`);
  await expect(page.getByTestId('credentials-empty')).toBeVisible();
  await expect(page.getByLabel(/Client secret/)).toHaveCount(0);
  await page.getByLabel('Client ID').fill('123456.apps.supplier');
  await page.getByRole('button', { name: 'Save credentials' }).click();
  await expect(page.getByTestId('saved-credentials').getByTestId('client-id')).toHaveText('123456.apps.supplier');
  const cis2Stored = backend.services.credentials.show(cis2)!;
  expect(cis2Stored.hasSecret).toBe(false);
  expect(await createOsKeychain({ service: cis2Stored.service }).get(cis2Stored.account)).toBeUndefined();
});

test('credentials: the API platform asks for an API key (labelled so), an optional application id and KID, no secret; a UUID as the API key warns', async ({ app, page, backend }) => {
  const id = backend.services.drafts.create({ provider: 'nhs-api-platform', environment: 'int', clientName: 'Referrals Sync' }).registration.id;
  await app.open(`#/credentials/${id}`);
  await expect(page.getByTestId('credentials-empty')).toBeVisible();
  await expect(page.getByLabel('API key', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Client ID')).toHaveCount(0);
  await expect(page.getByLabel(/Client secret/)).toHaveCount(0);
  await expect(page.locator('input[type="password"]')).toHaveCount(0);
  await expect(page.getByLabel('Application id (optional)')).toBeVisible();
  await expect(page.getByLabel('KID (optional)')).toBeVisible();

  const uuid = '009c531e-072f-4468-a24c-4b6faab562da';
  await page.getByLabel('API key', { exact: true }).fill(uuid);
  await expect(page.getByTestId('api-key-uuid-warning')).toContainText('that is what the application id looks like, not the API key');
  await app.shootBoth('credentials-api-platform-uuid-warning', 'the API platform form warning about a UUID');

  await page.getByLabel('API key', { exact: true }).fill('Zq7RapiKEY0123Fg6J');
  await expect(page.getByTestId('api-key-uuid-warning')).toHaveCount(0);
  await page.getByLabel('Application id (optional)').fill(uuid);
  await page.getByLabel('KID (optional)').fill('int-2027-12-01');
  await page.getByRole('button', { name: 'Save credentials' }).click();
  const saved = page.getByTestId('saved-credentials');
  await expect(saved.getByTestId('client-id')).toHaveText('Zq7RapiKEY0123Fg6J');
  await expect(saved.getByTestId('application-id')).toHaveText(uuid);
  await expect(saved.getByTestId('credential-kid')).toHaveText('int-2027-12-01');
  await expect(saved.locator('dt', { hasText: 'API key' })).toBeVisible();
  await expect(saved.getByTestId('no-secret')).toBeVisible();
  expect(backend.services.credentials.show(id)).toMatchObject({ identifierLabel: 'API key', applicationId: uuid, kid: 'int-2027-12-01', hasSecret: false });
  await expect(page.getByRole('navigation', { name: 'Registrations' }).getByRole('link', { name: /Referrals Sync/ })).toContainText('Credentials stored');
  await app.shootBoth('credentials-api-platform-saved', 'saved API platform credentials');
});
