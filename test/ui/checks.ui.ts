/**
 * Issue 5 in the browser against the real check service and real local HTTPS servers (test CA
 * passed in the "extra CA" field): results stream in before the verdict, grouped by area; a set
 * with private members fails with the critical finding shown; Markdown and saved reports; and a
 * registration's check with its history and a comparison of two runs.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { type Handler, json, route, slowHeaders, startHttpsServer, type TestServer } from '../support/hostile-server';
import { rsaKey } from '../support/jwks-servers';
import { getTestPki, LOCAL_HOSTS } from '../support/test-pki';
import { expect, test } from './harness';

let tmp: string;
let server: TestServer | undefined;
test.beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'oidc-onboard-ui-checks-'));
});
test.afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(tmp, { recursive: true, force: true });
});

async function serve(handler: Handler): Promise<{ server: TestServer; caPem: string }> {
  const pki = await getTestPki();
  const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
  server = await startHttpsServer({ cert: leaf.chainPem, key: leaf.keyPem, handler });
  return { server, caPem: pki.caCertPem };
}

/** Records, on every DOM change, how many checks are shown and whether the verdict is. */
async function recordSnapshots(page: Page): Promise<void> {
  // A string, evaluated in the page: the Node tsconfig has no DOM types.
  await page.evaluate(`(() => {
    const snapshots = [];
    globalThis.__snapshots = snapshots;
    new MutationObserver(() => {
      snapshots.push({ checks: document.querySelectorAll('[data-check-id]').length, verdict: document.querySelector('[data-testid="verdict"]') !== null });
    }).observe(document.body, { subtree: true, childList: true });
  })()`);
}

async function snapshots(page: Page): Promise<{ checks: number; verdict: boolean }[]> {
  return page.evaluate(() => (globalThis as unknown as { __snapshots: { checks: number; verdict: boolean }[] }).__snapshots);
}

