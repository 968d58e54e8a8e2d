import { expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { closeApp, freshDataDir, launchApp, type PageGlobals } from './fixtures';

let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  ({ app, page } = await launchApp(freshDataDir()));
});

test.afterAll(async () => {
  await closeApp(app);
});

test('the UI is served from app://oidc-onboard, never file://', async () => {
  expect(page.url()).toBe('app://oidc-onboard/index.html');
});

test('the main window runs sandboxed, isolated, without Node', async () => {
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> } | undefined;
    // getLastWebPreferences works (Electron's own specs use it) but is not in electron.d.ts.
    return contents?.getLastWebPreferences();
  });
  expect(prefs).toMatchObject({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
  });
  const globals = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return { require: typeof g.require, process: typeof g.process, module: typeof g.module, Buffer: typeof g.Buffer };
  });
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined' });
});

test('window.onboarding exposes only the contract methods', async () => {
  const { bridgeMethodNames } = await import('../../contract/bridge');
  const names = await page.evaluate(() => Object.keys((globalThis as unknown as PageGlobals).onboarding ?? {}).sort());
  expect(names).toEqual(bridgeMethodNames());
  expect(names).not.toContain('invoke');
});

test('navigation away from the app is refused', async () => {
  // Loopback only: if the lock failed, nothing outside this machine would be contacted.
  await page.evaluate(() => {
    (globalThis as unknown as PageGlobals).location.href = 'http://127.0.0.1:9/elsewhere';
  });
  await page.waitForTimeout(1_000);
  expect(page.url()).toBe('app://oidc-onboard/index.html');
});

test('window.open never creates a window', async () => {
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    g.open('http://127.0.0.1:9/popup');
    g.open('app://oidc-onboard/index.html');
  });
  await page.waitForTimeout(1_000);
  const count = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
  expect(count).toBe(1);
});

test('permission requests are denied', async () => {
  const outcome = await page.evaluate(() => (globalThis as unknown as PageGlobals).Notification.requestPermission());
  expect(outcome).toBe('denied');
});

test('a <webview> injected into the page does not attach', async () => {
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const view = g.document.createElement('webview');
    view.setAttribute('src', 'http://127.0.0.1:9/');
    g.document.body.appendChild(view);
  });
  await page.waitForTimeout(500);
  const contents = await app.evaluate(({ webContents }) => webContents.getAllWebContents().map((c) => c.getType()));
  expect(contents).not.toContain('webview');
});
