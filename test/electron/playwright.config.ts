/**
 * Playwright `_electron` specs: the unpackaged app (Vite output in .vite/, built by
 * `npm run package`) run by the stock electron binary, which has no fuses flipped — the
 * packaged app has EnableNodeCliInspectArguments off, which Playwright's launcher needs.
 * Needs an Electron binary, so these run where one can be downloaded (`npm run test:electron`),
 * not in `npm test` here.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // One app at a time: each spec launches its own Electron with its own data folder.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['html', { outputFolder: '../../playwright-report/electron', open: 'never' }]],
  outputDir: '../../test-results/electron',
  use: { trace: 'retain-on-failure' },
});