test('standalone check: a good set warns (loopback), results stream in by area; a set with private members fails', async ({ app, page, backend, ipc }) => {
  test.setTimeout(240_000);
  const key = rsaKey(2048, 'k1');
  // The good set answers after a pause, as a distant server would: the URL checks (decided before any
  // fetch) must be on screen while the network part is still running.
  const { server: s, caPem } = await serve(route({ '/good.json': slowHeaders(800, json({ keys: [key.publicJwk] })), '/leaky.json': json({ keys: [key.privateJwk] }) }));

  await app.open('#/check');
  await expect(page.getByRole('heading', { name: 'Nothing checked yet' })).toBeVisible();
  // The empty page is pictured by shell.ui.ts and the screens matrix: the same bytes would show nothing new.

  await page.getByLabel('jwks_uri').fill(s.url('/good.json'));
  await page.getByLabel('Extra trusted CA (optional)').fill(caPem);
  await page.getByLabel('Expected key (optional)').fill(JSON.stringify(key.publicJwk));
  await recordSnapshots(page);
  await page.getByRole('button', { name: 'Run check' }).click();
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'warn', { timeout: 60_000 });
  // Loopback: the keys are sound, but the banner never says a provider can use keys it cannot reach.
  await expect(verdict).toContainText('Verdict: Keys valid, but not reachable by the provider');
  await expect(verdict).toHaveAttribute('data-reachable', 'false');
  await expect(verdict).not.toContainText('can use these keys');
  await expect(verdict).not.toContainText('should be able to');

  // Checks were on screen before the verdict: rendered from the progress events.
  const seen = await snapshots(page);
  expect(seen.some((snap) => snap.checks > 0 && !snap.verdict), `checks shown before the verdict (${JSON.stringify(seen.slice(0, 5))}…)`).toBe(true);
  const total = await page.locator('[data-check-id]').count();
  expect(seen.some((snap) => snap.checks > 0 && snap.checks < total && !snap.verdict), 'some, not all, checks shown while running').toBe(true);
  await expect(page.getByTestId('check-progress')).toContainText('Check finished: passed with warnings.');

  // The warning first, then the passes folded per area with a count; each status in words too.
  await expect(page.getByTestId('check-attention').locator('[data-check-id="dns.public"]')).toBeVisible();
  for (const area of ['URL', 'TLS', 'Response headers', 'JWK Set structure', 'Keys', 'Local key']) {
    await expect(page.locator('details.check-area > summary', { hasText: new RegExp(`^${area}`) })).toBeVisible();
  }
  const loopback = page.locator('[data-check-id="dns.public"]');
  await expect(loopback).toHaveAttribute('data-status', 'warn');
  await expect(loopback).toContainText('Warning');
  await expect(page.locator('[data-check-id="tls.chain"]')).toContainText('Pass');
  await expect(page.locator('[data-area="tls"] [data-check-id="tls.chain"]')).toHaveCount(1);
  await expect(page.locator('[data-check-id="tls.chain"] details summary')).toContainText('Details');
  await app.screenshot('check-warn-light');
  expect(await app.seriousAxeViolations(), 'axe on the results').toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot('check-warn-dark');
  expect(await app.seriousAxeViolations(), 'axe on the results (dark)').toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });

  // Copy as Markdown; save as HTML.
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect.poll(() => backend.clipboard.at(-1) ?? '').toMatch(/^# jwks_uri check: \[WARN\]/);
  const htmlPath = path.join(tmp, 'report.html');
  backend.nextSavePath = htmlPath;
  await page.getByLabel('Format').selectOption('html');
  await page.getByRole('button', { name: 'Save report…' }).click();
  await expect(page.getByTestId('report-action-status')).toContainText(`Saved the report to ${htmlPath}`);
  expect(await readFile(htmlPath, 'utf8')).toMatch(/^<!doctype html>/);

  // The source link opens through openExternal (passes are folded per area: open the area first).
  await page.locator('[data-area="tls"] > summary').click();
  await page.locator('[data-check-id="tls.chain"] summary').click();
  await page.locator('[data-check-id="tls.chain"] .check-source button').click();
  await expect.poll(() => backend.openedLinks.length).toBe(1);

  // Private members published: fail, with the critical finding shown.
  await page.getByLabel('jwks_uri').fill(s.url('/leaky.json'));
  await page.getByLabel('Expected key (optional)').fill('');
  await page.getByRole('button', { name: 'Run check' }).click();
  await expect(verdict).toHaveAttribute('data-verdict', 'fail', { timeout: 60_000 });
  const leak = page.locator('[data-check-id="keys.private-material"]');
  await expect(leak).toHaveAttribute('data-status', 'fail');
  await expect(leak).toContainText('Fail');
  await expect(leak).toContainText('How to fix:');
  await expect(leak).toContainText('generate a new key pair');
  // The finding names the private members; their values never reach the window (answers or events).
  const secret = String(key.privateJwk.d);
  expect(ipc.some((record) => record.channel === 'event checks:progress')).toBe(true);
  expect(ipc.filter((record) => record.response.includes(secret)).map((record) => record.channel)).toEqual([]);
  await leak.scrollIntoViewIfNeeded();
  await app.screenshot('check-fail-light');
  expect(await app.seriousAxeViolations(), 'axe on a failed check').toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot('check-fail-dark');
});

