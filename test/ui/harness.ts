/**
 * The UI test harness: the built renderer (dist/renderer) served from a tiny static server on
 * 127.0.0.1, loaded in Chromium, with `window.onboarding` built by the contract's `createBridge`
 * over Playwright bindings that call the REAL IPC router and services (test/support/backend.ts)
 * in this process. Only Electron's IPC pipe is replaced.
 *
 * Every IPC answer is recorded; after each test the record is scanned for private key material.
 */
import { readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { build } from 'vite';
import { events } from '../../contract/contract';
import { watchSettings } from '../../core/storage/settings-watch';
import { createTestBackend, TRUSTED_WEB_CONTENTS_ID, type TestBackend } from '../support/backend';
import { recordScreenshot, screenshotIndexDir } from './screenshot-index';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const rendererDir = path.join(repoRoot, 'dist', 'renderer');
/** Where tests save screenshots (a CI artefact). */
export const SCREENSHOT_DIR = path.join(repoRoot, 'test-artefacts', 'screenshots');

/** One IPC round trip as the page saw it. */
export interface IpcRecord {
  channel: string;
  payload: unknown;
  /** The envelope, serialised exactly as it crossed to the page. */
  response: string;
}

/** Strings that must never appear in anything the main process sends to the renderer. */
export const PRIVATE_KEY_MARKERS = ['PRIVATE KEY', '"d":'] as const;

/**
 * Where each marker counts as a leak. A jwks_uri check reports a hostile set's private members
 * by name with the value replaced (`"d":"[redacted]"`, core/jwks-check/check.ts): that names the
 * leak without carrying it, so only a `"d"` with any other value is material.
 */
const MARKER_PATTERNS: Record<(typeof PRIVATE_KEY_MARKERS)[number], RegExp> = {
  'PRIVATE KEY': /PRIVATE KEY/,
  '"d":': /"d":(?!"\[redacted\]")/,
};

/** `channel: marker` for every recorded answer (or event) that carries private key material. */
export function privateKeyLeaks(records: readonly IpcRecord[]): string[] {
  return records.flatMap((record) => PRIVATE_KEY_MARKERS.filter((marker) => MARKER_PATTERNS[marker].test(record.response)).map((marker) => `${record.channel}: ${marker}`));
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Serves dist/renderer read-only; nothing outside it is reachable. */
async function startStaticServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      // Chromium asks for a favicon on its own; the app has none in a browser tab (Electron never asks).
      if (url.pathname === '/favicon.ico') {
        response.writeHead(204).end();
        return;
      }
      const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
      const file = path.resolve(rendererDir, `.${relative}`);
      if (request.method !== 'GET' || !file.startsWith(rendererDir + path.sep)) {
        response.writeHead(404).end();
        return;
      }
      try {
        const body = await readFile(file);
        response.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        response.end(body);
      } catch {
        response.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Bundles test/ui/bridge-shim.ts (and the contract it imports) into one classic script. */
async function bundleBridgeShim(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: repoRoot,
    publicDir: false,
    build: {
      write: false,
      minify: false,
      emptyOutDir: false,
      lib: { entry: path.join(here, 'bridge-shim.ts'), formats: ['iife'], name: 'onboardingBridgeShim', fileName: () => 'bridge-shim.js' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as { output?: { type: string; code?: string }[] }[];
  const chunk = outputs.flatMap((o) => o.output ?? []).find((item) => item.type === 'chunk' && typeof item.code === 'string');
  if (!chunk?.code) throw new Error('Bundling the bridge shim produced no code.');
  return chunk.code;
}

/** Page helpers every UI test uses. */
export interface AppDriver {
  page: Page;
  origin: string;
  /** Opens the app at a hash route (e.g. `#/about`) and waits until React has rendered. */
  open(hash?: string): Promise<void>;
  /**
   * Saves a screenshot to test-artefacts/screenshots/<name>.png (full page unless `fullPage: false`,
   * e.g. for a modal) and fails if another screenshot of this run has the same bytes. The one way
   * UI tests take a picture.
   */
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<void>;
  /** Screenshots `<name>-light` and `<name>-dark` and asserts each is axe clean; leaves the page light. */
  shootBoth(name: string, what: string, options?: { fullPage?: boolean }): Promise<void>;
  /** Runs axe and returns the serious and critical violations (ids with their targets). */
  seriousAxeViolations(): Promise<{ id: string; impact: string | null | undefined; help: string; targets: string[] }[]>;
}

interface WorkerFixtures {
  staticServer: { origin: string };
  bridgeShim: string;
}

interface TestFixtures {
  backend: TestBackend;
  ipc: IpcRecord[];
  /** Console errors, page errors and CSP violations seen during the test. */
  pageProblems: string[];
  app: AppDriver;
}

/** The UI `test` with the harness fixtures. */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  staticServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their first argument
    async ({}, use) => {
      const server = await startStaticServer();
      await use({ origin: server.origin });
      await server.close();
    },
    { scope: 'worker' },
  ],
  bridgeShim: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their first argument
    async ({}, use) => {
      await use(await bundleBridgeShim());
    },
    { scope: 'worker' },
  ],
  backend: async ({ staticServer }, use) => {
    const backend = await createTestBackend({ allowedOrigin: staticServer.origin });
    await use(backend);
    await backend.close();
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their first argument
  ipc: async ({}, use) => {
    const records: IpcRecord[] = [];
    await use(records);
    // Secrets custody: nothing the renderer received may carry private key material.
    expect(privateKeyLeaks(records), 'IPC answers carrying private key material').toEqual([]);
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their first argument
  pageProblems: async ({}, use) => {
    const problems: string[] = [];
    await use(problems);
    expect(problems, 'console errors, page errors or CSP violations').toEqual([]);
  },
  page: async ({ page, backend, ipc, bridgeShim, pageProblems }, use) => {
    page.on('console', (message) => {
      if (message.type() === 'error') pageProblems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => pageProblems.push(`pageerror: ${error.message}`));

    await page.exposeBinding('__onboardingInvoke', async (source, channel: unknown, payload: unknown) => {
      const frame = source.frame;
      const response = await backend.router.dispatch(
        String(channel),
        payload,
        { webContentsId: TRUSTED_WEB_CONTENTS_ID, frameUrl: frame.url(), isMainFrame: frame === source.page.mainFrame() },
        {
          emit: (eventChannel, eventPayload) => {
            // Events cross to the renderer too, so they are scanned like answers.
            ipc.push({ channel: `event ${eventChannel}`, payload: undefined, response: JSON.stringify(eventPayload) });
            void source.page
              .evaluate(([c, p]) => (globalThis as unknown as { __onboardingDeliver(c: string, p: unknown): void }).__onboardingDeliver(c, p), [eventChannel, eventPayload] as const)
              .catch(() => undefined);
          },
        },
      );
      ipc.push({ channel: String(channel), payload, response: JSON.stringify(response) });
      return response;
    });
    // Subscriptions are delivered by `emit` above; the binding exists so a page can say it listens.
    await page.exposeBinding('__onboardingSubscribe', async () => undefined);
    await page.addInitScript({ content: bridgeShim });
    // As electron/main.ts does: changes other processes make to config.json reach the page.
    const settingsWatch = watchSettings({
      store: backend.services.store,
      onChange: (change) => {
        const payload = { ids: change.registrations, preferences: change.preferences, readOnly: change.readOnly };
        const channel = events.registrationsChanged.channel;
        ipc.push({ channel: `event ${channel}`, payload: undefined, response: JSON.stringify(payload) });
        void page
          .evaluate(([c, p]) => (globalThis as unknown as { __onboardingDeliver(c: string, p: unknown): void }).__onboardingDeliver(c, p), [channel, payload] as const)
          .catch(() => undefined);
      },
    });
    await use(page);
    settingsWatch.close();
  },
  app: async ({ page, staticServer }, use, testInfo) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const indexDir = screenshotIndexDir(testInfo.project.outputDir);
    const driver: AppDriver = {
      page,
      origin: staticServer.origin,
      async open(hash = '#/registrations') {
        await page.goto(`${staticServer.origin}/index.html${hash}`);
        await page.locator('[data-app-state="ready"]').waitFor();
      },
      async screenshot(name, options = {}) {
        // Transitions finished, so a theme switch just before is fully applied in the picture.
        const bytes = await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: options.fullPage ?? true, animations: 'disabled' });
        // Run-wide, across specs and workers: a picture with another's bytes shows nothing new.
        const twin = await recordScreenshot(indexDir, name, bytes);
        // Soft: the test goes on (and fails at its end), so one run lists every duplicate it has.
        expect.soft(twin, `screenshot ${name} is byte-identical to ${twin ?? ''} (taken earlier in this run): it shows nothing new`).toBeUndefined();
      },
      async shootBoth(name, what, options = {}) {
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          await this.screenshot(`${name}-${colorScheme}`, options);
          expect(await this.seriousAxeViolations(), `axe on ${what} (${colorScheme})`).toEqual([]);
        }
        await page.emulateMedia({ colorScheme: 'light' });
      },
      async seriousAxeViolations() {
        const results = await new AxeBuilder({ page }).analyze();
        return results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
      },
    };
    await use(driver);
  },
});

export { expect };
