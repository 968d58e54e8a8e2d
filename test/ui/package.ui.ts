/**
 * Issue 6 in the browser against the real package service, the real keychain and a real local
 * HTTPS jwks_uri (test CA): build a package from Review (a fresh check runs), see its SHA-256,
 * open it on "Open a package" and see it verify; corrupt one byte and see it refused; and the
 * blocking-findings path, where packaging anyway needs a typed reason that the package records.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { json, startHttpsServer, type TestServer } from '../support/hostile-server';
import { getTestPki, LOCAL_HOSTS } from '../support/test-pki';
import { expect, test } from './harness';

let tmp: string;
test.beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'oidc-onboard-ui-package-'));
});
test.afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

test('package: build from Review with a fresh check, then open it: valid; one changed byte: invalid', async ({ app, page, backend }) => {
  test.setTimeout(240_000);
  const pki = await getTestPki();
  const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
  let served: unknown = { keys: [] };
  let serverClosed = false;
  const server: TestServer = await startHttpsServer({ cert: leaf.chainPem, key: leaf.keyPem, handler: (req, res, ctx) => json(served, { 'cache-control': 'public, max-age=300' })(req, res, ctx) });
  try {
    // A generic provider may share the test server's network; an NHS one could never reach a
    // loopback jwks_uri, so its package would be blocked (see the blocking test below).
    const view = backend.services.drafts.create({ provider: 'generic-oidc', environment: 'default', clientName: 'Parcel App' });
    const id = view.registration.id;
    await backend.services.keys.generate(id, { size: 2048 });
    served = JSON.parse(backend.services.keys.jwks(id));
    backend.services.drafts.setValues(id, { jwksUri: server.url('/jwks.json'), addRedirectUris: ['https://parcel.example.org/callback'], contacts: ['ops@example.org'] });

    await app.open(`#/registrations/${id}/review`);
    const panel = page.locator('.package-panel');
    await expect(panel.getByRole('heading', { level: 3, name: 'Package', exact: true })).toBeVisible();
    const preview = await backend.services.packages.preview(id);
    expect(preview.blocking).toEqual([]);
    await expect(panel.getByTestId('package-key-thumbprint')).toHaveText(preview.signingKey!.thumbprint);
    await expect(panel.getByTestId('send-to').first()).toContainText(preview.sendTo);
    await expect(panel.getByTestId('package-history')).toHaveCount(0);
    await expect(panel.getByText('None yet.')).toBeVisible();
    await app.shootBoth('package-review', 'Review & package before building');

    // A cancelled save dialog writes nothing and says so.
    backend.nextSavePath = undefined;
    await panel.getByLabel('Extra CA certificates (PEM, optional)').fill(pki.caCertPem);
    await panel.getByRole('button', { name: 'Build package…' }).click();
    await expect(panel.getByText('Not saved: the save dialog was cancelled.')).toBeVisible();

    const out = path.join(tmp, 'parcel.zip');
    backend.nextSavePath = out;
    const requestsBefore = server.requestCount;
    await panel.getByRole('button', { name: 'Build package…' }).click();
    const result = panel.getByTestId('package-result');
    await expect(result).toBeVisible({ timeout: 60_000 });
    const bytes = new Uint8Array(await readFile(out));
    const digest = sha256(bytes);
    await expect(result.getByTestId('package-sha256')).toHaveText(digest);
    await expect(result.getByTestId('package-path')).toHaveText(out);
    await expect(result).toContainText('Quote this SHA-256 in your e-mail');
    expect(server.requestCount, 'the build ran a fresh jwks_uri check').toBeGreaterThan(requestsBefore);
    // The history lists the new package (the preview reloads after the build).
    await expect(panel.getByTestId('package-history')).toContainText(digest);
    await app.shootBoth('package-built', 'a built package');

    await result.getByRole('button', { name: 'Copy SHA-256' }).click();
    await expect(panel.getByTestId('package-copy-status')).toContainText('Copied the SHA-256.');
    expect(backend.clipboard.at(-1)).toBe(digest);

    // Open a package: the empty state first.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Open a package' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Open a package' })).toBeVisible();
    await expect(page.getByTestId('package-empty')).toContainText('No package open yet.');
    await expect(page.getByRole('button', { name: 'Choose file…' })).toBeVisible();
    // The empty page is pictured by shell.ui.ts and the screens matrix (the same bytes would show nothing new).
    expect(await app.seriousAxeViolations(), 'axe on Open a package (empty)').toEqual([]);

    await page.getByLabel('Extra CA certificates (PEM, optional)').fill(pki.caCertPem);
    await page.getByTestId('package-file-input').setInputFiles(out);
    const verdict = page.getByTestId('package-verdict');
    // A package is untrusted input and this jwks_uri is on loopback: refused before connecting until the user allows private networks.
    const before = server.connectionCount;
    await expect(verdict).toHaveAttribute('data-verdict', 'invalid', { timeout: 60_000 });
    await expect(page.locator('[data-step-id="live.signature"]')).toContainText('Refused before connecting');
    expect(server.connectionCount, 'the refused jwks_uri was not contacted').toBe(before);
    await app.shootBoth('package-open-private-refused', 'a package whose jwks_uri is on this computer, refused before connecting');
    await page.getByLabel('Allow private network addresses').check();
    await page.getByRole('button', { name: 'Verify again with these options' }).click();
    await expect(verdict).toHaveAttribute('data-verdict', 'valid', { timeout: 60_000 });
    await expect(verdict).toContainText('Valid');
    await expect(page.getByTestId('verify-sha256')).toHaveText(digest);
    await expect(page.locator('[data-step-id="live.signature"]')).toHaveAttribute('data-status', 'pass');
    await expect(page.locator('[data-step-id="live.check"]')).toContainText('Passed');
    await expect(page.getByTestId('live-changes')).toContainText('Unchanged since packaging');
    // What the package asks for, the findings with their codes, and the two verdicts (issue 12 item 5).
    await expect(page.getByTestId('verdict-intact')).toHaveAttribute('data-status', 'pass');
    await expect(page.getByTestId('verdict-live')).toHaveAttribute('data-status', 'pass');
    await expect(page.getByTestId('verdict-live')).toContainText('jwks_uri reachable: yes');
    const requested = page.getByTestId('requested-values');
    await expect(requested.locator('[data-value-name="client_name"]')).toContainText('Parcel App');
    await expect(requested.locator('[data-value-name="jwks_uri"]')).toContainText(server.url('/jwks.json'));
    await expect(requested.locator('[data-value-name="token_endpoint_auth_method"]')).toContainText('private_key_jwt');
    const findings = page.getByTestId('package-findings');
    await expect(findings.locator('[data-finding-code="jwks_uri.not_public"]')).toContainText('jwks_uri.not_public');
    // Comparing with the quoted SHA-256.
    await page.getByLabel('SHA-256 the sender quoted (optional, to compare)').fill(digest.toUpperCase());
    await expect(page.getByText('Matches: this is the file the sender built.')).toBeVisible();
    await app.shootBoth('package-open-valid', 'a valid package');

    await page.getByRole('button', { name: 'Copy as Markdown' }).click();
    await expect(page.getByTestId('verify-copy-status')).toContainText('Copied the report as Markdown.');
    expect(backend.clipboard.at(-1)).toContain(digest);
    expect(backend.clipboard.at(-1)).toContain('## Requested values');

    // The jwks_uri goes away after packaging: the file is still intact, its live state fails, and the page says which.
    await server.close();
    serverClosed = true;
    await page.getByRole('button', { name: 'Verify again with these options' }).click();
    await expect(verdict).toHaveAttribute('data-verdict', 'invalid', { timeout: 60_000 });
    await expect(page.getByTestId('verdict-intact')).toHaveAttribute('data-status', 'pass');
    await expect(page.getByTestId('verdict-live')).toHaveAttribute('data-status', 'fail');
    await expect(page.getByTestId('verdict-live')).toContainText('jwks_uri reachable: no');
    await expect(page.getByTestId('verify-headline')).toContainText('The package itself is intact; its live state fails');
    await expect(verdict).toContainText('the package itself is intact, but its live state fails');
    await app.shootBoth('package-open-live-fails', 'an intact package whose jwks_uri is down');

    // One changed byte inside SUMMARY.md (stored, so its CRC and hash no longer match).
    const at = Buffer.from(bytes).indexOf('manifest.json lists these');
    expect(at).toBeGreaterThan(0);
    const corrupt = bytes.slice();
    corrupt[at] = corrupt[at]! ^ 0x20;
    const corruptPath = path.join(tmp, 'parcel-corrupt.zip');
    await writeFile(corruptPath, corrupt);
    await page.getByTestId('package-file-input').setInputFiles(corruptPath);
    await expect(verdict).toHaveAttribute('data-verdict', 'invalid', { timeout: 60_000 });
    await expect(verdict).toContainText('Invalid');
    await expect(page.getByTestId('verify-sha256')).toHaveText(sha256(corrupt));
    await expect(page.locator('.check-item[data-status="fail"]').first()).toContainText('Failed');
    await expect(page.getByTestId('verdict-intact')).toHaveAttribute('data-status', 'fail');
    await expect(page.getByTestId('verdict-live')).toHaveAttribute('data-status', 'not-checked');
    await app.shootBoth('package-open-invalid', 'an invalid package');

    // Not a package at all: the error from the one table, no report.
    const junk = path.join(tmp, 'not-a-package.zip');
    await writeFile(junk, 'this is not a zip file');
    await page.getByTestId('package-file-input').setInputFiles(junk);
    await expect(page.getByRole('alert')).toContainText('Code: INPUT_UNREADABLE');
    await expect(verdict).toHaveCount(0);
  } finally {
    if (!serverClosed) await server.close();
  }
});

test('package: blocking findings are listed with their step, and "Package anyway" needs a recorded reason', async ({ app, page, backend }) => {
  test.setTimeout(180_000);
  const view = backend.services.drafts.create({ provider: 'nhs-api-platform', environment: 'int', clientName: 'Blocked App' });
  const id = view.registration.id;
  backend.services.drafts.setValues(id, { addRedirectUris: ['http://app.example.org/callback'] });

  // Without a key, the page says so and nothing can be built.
  await app.open(`#/registrations/${id}/review`);
  const panel = page.locator('.package-panel');
  await expect(panel.getByText('there is none yet')).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Package anyway…' })).toBeDisabled();

  await backend.services.keys.generate(id, { size: 2048 });
  await page.reload();
  await expect(panel.getByRole('heading', { level: 3, name: 'Package', exact: true })).toBeVisible();
  const blocking = panel.getByTestId('blocking-findings');
  await expect(blocking).toBeVisible();
  const redirect = blocking.locator('li', { hasText: 'redirect_uris' }).first();
  await expect(redirect.getByRole('link', { name: /Go to Redirect URIs/ })).toHaveAttribute('href', `#/registrations/${id}/redirect-uris`);
  await expect(panel.getByRole('button', { name: 'Build package…' })).toHaveCount(0);
  // What to send where, from the checklist: one numbered step per line, its `backticked` command shown as code.
  const sendTo = panel.getByTestId('send-to').first();
  const expected = (await backend.services.packages.preview(id)).sendTo;
  expect(expected).toMatch(/`oidc-onboard verify-package`/);
  await expect(sendTo).toContainText(expected.replace(/`/g, ''));
  await expect(sendTo.locator('code')).toHaveText('oidc-onboard verify-package');
  await app.shootBoth('package-blocked', 'blocking findings');

  await panel.getByRole('button', { name: 'Package anyway…' }).click();
  const buildAnyway = panel.getByRole('button', { name: 'Build package anyway…' });
  await expect(buildAnyway).toBeDisabled();
  const reason = 'Redirect URI agreed by phone with the provider';
  await panel.getByLabel(/Why package despite these findings/).fill(reason);
  await expect(buildAnyway).toBeEnabled();
  await panel.getByLabel(/^Offline/).check();
  await app.shootBoth('package-anyway', 'package anyway with a reason');

  const out = path.join(tmp, 'blocked.zip');
  backend.nextSavePath = out;
  await buildAnyway.click();
  const result = panel.getByTestId('package-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(result.getByTestId('package-sha256')).toHaveText(sha256(new Uint8Array(await readFile(out))));
  await expect(panel.getByTestId('package-history')).toContainText(reason);
  expect(backend.services.store.read().registrations[id]!.packages.at(-1)).toMatchObject({ acknowledged: reason });
});
