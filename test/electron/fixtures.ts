/**
 * Launching the real app for a spec: a fresh data folder per launch (OIDC_ONBOARD_DATA_DIR, the
 * same override the CLI honours), a keychain service of its own, and a readiness wait.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import type { OnboardingApi } from '../../contract/bridge';

/** The project folder (package.json "main" points at .vite/build/main.cjs). */
export const appRoot = path.resolve(import.meta.dirname, '../..');
/** The bundled preload, for specs that open a second, untrusted window with it. */
export const preloadPath = path.join(appRoot, '.vite', 'build', 'preload.cjs');

/**
 * What page code sees, typed locally: tsconfig.electron has no DOM lib (main-process code must
 * not see `window`), so callbacks passed to `page.evaluate` cast `globalThis` to this.
 */
export interface PageGlobals {
  onboarding?: OnboardingApi;
  location: { href: string };
  open(url: string): unknown;
  eval(code: string): unknown;
  Notification: { requestPermission(): Promise<string> };
  document: {
    createElement(tag: string): { setAttribute(name: string, value: string): void; textContent: string | null };
    body: { appendChild(node: unknown): unknown };
  };
  [key: string]: unknown;
}

/** A fresh, empty data folder. */
export function freshDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'oidc-onboard-e2e-'));
}

/** Launches the app on `dataDir` and waits for the main window's page. */
export async function launchApp(dataDir: string): Promise<{ app: ElectronApplication; page: Page }> {
  if (!existsSync(path.join(appRoot, '.vite', 'build', 'main.cjs')) || !existsSync(preloadPath)) {
    throw new Error('The app is not built: run `npm run package` (electron-forge package) first, so .vite/build/main.cjs and preload.cjs exist.');
  }
  // Chromium refuses to run as root with its OS sandbox; CI containers run as root. The app's own
  // renderer settings (sandbox: true, context isolation) are unaffected by this switch.
  const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const app = await electron.launch({
    args: [...rootArgs, appRoot],
    cwd: appRoot,
    env: { ...process.env, OIDC_ONBOARD_DATA_DIR: dataDir, OIDC_ONBOARD_KEYCHAIN_SERVICE: 'oidc-onboard-e2e', ELECTRON_ENABLE_LOGGING: '1' },
    timeout: 30_000,
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return { app, page };
}

/** Closes the app, bounded so a hung quit cannot stall the suite. */
export async function closeApp(app: ElectronApplication): Promise<void> {
  await Promise.race([app.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
}
