/**
 * The wizard's "Provider data" box in the browser against the real draft service and a real local
 * HTTPS server (test CA given in the box's extra-CA field): a generic-oidc draft starts on the
 * built-in data, fetching the discovery document switches the box and the findings to it (stored
 * on the draft), "Use built-in data" switches back; a fetch the system cannot trust fails with the
 * TLS error and keeps what was typed.
 */
import type { Page } from '@playwright/test';
import { json, route, startHttpsServer, type TestServer } from '../support/hostile-server';
import { getTestPki, LOCAL_HOSTS } from '../support/test-pki';
import { expect, test } from './harness';

const DISCOVERY_PATH = '/op/.well-known/openid-configuration';

let server: TestServer | undefined;
test.afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Serves a discovery document whose issuer is `${origin}/op`; returns the server and the test CA. */
async function serveDiscovery(): Promise<{ server: TestServer; caPem: string }> {
  const pki = await getTestPki();
  const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
  const document = (origin: string) => ({
    issuer: `${origin}/op`,
    token_endpoint: `${origin}/op/token`,
    jwks_uri: `${origin}/op/jwks`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['PS256'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['PS256'],
  });
  const started: TestServer = await startHttpsServer({
    cert: leaf.chainPem,
    key: leaf.keyPem,
    handler: route({ [DISCOVERY_PATH]: (req, res, ctx) => json(document(started.origin))(req, res, ctx) }),
  });
  server = started;
  return { server: started, caPem: pki.caCertPem };
}

/** The Keys & authentication link in the stepper, whose text carries its error count. */
function keysStepLink(page: Page) {
  return page.locator('.stepper a').filter({ hasText: 'Keys & authentication' });
}

test('generic-oidc: fetch the discovery document with an extra CA, findings follow it; then back to the built-in data', async ({ app, page, backend }) => {
  test.setTimeout(120_000);
  const { server: s, caPem } = await serveDiscovery();
  const discoveryUrl = s.url(DISCOVERY_PATH);
  const id = backend.services.drafts.create({ provider: 'generic-oidc', environment: 'default', clientName: 'Discovery App' }).registration.id;

  await app.open(`#/registrations/${id}/basics`);
  const box = page.getByRole('region', { name: 'Provider data' });
  const source = page.getByTestId('provider-data-source');
  await expect(box).toBeVisible();
  await expect(source).toHaveAttribute('data-source', 'built-in');
  await expect(source).toContainText('Built-in data for Generic OpenID provider (facts checked 1 Dec 2026)');
  // generic-oidc knows no URL: the field is empty and the help says the user must give it.
  const urlField = box.getByLabel('Discovery URL');
  await expect(urlField).toHaveValue('');
  await expect(box.getByText(/No discovery URL is built in for this provider: you must enter/)).toBeVisible();
  const fetchButton = box.getByRole('button', { name: /^Fetch discovery document/ });
  await expect(fetchButton).toBeDisabled();
  await expect(box.getByRole('button', { name: 'Use built-in data' })).toHaveCount(0);
  // Built-in data: the signing algorithm is only a note, so Keys has the one jwks_uri error.
  await expect(keysStepLink(page)).toContainText('1 error');

  await urlField.fill(discoveryUrl);
  await box.getByText('Extra trusted CA (optional)').click();
  await box.getByLabel('CA certificates (PEM)').fill(caPem);
  await fetchButton.click();

  await expect(source).toHaveAttribute('data-source', 'discovery', { timeout: 30_000 });
  await expect(source).toContainText(`From the provider’s discovery document ${discoveryUrl}, fetched`);
  await expect(source).toContainText(`The issuer (${s.origin}/op) matches the discovery URL exactly.`);
  await expect(source.locator('[data-issuer-match]')).toHaveAttribute('data-issuer-match', 'exact');
  await expect(page.getByTestId('provider-data-status')).toContainText('Fetched the discovery document');
  await expect(fetchButton).toBeEnabled();
  await expect(fetchButton).toHaveText(/Fetch discovery document again/);

  // Stored on the draft.
  const stored = backend.services.drafts.record(id).discovery;
  expect(stored?.url).toBe(discoveryUrl);
  expect(stored?.issuerMatch).toBe('exact');
  expect(stored?.metadata.token_endpoint_auth_signing_alg_values_supported).toEqual(['PS256']);
  expect(backend.services.drafts.record(id).discoveryUrl).toBe(discoveryUrl);

  // The findings come from the document: RS256 (the draft's default) is not in PS256.
  await expect(keysStepLink(page)).toContainText('2 errors');
  await page.locator('.stepper a').filter({ hasText: 'Review' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /Review/ })).toBeVisible();
  await expect(page.locator('form').getByText('"RS256" is not in PS256')).toBeVisible();
  await page.locator('.stepper a').filter({ hasText: 'Basics' }).click();
  await expect(source).toHaveAttribute('data-source', 'discovery');
  // Remounted: the URL field shows the draft's own URL.
  await expect(box.getByLabel('Discovery URL')).toHaveValue(discoveryUrl);

  await box.scrollIntoViewIfNeeded();
  await app.screenshot('discovery-in-use-light');
  await app.screenshot('discovery-in-use-viewport-light', { fullPage: false });
  expect(await app.seriousAxeViolations(), 'axe with a discovery document in use').toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot('discovery-in-use-dark', { fullPage: false });
  expect(await app.seriousAxeViolations(), 'axe with a discovery document in use (dark)').toEqual([]);
  await page.emulateMedia({ colorScheme: 'light' });

  // Keyboard only: back to the built-in data; focus stays in the box.
  const builtIn = box.getByRole('button', { name: 'Use built-in data' });
  await builtIn.focus();
  await page.keyboard.press('Enter');
  await expect(source).toHaveAttribute('data-source', 'built-in');
  await expect(page.getByTestId('provider-data-status')).toContainText('Using the built-in data again');
  await expect(builtIn).toHaveCount(0);
  await expect(page.locator('.provider-data-focus')).toBeFocused();
  expect(backend.services.drafts.record(id).discovery).toBeUndefined();
  await expect(keysStepLink(page)).toContainText('1 error');
  await app.screenshot('discovery-built-in-light', { fullPage: false });
  expect(await app.seriousAxeViolations(), 'axe back on the built-in data').toEqual([]);
});

