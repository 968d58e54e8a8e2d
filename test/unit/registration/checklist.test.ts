// The submission checklist data: one table feeds the checklist view and the package SUMMARY (a
// changed item shows in both), old settings files without ticks still load, and every built-in
// source is on an official host.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { registrationSchema } from '../../../contract/schemas/registration';
import { createAppServices } from '../../../core/app/services';
import { readZip } from '../../../core/package/zip';
import { cryptoRandom, silentLogger } from '../../../core/ports/system';
import { CHECKLISTS, type ChecklistTable } from '../../../core/profiles/checklists';
import { listProfiles } from '../../../core/profiles';
import { createOsKeychain } from '../../../core/storage/os-keychain';
import { testFetcher } from '../../support/test-fetcher';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function world(table?: ChecklistTable) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-checklist-'));
  const vault = createOsKeychain({ service: `oidc-onboard-test-checklist-${randomUUID()}` });
  const clock = { now: () => new Date('2026-12-01T10:00:00.000Z') };
  const services = createAppServices({ dataDir, vault, clock, random: cryptoRandom, logger: silentLogger, fetcher: testFetcher(), ...(table && { checklists: table }) });
  cleanups.push(async () => {
    for (const reg of services.drafts.list()) for (const r of services.keys.view(reg.registration.id).records) await services.keys.remove(reg.registration.id, r.kid, true);
    await rm(dataDir, { recursive: true, force: true });
  });
  return { dataDir, services };
}

async function summaryOf(services: Awaited<ReturnType<typeof world>>['services'], dataDir: string, id: string) {
  const built = await services.packages.build(id, { out: path.join(dataDir, `${id}.zip`), offline: true, acknowledgeFindings: 'test' });
  const entries = readZip(new Uint8Array(await readFile(built.path)));
  const text = (name: string) => new TextDecoder().decode(entries.find((e) => e.name === name)!.data);
  return { built, md: text('SUMMARY.md'), html: text('summary.html') };
}

describe('one table for the checklist and the SUMMARY', () => {
  it('a changed checklist item shows in both the checklist and the package SUMMARY', async () => {
    const changed: ChecklistTable = CHECKLISTS.map((c) =>
      c.provider === 'nhs-cis2' && c.environment === 'int'
        ? { ...c, items: c.items.map((item) => (item.id === 'connection-manager' ? { ...item, title: 'Type the values into Connection Manager as a changed item' } : item)) }
        : c,
    );
    for (const [table, title] of [
      [undefined, 'Enter the INT registration in Connection Manager'],
      [changed, 'Type the values into Connection Manager as a changed item'],
    ] as const) {
      const { dataDir, services } = await world(table);
      const id = services.drafts.create({ provider: 'nhs-cis2', environment: 'int', clientName: 'Same Data' }).registration.id;
      services.drafts.setValues(id, { addRedirectUris: ['https://app.example.org/cb'], jwksUri: 'https://app.example.org/jwks.json' });
      await services.keys.generate(id, { size: 2048 });
      const view = services.checklist.view(id);
      expect(view.items.find((i) => i.id === 'connection-manager')!.title).toBe(title);
      const { built, md, html } = await summaryOf(services, dataDir, id);
      expect(md).toContain(title);
      expect(html).toContain(title);
      expect(built.sendTo).toContain(title);
      expect((await services.packages.preview(id)).sendTo).toContain(title);
      // The copy-ready answers in the SUMMARY are the checklist's.
      expect(md).toContain('https://app.example.org/cb');
      // CIS2 INT: no contradictory "send this .zip as it is" next to "enter it yourself".
      expect(md).not.toMatch(/send this \.zip file as it is/i);
      expect(md).toContain('Connection Manager takes values, not files');
    }
  }, 60_000);

  it('CIS2 live keeps "send as it is" (NHS takes the values by e-mail), from the same data', async () => {
    const { dataDir, services } = await world();
    const id = services.drafts.create({ provider: 'nhs-cis2', environment: 'live', clientName: 'Live App' }).registration.id;
    await services.keys.generate(id, { size: 2048 });
    const view = services.checklist.view(id);
    expect(view.package.role).toBe('attach');
    const { md } = await summaryOf(services, dataDir, id);
    for (const item of view.items) expect(md).toContain(item.title);
    expect(md).toContain('Connection Agreement');
  }, 60_000);
});

describe('stored ticks', () => {
  it('a registration from an older file (no checklist member) loads with no ticks', () => {
    const old = {
      id: 'old-int',
      provider: 'nhs-cis2',
      environment: 'int',
      metadata: { client_name: 'Old' },
      notes: '',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      keys: [],
      checks: [],
      packages: [],
    };
    expect(registrationSchema.parse(old).checklist).toEqual({});
  });

  it('ticks survive a fresh service on the same data folder, and unknown items are refused', async () => {
    const { dataDir, services } = await world();
    const id = services.drafts.create({ provider: 'nhs-login', environment: 'sandpit', clientName: 'Ticks' }).registration.id;
    expect(services.checklist.tick(id, 'sandpit-form', true).progress).toEqual({ done: 1, total: 1 });
    const reopened = createAppServices({ dataDir, vault: createOsKeychain({ service: 'unused' }), clock: { now: () => new Date() }, random: cryptoRandom, logger: silentLogger, fetcher: testFetcher() });
    expect(reopened.checklist.view(id).items[0]).toMatchObject({ done: true, doneAt: '2026-12-01T10:00:00.000Z' });
    expect(() => services.checklist.tick(id, 'constructor', true)).toThrow(/No checklist item/);
  });
});

describe('the built-in table', () => {
  it('has a checklist for every NHS environment that takes a registration, with unique item ids and official sources', () => {
    for (const profile of listProfiles().filter((p) => p.id !== 'generic-oidc')) {
      for (const env of profile.environments.filter((e) => e.id !== 'mock' && e.id !== 'sandbox')) {
        const checklist = CHECKLISTS.find((c) => c.provider === profile.id && c.environment === env.id);
        expect(checklist, `${profile.id} ${env.id}`).toBeDefined();
        const ids = checklist!.items.map((i) => i.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const item of checklist!.items) {
          const host = new URL(item.source.url).hostname;
          expect(['digital.nhs.uk', 'nhsconnect.github.io', 'github.com'], item.source.url).toContain(host);
          if (item.alternativeTo) expect(ids).toContain(item.alternativeTo);
        }
      }
    }
  });
});
