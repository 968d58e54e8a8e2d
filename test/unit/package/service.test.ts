// The package service end to end with real parts: settings on a temp dir, the real keychain,
// real signing. Round trip, determinism, findings block / acknowledgement, no active key,
// and the secret scan (planted client secret, stored client secret, private JWK).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasErrorCode, type AppError } from '../../../contract/errors';
import { secretAccountIn } from '../../support/keychain-names';
import { verifyPackage } from '../../../core/package/verify';
import { readZip } from '../../../core/package/zip';
import { leaks } from './helpers';
import { createWorld, privateValues, rsaPrivateJwk, type World } from './service-helpers';

let world: World;
let id: string;
let secretValues: string[];
const NOW = new Date('2026-03-02T09:30:00.000Z');
const out = (name: string) => path.join(world.dataDir, 'out', name);

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  world = await createWorld();
  const view = world.services.drafts.create({ provider: 'nhs-login', environment: 'sandpit', clientName: 'Pem App' });
  id = view.registration.id;
  world.services.drafts.update(id, { metadata: { ...view.registration.metadata, redirect_uris: ['https://app.example.org/callback'], contacts: ['dev@example.org'] }, notes: 'private notes' });
  expect(world.services.drafts.get(id).report.valid).toBe(true);
  const jwk = await rsaPrivateJwk('RS512');
  secretValues = privateValues(jwk);
  await world.services.keys.importKey(id, { input: JSON.stringify(jwk), alg: 'RS512', kid: 'pem-key-1' });
});

afterAll(async () => {
  await world?.cleanup();
});

