/**
 * Issue 13 item 2 in the browser: each provider's registration shows only the steps, fields and
 * status chips that provider uses; a thrown render error shows the error boundary with a way
 * back; dates read the UK way.
 */
import { json, route, startHttpsServer } from '../support/hostile-server';
import { rsaKey } from '../support/jwks-servers';
import { getTestPki, LOCAL_HOSTS } from '../support/test-pki';
import { expect, test, type AppDriver } from './harness';

async function stepsShown(app: AppDriver): Promise<string[]> {
  return app.page.getByTestId('stepper').locator('li[data-step]').evaluateAll((items) => items.map((item) => item.getAttribute('data-step') ?? ''));
}

const CASES = [
  {
    provider: 'nhs-cis2',
    environment: 'int',
    steps: ['basics', 'redirect-uris', 'keys', 'check', 'optional', 'review', 'submit'],
    optionalFields: { 'Signed userinfo algorithm': true, 'Back-channel logout URL': true },
    jwksChip: true,
  },
  {
    // Client credentials: no browser redirect, so no Redirect URIs step; no userinfo, no logout.
    provider: 'nhs-api-platform',
    environment: 'int',
    steps: ['basics', 'keys', 'check', 'optional', 'review', 'submit'],
    optionalFields: { 'Signed userinfo algorithm': false, 'Back-channel logout URL': false },
    jwksChip: true,
  },
  {
    // NHS login takes the public key as a PEM file: nothing to check at a jwks_uri.
    provider: 'nhs-login',
    environment: 'sandpit',
    steps: ['basics', 'redirect-uris', 'keys', 'optional', 'review', 'submit'],
    optionalFields: { 'Signed userinfo algorithm': false, 'Back-channel logout URL': false },
    jwksChip: false,
  },
] as const;

for (const c of CASES) {
  test(`${c.provider}: the steps, fields and status chips match what the provider uses`, async ({ app, page, backend }) => {
    test.setTimeout(90_000);
    const id = backend.services.drafts.create({ provider: c.provider, environment: c.environment, clientName: `App for ${c.provider}` }).registration.id;

    await app.open('#/registrations');
    const card = page.locator('.registration-card');
    await expect(card).toHaveCount(1);
    const badges = card.getByRole('list', { name: 'Status' });
    await expect(badges).toContainText('Key generated: not yet');
    await expect(badges.getByText(/jwks_uri check/)).toHaveCount(c.jwksChip ? 1 : 0);

    await app.open(`#/registrations/${id}/basics`);
    await expect(page.getByRole('heading', { level: 2, name: /Basics/ })).toBeVisible();
    expect(await stepsShown(app)).toEqual(c.steps);
    await app.screenshot(`provider-${c.provider}-basics-light`);

    // Next/Back walk only the shown steps.
    await page.getByRole('link', { name: /^Next/ }).click();
    await expect(page).toHaveURL(new RegExp(`#/registrations/${id}/${c.steps[1]}$`));

    await app.open(`#/registrations/${id}/optional`);
    await expect(page.getByRole('heading', { level: 2, name: /Optional/ })).toBeVisible();
    for (const [label, shown] of Object.entries(c.optionalFields)) await expect(page.getByLabel(label)).toHaveCount(shown ? 1 : 0);
    await expect(page.getByLabel('Logo URL')).toBeVisible();
    expect(await app.seriousAxeViolations()).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot(`provider-${c.provider}-optional-dark`);

    // A step the provider does not use, reached by an old link, says so and offers the way back.
    for (const step of ['redirect-uris', 'check'] as const) {
      if ((c.steps as readonly string[]).includes(step)) continue;
      await app.open(`#/registrations/${id}/${step}`);
      await expect(page.getByTestId('step-not-used')).toContainText('does not use this step');
    }
  });
}

test('redirect URIs set elsewhere on an API platform draft keep their step, with a notice to remove them', async ({ app, page, backend }) => {
  const { services } = backend;
  const id = services.drafts.create({ provider: 'nhs-api-platform', environment: 'int', clientName: 'Batch Client' }).registration.id;
  // Set by the CLI, say: redirect URIs mean nothing to the client-credentials grant.
  services.drafts.setValues(id, { addRedirectUris: ['http://example.org/cb'] });
  await app.open(`#/registrations/${id}/redirect-uris`);
  await expect(page.getByRole('heading', { level: 2, name: /Redirect URIs/ })).toBeVisible();
  expect(await stepsShown(app)).toEqual(['basics', 'redirect-uris', 'keys', 'check', 'optional', 'review', 'submit']);
  await expect(page.getByTestId('redirect-uris-unused')).toContainText('does not use redirect URIs');
  await app.screenshot('provider-api-redirect-uris-unused-light');

  // Removed: the step goes, and its old address says so.
  await page.getByRole('button', { name: /Remove/ }).first().click();
  await expect.poll(() => services.drafts.get(id).registration.metadata.redirect_uris ?? []).toEqual([]);
  await expect(page.getByTestId('step-not-used')).toBeVisible();
  expect(await stepsShown(app)).toEqual(CASES[1].steps);
});

