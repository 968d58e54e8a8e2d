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

test('eval is blocked by the CSP', async () => {
  const outcome = await page.evaluate(() => {
    try {
      (globalThis as unknown as PageGlobals).eval('1 + 1');
      return 'allowed';
    } catch {
      return 'blocked';
    }
  });
  expect(outcome).toBe('blocked');
});

test('new Function is blocked by the CSP', async () => {
  const outcome = await page.evaluate(() => {
    try {
      new Function('return 1')();
      return 'allowed';
    } catch {
      return 'blocked';
    }
  });
  expect(outcome).toBe('blocked');
});

test('an injected inline <script> does not run', async () => {
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const script = g.document.createElement('script');
    script.textContent = 'globalThis.__injected = true;';
    g.document.body.appendChild(script);
  });
  const ran = await page.evaluate(() => (globalThis as unknown as PageGlobals).__injected === true);
  expect(ran).toBe(false);
});