describe('package service', () => {
  it('builds a PEM-provider package that verifies, records it, and holds no private material', async () => {
    const built = await world.packages.build(id, { out: out('a.zip'), now: NOW });
    const bytes = new Uint8Array(await readFile(built.path));
    expect(built.bytes).toBe(bytes.length);
    expect(built.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(built.manifest.keySource).toBe('pem');
    expect(built.manifest.jwksCheck).toEqual({ included: false, reason: expect.stringMatching(/PEM/) });
    expect(built.sendTo).toMatch(/sandpit/i);
    // The intro, one line per numbered step, then what to do with the .zip.
    const lines = built.sendTo!.split('\n');
    expect(lines.slice(1, -1).every((line, i) => line.startsWith(`${i + 1}. `))).toBe(true);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.at(-1)).toMatch(/verify-package/);
    const names = readZip(bytes).map((e) => e.name);
    expect(names).toContain('public-key.pem');
    expect(names).not.toContain('jwks-check.json');
    expect(leaks(bytes, [...secretValues, 'private notes'])).toEqual([]);

    for (const offline of [true, false]) {
      const v = await verifyPackage(bytes, { offline, now: NOW });
      expect(v.verdict, JSON.stringify(v.steps)).toBe('valid');
      expect(v.sha256).toBe(built.sha256);
    }
    const online = await verifyPackage(bytes, { now: NOW });
    expect(online.steps.find((s) => s.id === 'live.signature')?.message).toMatch(/PEM/);

    const record = world.services.store.read().registrations[id]!.packages.at(-1);
    expect(record).toMatchObject({ createdAt: NOW.toISOString(), sha256: built.sha256, path: built.path, bytes: bytes.length });
    expect(record).not.toHaveProperty('acknowledged');
  });

  it('gives the same bytes for the same inputs at the same time (RS512 is deterministic)', async () => {
    const a = await world.packages.build(id, { out: out('same-1.zip'), now: NOW });
    const b = await world.packages.build(id, { out: out('same-2.zip'), now: NOW });
    expect(b.sha256).toBe(a.sha256);
    expect((await readFile(a.path)).equals(await readFile(b.path))).toBe(true);
    const c = await world.packages.build(id, { out: out('later.zip'), now: new Date(NOW.getTime() + 2000) });
    expect(c.sha256).not.toBe(a.sha256);
  });

  it('refuses while error findings remain, and packages with a recorded acknowledgement', async () => {
    const view = world.services.drafts.create({ provider: 'nhs-login', environment: 'sandpit', clientName: 'Unfinished' });
    await world.services.keys.importKey(view.registration.id, { input: JSON.stringify(await rsaPrivateJwk()), alg: 'RS512' });
    const error = await rejection(world.packages.build(view.registration.id, { out: out('blocked.zip'), now: NOW }));
    expect(error.code).toBe('FINDINGS_BLOCK');
    expect((error.details?.findings as { code: string }[]).map((f) => f.code)).toContain('redirect_uris.missing');
    expect(existsSync(out('blocked.zip'))).toBe(false);

    const built = await world.packages.build(view.registration.id, { out: out('acked.zip'), now: NOW, acknowledgeFindings: 'Redirect URI agreed by phone with the provider' });
    expect(built.manifest.acknowledgement?.reason).toBe('Redirect URI agreed by phone with the provider');
    expect(built.manifest.acknowledgement?.findings.map((f) => f.code)).toContain('redirect_uris.missing');
    const summary = readZip(new Uint8Array(await readFile(built.path))).find((e) => e.name === 'SUMMARY.md')!;
    expect(Buffer.from(summary.data).toString('utf8')).toContain('Redirect URI agreed by phone with the provider');
    expect(world.services.store.read().registrations[view.registration.id]!.packages.at(-1)).toMatchObject({ acknowledged: 'Redirect URI agreed by phone with the provider' });
    const v = await verifyPackage(new Uint8Array(await readFile(built.path)), { offline: true, now: NOW });
    expect(v.verdict).toBe('valid');
    expect(v.steps.find((s) => s.id === 'metadata')?.status).toBe('warn');
  });

  it('refuses without an active key', async () => {
    const view = world.services.drafts.create({ provider: 'nhs-login', environment: 'sandpit', clientName: 'Keyless' });
    const error = await rejection(world.packages.build(view.registration.id, { out: out('keyless.zip'), acknowledgeFindings: 'x' }));
    expect(hasErrorCode(error, 'NOT_FOUND')).toBe(true);
    expect(error.details).toMatchObject({ reason: 'no-active-key' });
  });

  it('refuses a package that would carry a planted secret or private key material, writing nothing', async () => {
    const before = world.services.store.read().registrations[id]!;
    const planted = 'S3cr3t-planted-client-secret';
    world.services.drafts.update(id, { metadata: { ...before.metadata, software_version: `v1 ${planted}` } });
    const scanned = await rejection(world.packages.build(id, { out: out('planted.zip'), now: NOW, secretsToScan: [planted] }));
    expect(scanned.code).toBe('PACKAGE_INVALID');
    expect(scanned.details).toMatchObject({ reason: 'secret-material' });
    expect(scanned.message).toMatch(/client secret/);
    expect(JSON.stringify(scanned.details)).not.toContain(planted);
    expect(existsSync(out('planted.zip'))).toBe(false);

    // The stored client secret is scanned for without being passed in.
    const stored = 'stored-Keychain-Secret-42';
    await world.vault.set(secretAccountIn(world.dataDir, id, 'client-123'), stored);
    world.services.store.update((s) => {
      s.registrations[id]!.credentials = { clientId: 'client-123', receivedAt: NOW.toISOString(), notes: '', hasSecret: true };
      s.registrations[id]!.metadata = { ...before.metadata, client_uri: `https://app.example.org/?s=${stored}` };
    });
    const fromKeychain = await rejection(world.packages.build(id, { out: out('stored.zip'), now: NOW, acknowledgeFindings: 'test' }));
    expect(fromKeychain.code).toBe('PACKAGE_INVALID');
    expect(fromKeychain.message).toMatch(/client secret/);

    // A private JWK pasted into the values.
    const leaked = await rsaPrivateJwk();
    world.services.store.update((s) => {
      s.registrations[id]!.metadata = { ...before.metadata, jwks: { keys: [leaked] } };
    });
    const keyMaterial = await rejection(world.packages.build(id, { out: out('jwk.zip'), now: NOW, acknowledgeFindings: 'test' }));
    expect(keyMaterial.code).toBe('PACKAGE_INVALID');
    expect(keyMaterial.message).toMatch(/private key material/);
    expect(existsSync(out('jwk.zip'))).toBe(false);

    world.services.store.update((s) => {
      s.registrations[id]!.metadata = before.metadata;
      delete s.registrations[id]!.credentials;
    });
  });
});