test('registration check: its keys round trip, the history keeps each run, and two runs compare', async ({ app, page, backend }) => {
  test.setTimeout(240_000);
  const view = backend.services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Round Trip' });
  const id = view.registration.id;
  await backend.services.keys.generate(id, { alg: 'RS256', size: 2048 });
  let body: unknown = JSON.parse(backend.services.keys.jwks(id));
  const { server: s, caPem } = await serve(route({ '/jwks.json': (req, res, ctx) => json(body)(req, res, ctx) }));
  backend.services.drafts.update(id, { metadata: { ...view.registration.metadata, jwks_uri: s.url('/jwks.json') } });

  await app.open(`#/registrations/${id}/check`);
  await expect(page.getByRole('heading', { level: 2, name: /jwks_uri check/ })).toBeVisible();
  await expect(page.getByText('No runs yet.')).toBeVisible();
  await page.getByText('Extra trusted CA (optional)').click();
  await page.getByLabel('CA certificates (PEM)').fill(caPem);
  await page.getByRole('button', { name: 'Run check' }).click();
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'warn', { timeout: 60_000 });
  await expect(page.locator('[data-check-id="match.round-trip"]')).toHaveAttribute('data-status', 'pass');
  const rows = page.locator('.history-table tbody tr');
  await expect(rows).toHaveCount(1);

  // Second run: the server now publishes an empty set.
  body = { keys: [] };
  await page.getByRole('button', { name: 'Run check' }).click();
  await expect(verdict).toHaveAttribute('data-verdict', 'fail', { timeout: 60_000 });
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('Fail');
  const history = backend.services.checks.history(id);
  expect(history.map((h) => h.verdict)).toEqual(['warn', 'fail']);

  // Compare: the older run before, the newer after (preselected).
  await expect(page.getByLabel('Before')).toHaveValue(history[0]!.reportId);
  await expect(page.getByLabel('After')).toHaveValue(history[1]!.reportId);
  await page.getByRole('button', { name: 'Compare' }).click();
  const comparison = page.getByTestId('comparison');
  await expect(comparison).toContainText('Verdict:');
  await expect(comparison).toContainText('(changed)');
  const { diff } = await backend.services.checks.compare(id, history[0]!.reportId, history[1]!.reportId);
  expect(diff.changed.length).toBeGreaterThan(0);
  await expect(comparison.locator('tbody tr')).toHaveCount(diff.changed.length + diff.added.length + diff.removed.length);
  for (const change of diff.changed) await expect(comparison.locator(`[data-check-id="${change.id}"]`)).toBeVisible();
  await app.screenshot('registration-check-compare-light');
  await comparison.scrollIntoViewIfNeeded();
  await app.screenshot('registration-check-compare-viewport-light', { fullPage: false });
  expect(await app.seriousAxeViolations(), 'axe with history and comparison').toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot('registration-check-compare-dark');
  expect(await app.seriousAxeViolations(), 'axe with history and comparison (dark)').toEqual([]);

  // A kept report can be shown again.
  await rows.nth(1).getByRole('button', { name: /Show report/ }).click();
  await expect(verdict).toHaveAttribute('data-verdict', 'warn');

  // The Registrations list reads the latest verdict.
  await app.open('#/registrations');
  await expect(page.getByRole('list', { name: 'Status' })).toContainText('jwks_uri check failed');
});

test('wizard: the back-channel logout URL gets the same DNS/TLS/public-reachability check (a loopback endpoint fails)', async ({ app, page, backend }) => {
  test.setTimeout(120_000);
  const { server: s } = await serve(json({}));
  const view = backend.services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Logout Ward' });
  await app.open(`#/registrations/${view.registration.id}/optional`);
  const check = page.getByTestId('endpoint-check');
  await expect(check.getByRole('button', { name: 'Check this endpoint' })).toBeDisabled();
  await page.getByLabel('Back-channel logout URL').fill(s.url('/logout'));
  await check.getByRole('button', { name: 'Check this endpoint' }).click();
  const verdict = check.getByTestId('endpoint-verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'fail', { timeout: 60_000 });
  await expect(verdict.locator('[data-check-id="dns.public"]')).toHaveAttribute('data-status', 'fail');
  await expect(verdict.locator('[data-check-id="dns.public"]')).toContainText('over the internet');
  await expect(verdict.locator('[data-check-id="dns.resolve"]')).toHaveAttribute('data-status', 'pass');
  await verdict.scrollIntoViewIfNeeded();
  await app.screenshot('wizard-backchannel-check-light', { fullPage: false });
  expect(await app.seriousAxeViolations(), 'axe on the endpoint check').toEqual([]);
});