test('a discovery URL whose certificate is not trusted: the TLS error is shown and the URL stays', async ({ app, page, backend }) => {
  test.setTimeout(120_000);
  const { server: s } = await serveDiscovery();
  const discoveryUrl = s.url(DISCOVERY_PATH);
  const id = backend.services.drafts.create({ provider: 'generic-oidc', environment: 'default', clientName: 'Untrusted Provider' }).registration.id;

  await app.open(`#/registrations/${id}/basics`);
  const box = page.getByRole('region', { name: 'Provider data' });
  // Keyboard only: type the URL and press Enter in the field; no extra CA given.
  const urlField = box.getByLabel('Discovery URL');
  await urlField.focus();
  await page.keyboard.type(discoveryUrl);
  await page.keyboard.press('Enter');

  const status = page.getByTestId('provider-data-status');
  const alert = status.getByRole('alert');
  await expect(alert).toContainText('The secure connection failed.', { timeout: 30_000 });
  await expect(alert).toContainText('Code: NETWORK_TLS');
  await expect(urlField).toHaveValue(discoveryUrl);
  await expect(page.getByTestId('provider-data-source')).toHaveAttribute('data-source', 'built-in');
  await expect(box.getByRole('button', { name: /^Fetch discovery document/ })).toBeEnabled();
  expect(backend.services.drafts.record(id).discovery).toBeUndefined();

  await box.scrollIntoViewIfNeeded();
  await app.screenshot('discovery-tls-error-light', { fullPage: false });
  expect(await app.seriousAxeViolations(), 'axe with a fetch error').toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot('discovery-tls-error-dark', { fullPage: false });
  expect(await app.seriousAxeViolations(), 'axe with a fetch error (dark)').toEqual([]);
});
