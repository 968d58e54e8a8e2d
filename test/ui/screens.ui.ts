/**
 * Issue 13 item 3, screens proven by looking: every screen and dialog in light and dark, at
 * 1,280 × 800 and in a narrow 900 px window, axe clean, with no horizontal clipping (no card
 * wider than itself, nothing sticking out of its card), every dialog inside the 800 px-high
 * viewport with its title and actions in view. No two screenshots byte-identical is the
 * harness's run-wide gate (test/ui/screenshot-index.ts): it covers these and every other spec's.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test, type AppDriver } from './harness';
import type { TestBackend } from '../support/backend';
import { json, startHttpsServer } from '../support/hostile-server';
import { getTestPki, LOCAL_HOSTS } from '../support/test-pki';

const VIEWPORTS = [
  { name: '1280', width: 1280, height: 800 },
  { name: '900', width: 900, height: 800 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

interface Seeded {
  cis2: string;
  cis2Live: string;
  api: string;
  login: string;
  kid: string;
}

async function seed(backend: TestBackend): Promise<Seeded> {
  const { services } = backend;
  const cis2 = services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Ward Rounds' }).registration.id;
  services.drafts.setValues(cis2, { addRedirectUris: ['https://wardrounds.example.org/callback', 'http://wardrounds.example.org/insecure'], jwksUri: 'https://wardrounds.example.org/.well-known/jwks.json', contacts: ['ops@example.org'] });
  const kid = (await services.keys.generate(cis2, { size: 2048 })).record.kid;
  const cis2Live = services.drafts.create({ provider: 'nhs-cis2', environment: 'live', clientName: 'Ward Rounds' }).registration.id;
  const api = services.drafts.create({ provider: 'nhs-api-platform', environment: 'int', clientName: 'Parcel App' }).registration.id;
  const login = services.drafts.create({ provider: 'nhs-login', environment: 'sandpit', clientName: 'Patient App' }).registration.id;
  return { cis2, cis2Live, api, login, kid };
}

/** Elements (by a short description) that stick out of their card, and cards wider than themselves. */
async function clipping(page: Page): Promise<string[]> {
  // A string, evaluated in the page: the Node tsconfig has no DOM types.
  return page.evaluate(`(() => {
    const problems = [];
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) problems.push('page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + document.documentElement.clientWidth);
    const cards = document.querySelectorAll('.card, .key-card, .publish-group, .jwks-preview, .hosting-help, .tab-panel, .hosted-jwks, .notice');
    for (const card of cards) {
      if (card.getClientRects().length === 0) continue;
      if (card.scrollWidth > card.clientWidth + 1) problems.push(describe(card) + ' scrollWidth ' + card.scrollWidth + ' > clientWidth ' + card.clientWidth);
      const box = card.getBoundingClientRect();
      for (const el of card.querySelectorAll('*')) {
        if (el.getClientRects().length === 0 || el.closest('.visually-hidden')) continue;
        // An open modal is in the top layer, not laid out in the card it is declared in (checked on its own).
        if (el.closest('dialog') && !card.closest('dialog')) continue;
        // Inside a box that scrolls or clips on its own (a code box), the box is what must fit.
        let scroller = el.parentElement;
        let inner = false;
        while (scroller && scroller !== card) {
          if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(scroller).overflowX)) { inner = true; break; }
          scroller = scroller.parentElement;
        }
        if (inner) continue;
        const r = el.getBoundingClientRect();
        if (r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1)) problems.push(describe(el) + ' sticks out of ' + describe(card) + ' (' + Math.round(r.left) + '–' + Math.round(r.right) + ' vs ' + Math.round(box.left) + '–' + Math.round(box.right) + ')');
      }
    }
    return [...new Set(problems)].slice(0, 20);
  })()`);
}

/** The dialog, its title and its actions lie inside the viewport. */
async function expectInViewport(page: Page, dialog: Locator, what: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const inside = async (locator: Locator, part: string) => {
    const box = (await locator.boundingBox())!;
    expect(box, `${what}: ${part} has a box`).not.toBeNull();
    expect(box.y, `${what}: ${part} top`).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, `${what}: ${part} bottom within ${viewport.height}`).toBeLessThanOrEqual(viewport.height + 0.5);
    expect(box.x + box.width, `${what}: ${part} right`).toBeLessThanOrEqual(viewport.width + 0.5);
  };
  await inside(dialog, 'dialog');
  await inside(dialog.locator('h2').first(), 'title');
  await inside(dialog.locator('.dialog-actions'), 'actions');
}

