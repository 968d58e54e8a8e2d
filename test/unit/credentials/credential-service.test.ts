// Received credentials with the real OS keychain: save, read back from a fresh service,
// replace, delete; the secret never in the data folder, logs or return values; and nothing
// half-saved when the keychain or the settings file fails half-way.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { secretAccountIn } from '../../support/keychain-names';
import { clientSecretAccount, createCredentialService, KEYCHAIN_ACCOUNTS, type CredentialService } from '../../../core/credentials';
import { createRegistrationRepository } from '../../../core/storage/registrations';
import { openSettingsStore } from '../../../core/storage/settings-store';
import { cryptoRandom, silentLogger } from '../../../core/ports/system';
import { allFiles, createFixture, faultyVault, rejection, type Fixture, type VaultOp } from './helpers';
import { keychainBackendName } from '../../../core/storage/os-keychain';

const SECRET = 'Sup3r-s3cret-value-0123456789';
const NEW_SECRET = 'An0ther-s3cret-after-rotation';

let fx: Fixture;
let service: CredentialService;
beforeEach(async () => {
  fx = await createFixture({ authMethod: 'client_secret_post' });
  service = fx.service();
});
afterEach(async () => {
  await fx.cleanup();
});

async function expectNoSecretOnDisk(secret: string) {
  const files = await allFiles(fx.dataDir);
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) expect(file.content.includes(secret), file.path).toBe(false);
}

describe('saving and reading credentials', () => {
  it('saves the Client ID in the record and the secret only in the keychain, under the documented account', async () => {
    const saved = await service.save(fx.regId, { clientId: '  my-client-id  ', secret: SECRET, notes: 'from the CIS2 team', receivedAt: '2026-11-20T09:30:00Z' });
    expect(JSON.stringify(saved)).not.toContain(SECRET);
    expect(saved).toMatchObject({
      registrationId: fx.regId,
      clientId: 'my-client-id',
      receivedAt: '2026-11-20T09:30:00.000Z',
      notes: 'from the CIS2 team',
      hasSecret: true,
      storedIn: keychainBackendName(),
      service: fx.vault.service,
      account: secretAccountIn(fx.dataDir, fx.regId, 'my-client-id'),
      replaced: false,
      warnings: [],
    });
    expect(await fx.vault.get(secretAccountIn(fx.dataDir, fx.regId, 'my-client-id'))).toBe(SECRET);
    expect(fx.store.read().registrations[fx.regId]!.credentials).toEqual({ clientId: 'my-client-id', receivedAt: '2026-11-20T09:30:00.000Z', notes: 'from the CIS2 team', hasSecret: true });
    await expectNoSecretOnDisk(SECRET);
    for (const line of fx.logger.lines) expect(line).not.toContain(SECRET);
    expect(fx.logger.lines.some((line) => line.includes('credentials saved'))).toBe(true);
  });

  it('reads back from a freshly opened store and vault object; show never returns the secret, reveal does', async () => {
    await service.save(fx.regId, { clientId: 'cid-1', secret: SECRET });
    const fresh = createCredentialService({
      registrations: createRegistrationRepository({ store: openSettingsStore({ dataDir: fx.dataDir, clock: fx.clock }), clock: fx.clock }),
      vault: fx.vault,
      clock: fx.clock,
      random: cryptoRandom,
      logger: silentLogger,
      dataDir: fx.dataDir,
      fetcher: fx.deps().fetcher,
    });
    const shown = fresh.show(fx.regId);
    expect(shown).toEqual({
      registrationId: fx.regId,
      clientId: 'cid-1',
      receivedAt: fx.clock.now().toISOString(),
      notes: '',
      hasSecret: true,
      identifierLabel: 'Client ID',
      secretIssued: true,
      storedIn: fx.vault.backendName,
      service: fx.vault.service,
      account: secretAccountIn(fx.dataDir, fx.regId, 'cid-1'),
    });
    expect(JSON.stringify(shown)).not.toContain(SECRET);
    expect(await fresh.reveal(fx.regId)).toBe(SECRET);
  });

  it('show is null without credentials; reveal and delete say NOT_FOUND; unknown registrations are NOT_FOUND', async () => {
    expect(service.show(fx.regId)).toBeNull();
    expect((await rejection(service.reveal(fx.regId))).code).toBe('NOT_FOUND');
    expect((await rejection(service.delete(fx.regId, { confirm: true }))).code).toBe('NOT_FOUND');
    expect((await rejection(service.save('no-such-reg', { clientId: 'x', secret: SECRET }))).code).toBe('NOT_FOUND');
    expect(() => service.show('no-such-reg')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('reports a keychain item deleted behind our back as KEYCHAIN_ITEM_MISSING', async () => {
    await service.save(fx.regId, { clientId: 'cid-1', secret: SECRET });
    await fx.vault.delete(secretAccountIn(fx.dataDir, fx.regId, 'cid-1'));
    const error = await rejection(service.reveal(fx.regId));
    expect(error.code).toBe('KEYCHAIN_ITEM_MISSING');
    expect(error.message).toContain(secretAccountIn(fx.dataDir, fx.regId, 'cid-1'));
  });

  it('validates input before touching anything, and never echoes the secret in errors', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ clientId: '   ', secret: SECRET }, 'clientId'],
      [{ clientId: 'a'.repeat(513), secret: SECRET }, 'clientId'],
      [{ clientId: 'abc\ndef', secret: SECRET }, 'clientId'],
      [{ clientId: 'abc', secret: '' }, 'secret'],
      [{ clientId: 'abc', secret: 'x'.repeat(1025) }, 'secret'],
      [{ clientId: 'abc', secret: SECRET, receivedAt: 'not a date' }, 'receivedAt'],
    ];
    for (const [input, field] of cases) {
      const error = await rejection(service.save(fx.regId, input as never));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details).toEqual({ field });
      expect(JSON.stringify(error.toPayload())).not.toContain(SECRET);
    }
    expect(await service.save(fx.regId, { clientId: 'a'.repeat(512), secret: 'x'.repeat(1024) })).toMatchObject({ hasSecret: true });
    expect(fx.store.read().registrations[fx.regId]!.credentials?.clientId).toHaveLength(512);
    expect(await service.reveal(fx.regId)).toBe('x'.repeat(1024));
  });

  it('documents the account names it uses', () => {
    expect(KEYCHAIN_ACCOUNTS).toContain('client-secret:<folder id>:<registration id>:<client id>');
    expect(KEYCHAIN_ACCOUNTS).toContain('key:<folder id>:<registration id>:<kid>');
    expect(clientSecretAccount('fid', 'reg', 'c'.repeat(300))).toBe(`client-secret:fid:reg:${'c'.repeat(200)}...`);
  });
});

