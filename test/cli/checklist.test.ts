// `oidc-onboard checklist`: every provider × environment lists its NHS steps with official
// sources, answers come from the registration's values, and ticks persist in the registration.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChecklistView } from '../../contract/schemas/checklist';
import { runCli } from '../support/run-cli';

let dataDir: string;
const env = { OIDC_ONBOARD_KEYCHAIN_SERVICE: `oidc-onboard-test-cli-checklist-${process.pid}` };
const cli = (...args: string[]) => runCli([...args, '--data-dir', dataDir], { env });

/** Hosts a checklist source may be on (developer.community.nhs.uk only as corroboration). */
const OFFICIAL = ['digital.nhs.uk', 'nhsconnect.github.io', 'github.com'];
const officialSource = (url: string) => {
  const u = new URL(url);
  if (u.protocol !== 'https:' || !OFFICIAL.includes(u.hostname)) return false;
  return u.hostname !== 'github.com' || /^\/(NHSDigital|nhsconnect)\/[^/]+\/blob\/[0-9a-f]{40}\//.test(u.pathname);
};

const CASES: { profile: string; environment: string; items: string[] }[] = [
  { profile: 'nhs-cis2', environment: 'int', items: ['team-id', 'connection-manager'] },
  { profile: 'nhs-cis2', environment: 'dep', items: ['team-id', 'connection-manager'] },
  { profile: 'nhs-cis2', environment: 'live', items: ['connection-agreement', 'production-values'] },
  { profile: 'nhs-login', environment: 'sandpit', items: ['sandpit-form'] },
  { profile: 'nhs-login', environment: 'integration', items: ['ods-code', 'dspt', 'integration-form'] },
  { profile: 'nhs-login', environment: 'live', items: ['live-approval', 'live-values'] },
  { profile: 'nhs-api-platform', environment: 'int', items: ['create-app', 'add-api', 'public-key-url', 'nhs-hosted-jwks'] },
  { profile: 'nhs-api-platform', environment: 'live', items: ['create-app', 'add-api', 'public-key-url', 'nhs-hosted-jwks'] },
];

const idOf = (c: { profile: string; environment: string }) => `checklist-${c.profile}-${c.environment}`;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-checklist-'));
  for (const c of CASES) {
    const created = await cli('new', '--profile', c.profile, '--environment', c.environment, '--name', `Checklist ${c.profile}`, '--json');
    expect(created.code, created.stderr).toBe(0);
    expect(created.json<{ id: string }>().id).toBe(idOf(c));
  }
});

afterAll(async () => {
  const ring = await cli('keys', 'list', 'checklist-nhs-login-sandpit', '--json');
  if (ring.code === 0) for (const r of ring.json<{ records: { kid: string }[] }>().records) await cli('keys', 'delete', 'checklist-nhs-login-sandpit', '--kid', r.kid, '--yes');
  await rm(dataDir, { recursive: true, force: true });
});