test('the error boundary shows a readable message and a way back when a screen throws while rendering', async ({ app, page, pageProblems }) => {
  // Test-only: the harness asks the About screen to throw (the app itself never sets this global).
  // A string, evaluated in the page: the Node tsconfig has no DOM types.
  await page.addInitScript({ content: `Object.defineProperty(window, '__oidcOnboardTestThrowIn', { value: 'about' });` });
  await app.open('#/about');
  const boundary = page.getByTestId('error-boundary');
  await expect(boundary).toBeVisible();
  await expect(boundary).toHaveAttribute('data-level', 'screen');
  await expect(boundary).toContainText('This screen could not be shown.');
  await expect(boundary).toContainText('Test-only render failure in “about”.');
  // The frame (navigation) survives around the failed screen.
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  expect(await app.seriousAxeViolations()).toEqual([]);
  await app.screenshot('error-boundary-screen-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot('error-boundary-screen-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await boundary.getByRole('link', { name: 'Go to Registrations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Registrations' })).toBeVisible();
  await expect(page.getByTestId('error-boundary')).toHaveCount(0);

  // React reports the caught error on the console (kept for support); only that is expected here.
  expect(pageProblems.length).toBeGreaterThan(0);
  expect(pageProblems.every((problem) => problem.includes('Test-only render failure') || problem.includes('a screen failed to render'))).toBe(true);
  pageProblems.splice(0);
});

test('the app-level error boundary offers a reload when the frame itself throws', async ({ app, page, pageProblems }) => {
  await page.addInitScript({ content: `Object.defineProperty(window, '__oidcOnboardTestThrowIn', { value: 'app' });` });
  await page.goto(`${app.origin}/index.html#/registrations`);
  const boundary = page.getByTestId('error-boundary');
  await expect(boundary).toHaveAttribute('data-level', 'app');
  await expect(boundary).toContainText('OIDC Onboard could not show this window.');
  await expect(boundary.getByRole('button', { name: 'Reload the window' })).toBeVisible();
  expect(pageProblems.every((problem) => problem.includes('Test-only render failure') || problem.includes('a screen failed to render'))).toBe(true);
  pageProblems.splice(0);
});

test('check results: failures first, passes folded per area with a count; TLS advice names the Extra trusted CA field', async ({ app, page }) => {
  test.setTimeout(120_000);
  const pki = await getTestPki();
  const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
  const server = await startHttpsServer({ cert: leaf.chainPem, key: leaf.keyPem, handler: route({ '/jwks.json': json({ keys: [rsaKey(2048, 'k1').publicJwk] }) }) });
  try {
    // No CA given: the test CA is unknown, so the chain fails.
    await app.open('#/check');
    await page.getByLabel('jwks_uri').fill(server.url('/jwks.json'));
    await page.getByRole('button', { name: 'Run check' }).click();
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'fail', { timeout: 60_000 });

    // Every failure and warning comes before any pass, in one "Needs attention" list.
    const order = await page.locator('[data-check-id]').evaluateAll((items) => items.map((item) => item.getAttribute('data-status') ?? ''));
    const firstQuiet = order.findIndex((status) => status === 'pass' || status === 'skip');
    const lastLoud = order.map((status) => status === 'fail' || status === 'warn').lastIndexOf(true);
    expect(lastLoud).toBeGreaterThanOrEqual(0);
    expect(firstQuiet === -1 || lastLoud < firstQuiet, `failures and warnings first: ${order.join(' ')}`).toBe(true);
    const attention = page.getByTestId('check-attention');
    await expect(attention.locator('[data-check-id="tls.chain"]')).toHaveAttribute('data-status', 'fail');
    // Passed and skipped checks are folded per area, each with its count.
    const folded = page.getByTestId('check-area-passed');
    expect(await folded.count()).toBeGreaterThan(0);
    for (const area of await folded.all()) {
      expect(await area.evaluate((el) => (el as unknown as { open: boolean }).open)).toBe(false);
      await expect(area.getByTestId('area-count')).toHaveText(/^\d+ (passed|skipped)/);
    }

    const advice = attention.locator('[data-check-id="tls.chain"]');
    await expect(advice.getByTestId('tls-ca-advice')).toContainText('“Extra trusted CA”');
    expect(await attention.innerText()).not.toMatch(/--use-|NODE_EXTRA_CA_CERTS|--ca\b/);
    await app.screenshot('check-tls-failed-first-light');
  } finally {
    await server.close();
  }
});
