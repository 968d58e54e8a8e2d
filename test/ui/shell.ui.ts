/**
 * The app frame against the real backend: every destination renders (light and dark), passes
 * axe, and talks to the real router; the bridge refuses what the contract refuses.
 */
import { ERROR_CODES } from '../../contract/errors';
import { ERROR_MESSAGES } from '../../renderer/error-messages';
import { expect, privateKeyLeaks, test } from './harness';

// No picture where the screens matrix (screens.ui.ts) already has these very bytes: Check and
// Open a package look the same with or without registrations. The others show the empty app.
const DESTINATIONS = [
  { label: 'Registrations', hash: '#/registrations', heading: 'Registrations', shot: 'registrations-empty' },
  { label: 'Check a jwks_uri', hash: '#/check', heading: 'Check a jwks_uri', shot: undefined },
  { label: 'Open a package', hash: '#/package', heading: 'Open a package', shot: undefined },
  { label: 'Credentials', hash: '#/credentials', heading: 'Credentials', shot: 'credentials' },
  { label: 'About & Diagnostics', hash: '#/about', heading: 'About & Diagnostics', shot: 'about' },
] as const;

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every destination renders, is reachable from the navigation and passes axe (${colorScheme})`, async ({ app, page }) => {
    test.setTimeout(180_000);
    await page.emulateMedia({ colorScheme });
    await app.open('#/registrations');
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const destination of DESTINATIONS) {
      await nav.getByRole('link', { name: destination.label }).click();
      await expect(page).toHaveURL(new RegExp(`${destination.hash}$`));
      await expect(page.getByRole('heading', { level: 1, name: destination.heading })).toBeVisible();
      await expect(nav.getByRole('link', { name: destination.label })).toHaveAttribute('aria-current', 'page');
      await expect(nav.locator('a[aria-current="page"]')).toHaveCount(1);
      await expect(page.getByRole('main')).toBeVisible();
      if (destination.hash === '#/about') await expect(page.getByTestId('keychain-status')).toBeVisible();
      if (destination.shot !== undefined) await app.screenshot(`${destination.shot}-${colorScheme}`);
      expect(await app.seriousAxeViolations(), `axe on ${destination.hash}`).toEqual([]);
    }
  });
}

test('the empty destinations say what they will do and offer a way to start', async ({ app, page }) => {
  for (const hash of ['#/check', '#/package', '#/credentials']) {
    await app.open(hash);
    const main = page.getByRole('main');
    await expect(main).not.toContainText(/coming (soon|in this release)/i);
    await expect(main.getByRole('link', { name: 'Go to Registrations' })).toBeVisible();
  }
  await app.open('#/registrations');
  await expect(page.getByRole('heading', { name: 'No registrations yet' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: 'New registration' })).toBeVisible();
});

test('a payload the contract refuses comes back as IPC_INVALID_INPUT', async ({ app, page, ipc }) => {
  await app.open('#/registrations');
  const result = await page.evaluate(() =>
    (globalThis as unknown as { __onboardingInvoke(c: string, p: unknown): Promise<{ ok: boolean; error?: { code: string } }> }).__onboardingInvoke('registrations:get', { id: 5 }),
  );
  expect(result.ok).toBe(false);
  expect(result.error?.code).toBe('IPC_INVALID_INPUT');
  expect(ipc.some((r) => r.channel === 'registrations:get' && r.response.includes('IPC_INVALID_INPUT'))).toBe(true);
});

test('window.onboarding has one method per operation and no generic invoke', async ({ app, page }) => {
  await app.open('#/registrations');
  const names = await page.evaluate(() => Object.keys((globalThis as unknown as { onboarding: object }).onboarding).sort());
  const { bridgeMethodNames } = await import('../../contract/bridge');
  expect(names).toEqual(bridgeMethodNames());
  expect(names).not.toContain('invoke');
});

test('About shows what the real backend reports: the temp data folder and the keychain', async ({ app, page, backend }) => {
  await app.open('#/about');
  await expect(page.getByTestId('data-dir')).toHaveText(backend.dataDir);
  const info = await backend.services.appInfo();
  await expect(page.getByTestId('app-version')).toHaveText(info.version);
  await expect(page.getByTestId('keychain-status')).toHaveText(info.keychain.available ? 'Available' : 'Not available');
  await expect(page.getByText('The settings file opened cleanly')).toBeVisible();
});

test('an error from the backend is shown with the text from the one error table', async ({ app, page }) => {
  await app.open('#/registrations/no-such-draft/basics');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(ERROR_MESSAGES.NOT_FOUND.title);
  await expect(alert).toContainText(ERROR_MESSAGES.NOT_FOUND.action);
  await expect(alert).toContainText('Code: NOT_FOUND');
});

test('every IPC answer is recorded and scanned for private key material', async ({ app, page, ipc, backend }) => {
  // The scanner itself: it must catch both markers.
  expect(privateKeyLeaks([{ channel: 'x:y', payload: {}, response: '{"ok":true,"value":{"kty":"EC","d":"secret"}}' }])).toEqual(['x:y: "d":']);
  expect(privateKeyLeaks([{ channel: 'x:y', payload: {}, response: '"-----BEGIN PRIVATE KEY-----"' }])).toEqual(['x:y: PRIVATE KEY']);
  // A check names a hostile set's private member with its value redacted: that is no leak, any other value is.
  expect(privateKeyLeaks([{ channel: 'x:y', payload: {}, response: '{"evidence":{"key":{"kty":"RSA","d":"[redacted]"}}}' }])).toEqual([]);
  expect(privateKeyLeaks([{ channel: 'x:y', payload: {}, response: '{"evidence":{"key":{"kty":"RSA","d":"[redacted]x"}}}' }])).toEqual(['x:y: "d":']);
  expect(privateKeyLeaks([{ channel: 'x:y', payload: {}, response: '{"d": "secret"}' }])).toEqual(['x:y: "d":']);
  // Walk the app so the record covers every operation the UI uses; the fixture scans it afterwards.
  const view = backend.services.drafts.create({ provider: 'nhs-api-platform', environment: 'int', clientName: 'Scan Me' });
  await app.open('#/about');
  await expect(page.getByTestId('data-dir')).toBeVisible();
  await app.open('#/registrations');
  await expect(page.locator('.registration-card')).toHaveCount(1);
  await app.open(`#/registrations/${view.registration.id}/review`);
  await expect(page.getByRole('heading', { level: 2, name: /Review/ })).toBeVisible();
  const channels = new Set(ipc.map((record) => record.channel));
  for (const channel of ['app:info', 'settings:notices', 'registrations:list', 'registrations:get', 'profiles:list']) expect(channels).toContain(channel);
  expect(privateKeyLeaks(ipc)).toEqual([]);
});

test('every error code has user-facing text saying what happened and what to do', () => {
  expect(Object.keys(ERROR_MESSAGES).sort()).toEqual([...ERROR_CODES].sort());
  for (const code of ERROR_CODES) {
    const entry = ERROR_MESSAGES[code];
    expect(entry.title.length, code).toBeGreaterThan(5);
    expect(entry.action.length, code).toBeGreaterThan(10);
  }
});

test('the built page keeps the strict CSP: no unsafe-eval, no unsafe-inline, no inline script or style', async ({ app, page }) => {
  await app.open('#/registrations');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).not.toMatch(/unsafe-(eval|inline)/);
  expect(await page.locator('script:not([src])').count()).toBe(0);
  expect(await page.locator('style').count()).toBe(0);
});

test('keyboard: the skip link is first and moves focus to <main>', async ({ app, page }) => {
  await app.open('#/registrations');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await expect(page).toHaveURL(/#\/registrations$/);
  // Arrow keys move within the navigation list.
  await page.getByRole('link', { name: 'Registrations', exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('link', { name: 'Check a jwks_uri' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('link', { name: 'About & Diagnostics' })).toBeFocused();
});