describe('checklist per provider × environment', () => {
  for (const c of CASES) {
    it(`${c.profile} ${c.environment}: lists ${c.items.join(', ')} with sources on official hosts`, async () => {
      const run = await cli('checklist', idOf(c), '--json');
      expect(run.code, run.stderr).toBe(0);
      const view = run.json<ChecklistView>();
      expect(view.available).toBe(true);
      expect(view.items.map((i) => i.id)).toEqual(expect.arrayContaining(c.items));
      for (const item of view.items) {
        expect(officialSource(item.source.url), `${item.id}: ${item.source.url}`).toBe(true);
        for (const extra of item.corroboration) expect(officialSource(extra.url) || new URL(extra.url).hostname === 'developer.community.nhs.uk', extra.url).toBe(true);
      }
      const human = await cli('checklist', idOf(c));
      expect(human.code).toBe(0);
      for (const item of view.items) expect(human.stdout).toContain(item.title);
    });
  }

  it('CIS2 live lists the production fields, the Connection Agreement, 2 weeks and "replicates INT"', async () => {
    const view = (await cli('checklist', 'checklist-nhs-cis2-live', '--json')).json<ChecklistView>();
    const live = view.items.find((i) => i.id === 'production-values')!;
    expect(live.answers.map((a) => a.label)).toEqual(
      expect.arrayContaining(['Redirect URIs', 'Back-channel logout URI', 'Security pattern (client authentication)', 'JWKS URI', 'Token endpoint signing algorithm', 'UserInfo signing']),
    );
    expect(live.detail).toMatch(/replicates your INT configuration/);
    expect(view.items.find((i) => i.id === 'connection-agreement')!.detail).toMatch(/2 weeks/);
    const int = (await cli('checklist', 'checklist-nhs-cis2-int', '--json')).json<ChecklistView>();
    expect(int.items.find((i) => i.id === 'team-id')!.detail).toContain('Welcome to CIS2');
    expect(int.package.role).toBe('record');
    expect(int.package.text).not.toMatch(/send this \.zip/i);
  });

  it('NHS login forms: the sandpit form address, the PEM pasted as text, ODS code and DSPT', async () => {
    const sandpit = (await cli('checklist', 'checklist-nhs-login-sandpit', '--json')).json<ChecklistView>();
    const form = sandpit.items.find((i) => i.id === 'sandpit-form')!;
    expect(form.where.url).toBe('https://forms.office.com/e/HaKHCGFBxP');
    expect(form.source.url).toBe('https://nhsconnect.github.io/nhslogin/integrating-to-sandpit/');
    expect(form.answers.find((a) => a.id === 'public-key')).toMatchObject({ uses: 'key.public_pem', missing: true });
    expect((await cli('keys', 'generate', 'checklist-nhs-login-sandpit')).code).toBe(0);
    const keyed = (await cli('checklist', 'checklist-nhs-login-sandpit', '--json')).json<ChecklistView>();
    const pem = keyed.items.find((i) => i.id === 'sandpit-form')!.answers.find((a) => a.id === 'public-key')!;
    expect(pem.missing).toBe(false);
    expect(pem.value).toMatch(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----$/);
    expect(pem.value).not.toMatch(/PRIVATE/);
    const integration = (await cli('checklist', 'checklist-nhs-login-integration', '--json')).json<ChecklistView>();
    expect(integration.items.find((i) => i.id === 'integration-form')!.answers.map((a) => a.id)).toEqual(expect.arrayContaining(['ods-code', 'public-key']));
  });

  it('API platform: API key vs application id, and the NHS-hosted alternative with NHS\'s environment name', async () => {
    const view = (await cli('checklist', 'checklist-nhs-api-platform-live', '--json')).json<ChecklistView>();
    expect(view.items.find((i) => i.id === 'add-api')!.detail).toMatch(/API key.*iss and sub.*not the Application ID/s);
    const hosted = view.items.find((i) => i.id === 'nhs-hosted-jwks')!;
    expect(hosted).toMatchObject({ optional: true, alternativeTo: 'public-key-url' });
    expect(hosted.answers.find((a) => a.id === 'environment')).toMatchObject({ value: 'prod', missing: false });
  });
});

describe('copy-ready answers and ticks', () => {
  const ID = 'checklist-nhs-cis2-int';

  it('answers come from the registration values', async () => {
    expect((await cli('set', ID, '--redirect-uri', 'https://app.example.org/cb', '--redirect-uri', 'https://app.example.org/cb2', '--jwks-uri', 'https://app.example.org/jwks.json')).code).toBe(0);
    const view = (await cli('checklist', ID, '--json')).json<ChecklistView>();
    const cm = view.items.find((i) => i.id === 'connection-manager')!;
    expect(cm.answers.find((a) => a.id === 'redirect-uris')).toMatchObject({ uses: 'metadata.redirect_uris', value: 'https://app.example.org/cb\nhttps://app.example.org/cb2', missing: false });
    expect(cm.answers.find((a) => a.id === 'jwks-uri')!.value).toBe('https://app.example.org/jwks.json');
    expect(cm.answers.find((a) => a.id === 'security-pattern')!.value).toBe('Private Key JWT');
    expect(cm.answers.find((a) => a.id === 'userinfo-signing')!.value).toBe('Not signed (plain JSON)');
    expect(view.items.find((i) => i.id === 'team-id')!.answers[0]).toMatchObject({ uses: 'you', missing: false });
  });

  it('--done ticks an item and it stays ticked for the next process; --undo clears it', async () => {
    const ticked = await cli('checklist', ID, '--done', 'team-id', '--json');
    expect(ticked.code, ticked.stderr).toBe(0);
    expect(ticked.json<ChecklistView>().items.find((i) => i.id === 'team-id')).toMatchObject({ done: true });
    const again = (await cli('checklist', ID, '--json')).json<ChecklistView>();
    expect(again.items.find((i) => i.id === 'team-id')!.done).toBe(true);
    expect(again.progress).toMatchObject({ done: 1 });
    const shown = await cli('show', ID, '--json');
    expect(shown.json<{ registration: { checklist: Record<string, { doneAt: string }> } }>().registration.checklist['team-id']!.doneAt).toMatch(/^\d{4}-/);
    const undone = await cli('checklist', ID, '--undo', 'team-id', '--json');
    expect(undone.json<ChecklistView>().items.find((i) => i.id === 'team-id')!.done).toBe(false);
  });

  it('refuses an unknown item or registration (exit 2)', async () => {
    const unknown = await cli('checklist', ID, '--done', 'no-such-item');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('team-id');
    expect((await cli('checklist', 'no-such-registration')).code).toBe(2);
    expect((await cli('checklist', ID, '--done', 'team-id', '--undo', 'team-id')).code).toBe(2);
    expect((await cli('checklist')).code).toBe(2);
  });
});
