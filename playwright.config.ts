/**
 * UI tests: the built renderer in Chromium, wired to the real IPC router and services through
 * Playwright bindings (test/ui/harness.ts). Test files are `*.ui.ts` so Vitest never picks them up.
 */
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/ui',
  testMatch: '**/*.ui.ts',
  workers: 1,
  fullyParallel: false,
  reporter: 'list',
  outputDir: 'test-results',
  // Empties the run-wide screenshot index: no two screenshots of one run may be identical.
  globalSetup: './test/ui/global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    browserName: 'chromium',
    // Debian's Chromium where it exists (browsers cannot be downloaded here), else Playwright's own.
    // Playwright gives each launch a fresh temporary user-data dir.
    launchOptions: {
      ...(existsSync(chromiumPath) ? { executablePath: chromiumPath } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    viewport: { width: 1280, height: 860 },
    trace: 'retain-on-failure',
  },
});