class Shooter {
  constructor(
    private readonly app: AppDriver,
    private readonly viewport: (typeof VIEWPORTS)[number],
  ) {}

  /** Both schemes of what is on screen now: screenshot, axe, no clipping. */
  async both(name: string, options: { fullPage?: boolean } = {}): Promise<void> {
    const { page } = this.app;
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      const file = `screen-${name}-${this.viewport.name}-${scheme}`;
      await this.app.screenshot(file, options);
      expect(await this.app.seriousAxeViolations(), `axe on ${file}`).toEqual([]);
    }
    expect(await clipping(page), `clipping on ${name} at ${this.viewport.name}`).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
  }
}

async function settled(page: Page): Promise<void> {
  await expect(page.locator('h1').first()).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Loading/ })).toHaveCount(0);
}

for (const viewport of VIEWPORTS) {
  test(`every screen at ${viewport.width} × ${viewport.height}, light and dark: axe clean, nothing clipped`, async ({ app, page, backend }) => {
    test.setTimeout(420_000);
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const ids = await seed(backend);
    const shoot = new Shooter(app, viewport);

    const screens: [string, string][] = [
      ['registrations', '#/registrations'],
      ['new-registration', '#/registrations/new'],
      ['check', '#/check'],
      ['package', '#/package'],
      ['credentials', `#/credentials/${ids.api}`],
      ['about', '#/about'],
      ['not-found', '#/nowhere'],
      ['compare', `#/registrations/${ids.cis2}/compare/${ids.cis2Live}`],
      ['cis2-basics', `#/registrations/${ids.cis2}/basics`],
      ['cis2-redirect-uris', `#/registrations/${ids.cis2}/redirect-uris`],
      ['cis2-check', `#/registrations/${ids.cis2}/check`],
      ['cis2-optional', `#/registrations/${ids.cis2}/optional`],
      ['cis2-review', `#/registrations/${ids.cis2}/review`],
      ['cis2-submit', `#/registrations/${ids.cis2}/submit`],
      ['api-basics', `#/registrations/${ids.api}/basics`],
      ['api-keys-empty', `#/registrations/${ids.api}/keys`],
      ['login-keys-empty', `#/registrations/${ids.login}/keys`],
    ];
    for (const [name, hash] of screens) {
      await app.open(hash);
      await settled(page);
      await shoot.both(name);
    }

    // The keys step: the Key pairs tab and the Publish tab (jwks.json and hosting help inside their cards).
    await app.open(`#/registrations/${ids.cis2}/keys`);
    await settled(page);
    await expect(page.locator('.key-card')).toHaveCount(1);
    await shoot.both('cis2-keys-pairs');
    await page.getByRole('tab', { name: /Publish/ }).click();
    await expect(page.locator('.jwks-preview code')).toContainText(ids.kid);
    await shoot.both('cis2-keys-publish');

    // Dialogs: inside the 800 px-high window with title and actions in view (the wizard's and the keys step's first).
    const dialogs: { name: string; open: () => Promise<void>; title: string | RegExp }[] = [
      { name: 'dialog-import-key', open: () => page.getByRole('button', { name: 'Import key…' }).click(), title: /Import/ },
      { name: 'dialog-export-key', open: () => page.getByRole('button', { name: new RegExp(`Export private key.*${ids.kid}`) }).click(), title: 'Export private key' },
      { name: 'dialog-delete-key', open: () => page.getByRole('button', { name: `Delete ${ids.kid}` }).click(), title: 'Delete this key pair?' },
      { name: 'dialog-copy', open: () => page.getByRole('button', { name: 'Copy to another environment' }).click(), title: 'Copy to another environment' },
      { name: 'dialog-delete-registration', open: () => page.getByRole('button', { name: 'Delete', exact: true }).click(), title: /^Delete “Ward Rounds”/ },
      { name: 'dialog-support-pack', open: () => page.getByRole('button', { name: 'Support pack…' }).click(), title: /Support pack/ },
    ];
    for (const d of dialogs) {
      await page.getByRole('tab', { name: /Key pairs/ }).click();
      await d.open();
      const dialog = page.getByRole('dialog', { name: d.title });
      await expect(dialog).toBeVisible();
      await expectInViewport(page, dialog, d.name);
      await shoot.both(d.name, { fullPage: false });
      if (d.name === 'dialog-export-key') {
        // A refused passphrase: the error is brought into view, title and actions stay put.
        await dialog.getByLabel('Passphrase', { exact: true }).fill('password1');
        await dialog.getByLabel('Passphrase again').fill('password1');
        await dialog.getByRole('checkbox', { name: /I understand this file contains my private key/ }).check();
        await dialog.getByRole('button', { name: 'Export…' }).click();
        const error = dialog.getByRole('alert');
        await expect(error).toContainText('That passphrase is too weak.');
        await expect(error).toBeInViewport();
        await expectInViewport(page, dialog, 'export dialog with its error');
        await shoot.both('dialog-export-key-error', { fullPage: false });
      }
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    }

    // The Credentials screen's own dialogs, with credentials stored (the API platform: an API key, no secret).
    await backend.services.credentials.save(ids.api, { clientId: 'api-key-for-parcel-app', applicationId: '9b2f3c1e-4d5a-4b6c-8d7e-0f1a2b3c4d5e', receivedAt: '2026-12-01T07:00:00Z' });
    await app.open(`#/credentials/${ids.api}`);
    await settled(page);
    await expect(page.getByText('1 Dec 2026')).toBeVisible();
    await shoot.both('credentials-stored');
    await page.getByRole('button', { name: 'Delete…' }).click();
    const deleteCredentials = page.getByRole('dialog', { name: 'Delete these credentials?' });
    await expect(deleteCredentials).toBeVisible();
    await expectInViewport(page, deleteCredentials, 'delete credentials');
    await shoot.both('dialog-delete-credentials', { fullPage: false });
    await page.keyboard.press('Escape');
    await expect(deleteCredentials).toBeHidden();

    // Replace: the form again with a new API key, then the confirmation naming the one it replaces.
    await page.getByRole('button', { name: 'Replace…' }).click();
    await page.getByLabel('API key', { exact: true }).fill('api-key-for-parcel-app-2');
    await page.getByRole('button', { name: 'Replace credentials…' }).click();
    const replaceCredentials = page.getByRole('dialog', { name: 'Replace the stored credentials?' });
    await expect(replaceCredentials).toBeVisible();
    await expect(replaceCredentials).toContainText('api-key-for-parcel-app');
    await expectInViewport(page, replaceCredentials, 'replace credentials');
    await shoot.both('dialog-replace-credentials', { fullPage: false });
    await page.keyboard.press('Escape');
    await expect(replaceCredentials).toBeHidden();
    expect(backend.services.credentials.show(ids.api)?.clientId, 'a cancelled replace keeps what was stored').toBe('api-key-for-parcel-app');

    // Open a package with one loaded: a real package from the package service, opened through the
    // page, its jwks_uri a local HTTPS server with the test CA (so the live half passes too).
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'oidc-onboard-ui-screens-'));
    const pki = await getTestPki();
    const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
    const generic = backend.services.drafts.create({ provider: 'generic-oidc', environment: 'default', clientName: 'Parcel App' }).registration.id;
    await backend.services.keys.generate(generic, { size: 2048 });
    const server = await startHttpsServer({ cert: leaf.chainPem, key: leaf.keyPem, handler: json(JSON.parse(backend.services.keys.jwks(generic)), { 'cache-control': 'public, max-age=300' }) });
    try {
      backend.services.drafts.setValues(generic, { jwksUri: server.url('/jwks.json'), addRedirectUris: ['https://parcel.example.org/callback'], contacts: ['ops@example.org'] });
      const out = path.join(tmp, 'parcel.zip');
      const built = await backend.services.packages.build(generic, { out, caPem: pki.caCertPem });
      await app.open('#/package');
      await settled(page);
      await page.getByLabel('Extra CA certificates (PEM, optional)').fill(pki.caCertPem);
      await page.getByLabel('Allow private network addresses').check();
      await page.getByTestId('package-file-input').setInputFiles(out);
      await expect(page.getByTestId('package-verdict')).toHaveAttribute('data-verdict', 'valid', { timeout: 60_000 });
      await expect(page.getByTestId('verify-sha256')).toHaveText(built.sha256);
      await expect(page.getByTestId('verdict-intact')).toHaveAttribute('data-status', 'pass');
      await expect(page.getByTestId('verdict-live')).toHaveAttribute('data-status', 'pass');
      await shoot.both('package-loaded');
    } finally {
      await server.close();
      await rm(tmp, { recursive: true, force: true });
    }
  });
}