describe('replace and delete', () => {
  it('refuses a second save without confirmation, then replaces with it (a new Client ID moves the item)', async () => {
    await service.save(fx.regId, { clientId: 'old-client', secret: SECRET });
    expect((await rejection(service.save(fx.regId, { clientId: 'new-client', secret: NEW_SECRET }))).code).toBe('ALREADY_EXISTS');
    expect((await rejection(service.replace(fx.regId, { clientId: 'new-client', secret: NEW_SECRET }, {} as never))).code).toBe('CONFIRMATION_REQUIRED');
    expect(await service.reveal(fx.regId)).toBe(SECRET);

    const replaced = await service.replace(fx.regId, { clientId: 'new-client', secret: NEW_SECRET }, { confirm: true });
    expect(replaced).toMatchObject({ clientId: 'new-client', replaced: true, warnings: [] });
    expect(await fx.vault.get(secretAccountIn(fx.dataDir, fx.regId, 'new-client'))).toBe(NEW_SECRET);
    expect(await fx.vault.get(secretAccountIn(fx.dataDir, fx.regId, 'old-client'))).toBeUndefined();
    expect(await service.reveal(fx.regId)).toBe(NEW_SECRET);
    await expectNoSecretOnDisk(SECRET);
    await expectNoSecretOnDisk(NEW_SECRET);
  });

  it('replaces the secret in place when the Client ID stays the same', async () => {
    await service.save(fx.regId, { clientId: 'same', secret: SECRET });
    await service.replace(fx.regId, { clientId: 'same', secret: NEW_SECRET, notes: 'rotated' }, { confirm: true });
    expect(await fx.vault.get(secretAccountIn(fx.dataDir, fx.regId, 'same'))).toBe(NEW_SECRET);
    expect(service.show(fx.regId)?.notes).toBe('rotated');
  });

  it('deletes only with confirmation: the keychain item and the record both go', async () => {
    await service.save(fx.regId, { clientId: 'cid', secret: SECRET });
    expect((await rejection(service.delete(fx.regId, undefined as never))).code).toBe('CONFIRMATION_REQUIRED');
    expect(await fx.vault.get(secretAccountIn(fx.dataDir, fx.regId, 'cid'))).toBe(SECRET);
    expect(await service.delete(fx.regId, { confirm: true })).toEqual({ registrationId: fx.regId, clientId: 'cid', keychainItemRemoved: true });
    expect(await fx.vault.get(secretAccountIn(fx.dataDir, fx.regId, 'cid'))).toBeUndefined();
    expect(service.show(fx.regId)).toBeNull();
    expect(fx.store.read().registrations[fx.regId]!.credentials).toBeUndefined();
  });

  it('serialises concurrent saves: exactly one wins, the other is ALREADY_EXISTS, and the keychain matches the record', async () => {
    const outcomes = await Promise.allSettled([
      service.save(fx.regId, { clientId: 'first', secret: SECRET }),
      service.save(fx.regId, { clientId: 'second', secret: NEW_SECRET }),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const winner = service.show(fx.regId)!;
    expect(await service.reveal(fx.regId)).toBe(winner.clientId === 'first' ? SECRET : NEW_SECRET);
    const loser = winner.clientId === 'first' ? 'second' : 'first';
    expect(await fx.vault.get(secretAccountIn(fx.dataDir, fx.regId, loser))).toBeUndefined();
  });
});

describe('nothing half-saved', () => {
  async function withFaults(ops: VaultOp[]): Promise<CredentialService> {
    return fx.service({ vault: faultyVault(fx.vault, new Set(ops)) });
  }

  it.each<VaultOp[]>([['get'], ['set'], ['get', 'set', 'delete']])('keychain failing on %j: typed error with guidance, no record, no item', async (...ops) => {
    const broken = await withFaults(ops);
    const error = await rejection(broken.save(fx.regId, { clientId: 'cid', secret: SECRET }));
    expect(error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(error.message).toMatch(/^Nothing was changed\./);
    expect(fx.store.read().registrations[fx.regId]!.credentials).toBeUndefined();
    expect(await fx.vault.get(secretAccountIn(fx.dataDir, fx.regId, 'cid'))).toBeUndefined();
  });

  it('a failed replace (keychain gone) leaves the earlier secret and record untouched', async () => {
    await service.save(fx.regId, { clientId: 'cid', secret: SECRET });
    const before = fx.store.read().registrations[fx.regId];
    for (const ops of [['get'], ['set']] as VaultOp[][]) {
      const error = await rejection((await withFaults(ops)).replace(fx.regId, { clientId: 'cid', secret: NEW_SECRET }, { confirm: true }));
      expect(error.code).toBe('KEYCHAIN_UNAVAILABLE');
      const other = await rejection((await withFaults(ops)).replace(fx.regId, { clientId: 'other', secret: NEW_SECRET }, { confirm: true }));
      expect(other.code).toBe('KEYCHAIN_UNAVAILABLE');
    }
    expect(fx.store.read().registrations[fx.regId]).toEqual(before);
    expect(await service.reveal(fx.regId)).toBe(SECRET);
    expect(await fx.vault.get(secretAccountIn(fx.dataDir, fx.regId, 'other'))).toBeUndefined();
  });

  it('a failed first save (settings not writable) removes the new keychain item again', async () => {
    fx.backend.failWrites.on = true;
    const error = await rejection(service.save(fx.regId, { clientId: 'cid', secret: SECRET }));
    expect(error.code).toBe('STORAGE_WRITE_FAILED');
    expect(await fx.vault.get(secretAccountIn(fx.dataDir, fx.regId, 'cid'))).toBeUndefined();
    expect(fx.store.read().registrations[fx.regId]!.credentials).toBeUndefined();
  });

  it('a failed replace (settings not writable) restores the previous secret, with the same or a new Client ID', async () => {
    await service.save(fx.regId, { clientId: 'cid', secret: SECRET });
    fx.backend.failWrites.on = true;
    expect((await rejection(service.replace(fx.regId, { clientId: 'cid', secret: NEW_SECRET }, { confirm: true }))).code).toBe('STORAGE_WRITE_FAILED');
    expect(await fx.vault.get(secretAccountIn(fx.dataDir, fx.regId, 'cid'))).toBe(SECRET);
    expect((await rejection(service.replace(fx.regId, { clientId: 'new-cid', secret: NEW_SECRET }, { confirm: true }))).code).toBe('STORAGE_WRITE_FAILED');
    expect(await fx.vault.get(secretAccountIn(fx.dataDir, fx.regId, 'cid'))).toBe(SECRET);
    expect(await fx.vault.get(secretAccountIn(fx.dataDir, fx.regId, 'new-cid'))).toBeUndefined();
    fx.backend.failWrites.on = false;
    expect(service.show(fx.regId)?.clientId).toBe('cid');
    expect(await service.reveal(fx.regId)).toBe(SECRET);
  });

  it('a failed delete (keychain gone or settings not writable) keeps both the item and the record', async () => {
    await service.save(fx.regId, { clientId: 'cid', secret: SECRET });
    expect((await rejection((await withFaults(['delete'])).delete(fx.regId, { confirm: true }))).code).toBe('KEYCHAIN_UNAVAILABLE');
    fx.backend.failWrites.on = true;
    expect((await rejection(service.delete(fx.regId, { confirm: true }))).code).toBe('STORAGE_WRITE_FAILED');
    fx.backend.failWrites.on = false;
    expect(service.show(fx.regId)?.clientId).toBe('cid');
    expect(await service.reveal(fx.regId)).toBe(SECRET);
  });

  it('keeps the new credentials and warns when only the old item under a previous Client ID cannot be removed', async () => {
    await service.save(fx.regId, { clientId: 'old', secret: SECRET });
    const result = await (await withFaults(['delete'])).replace(fx.regId, { clientId: 'new', secret: NEW_SECRET }, { confirm: true });
    expect(result.warnings).toEqual([expect.stringContaining(secretAccountIn(fx.dataDir, fx.regId, 'old'))]);
    expect(await service.reveal(fx.regId)).toBe(NEW_SECRET);
  });
});
