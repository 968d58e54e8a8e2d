import { expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { closeApp, freshDataDir, launchApp, preloadPath, type PageGlobals } from './fixtures';

let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  ({ app, page } = await launchApp(freshDataDir()));
});

test.afterAll(async () => {
  await closeApp(app);
});

test('the main window may call the main process', async () => {
  const result = await page.evaluate(() => (globalThis as unknown as PageGlobals).onboarding!.appInfo());
  expect(result.ok).toBe(true);
});

test('a second window with the same preload but another origin is refused', async () => {
  // The bridge only exists where our preload runs, so an attacker page needs a window that has
  // it: open one on a data: URL and show the main process refuses its calls.
  const opened = app.waitForEvent('window');
  await app.evaluate(async ({ BrowserWindow }, preload) => {
    const intruder = new BrowserWindow({ show: false, webPreferences: { preload, sandbox: true, contextIsolation: true, nodeIntegration: false } });
    await intruder.loadURL('data:text/html,<title>intruder</title><p>not the app</p>');
  }, preloadPath);
  const intruderPage = await opened;
  await intruderPage.waitForLoadState('domcontentloaded');
  expect(intruderPage.url()).toMatch(/^data:/);
  const result = await intruderPage.evaluate(() => (globalThis as unknown as PageGlobals).onboarding!.appInfo());
  expect(result).toMatchObject({ ok: false, error: { code: 'IPC_UNTRUSTED_SENDER' } });
});

test('a second window on the app origin is refused too (not a trusted webContents)', async () => {
  const opened = app.waitForEvent('window');
  await app.evaluate(async ({ BrowserWindow }, preload) => {
    const twin = new BrowserWindow({ show: false, webPreferences: { preload, sandbox: true, contextIsolation: true, nodeIntegration: false } });
    await twin.loadURL('app://oidc-onboard/index.html#twin');
  }, preloadPath);
  const twinPage = await opened;
  await twinPage.waitForLoadState('domcontentloaded');
  expect(twinPage.url()).toBe('app://oidc-onboard/index.html#twin');
  const result = await twinPage.evaluate(() => (globalThis as unknown as PageGlobals).onboarding!.appInfo());
  expect(result).toMatchObject({ ok: false, error: { code: 'IPC_UNTRUSTED_SENDER' } });
});
