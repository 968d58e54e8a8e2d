import { createPrivateKey } from 'node:crypto';
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { compactVerify, importJWK } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError, hasErrorCode } from '../../../contract/errors';
import type { SecretVault } from '../../../core/ports';
import { keyFilePath, nodeFileOps, type KeyRecord } from '../../../core/keys';
import { dataKeyAccountIn } from '../../support/keychain-names';
import { keyFiles, fastScrypt, policy, service, tempDir, testVault } from './helpers';

const REG = 'reg-custody';
let dir: { path: string; cleanup: () => Promise<void> };
let vault: SecretVault;

beforeEach(async () => {
  dir = await tempDir();
  vault = testVault();
});
afterEach(async () => {
  await dir.cleanup();
});

async function verifies(jws: string, record: KeyRecord): Promise<boolean> {
  try {
    await compactVerify(jws, await importJWK(record.publicJwk, record.alg));
    return true;
  } catch {
    return false;
  }
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe('key custody with the real keychain', () => {
  it('stores keys so a freshly built service can sign; no plaintext anywhere; files are 0600', async () => {
    const first = service(dir.path, vault);
    const rsa = (await first.generate(REG, { alg: 'RS256', size: 2048, policy })).record;
    const ec = (await first.generate(REG, { alg: 'ES256', policy })).record;

    // The data key lives in the keychain under the documented account.
    expect(await vault.get(dataKeyAccountIn(dir.path, REG, rsa.kid))).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const fresh = service(dir.path, vault);
    for (const record of [rsa, ec]) {
      const jws = await fresh.sign(REG, record, { sub: 'x' });
      expect(await verifies(jws, record)).toBe(true);
    }

    const files = await keyFiles(dir.path);
    expect(files.length).toBe(2);
    for (const file of files) {
      expect(file.content.includes('PRIVATE KEY')).toBe(false);
      expect(file.content.includes('"d"')).toBe(false);
      expect(file.mode).toBe(0o600);
      expect(file.path.startsWith(`${dir.path}/keys/${REG}/`)).toBe(true);
    }
    // Nor the raw PKCS#8 DER of a known key (a binary copy would have no PEM armour to find).
    const fixture = (await import('../../fixtures/keys/rfc7520-rsa-v15-signature.json', { with: { type: 'json' } })).default.key;
    await first.importPrivate(REG, { input: JSON.stringify(fixture), policy, alg: 'RS256' });
    const der = createPrivateKey({ key: fixture, format: 'jwk' }).export({ format: 'der', type: 'pkcs8' });
    const dBytes = Buffer.from(fixture.d, 'base64url');
    for (const file of await keyFiles(dir.path)) {
      expect(file.content.includes(der.subarray(26, 90))).toBe(false);
      expect(file.content.includes(dBytes.subarray(0, 32))).toBe(false);
      expect(file.content.includes(fixture.d.slice(0, 40))).toBe(false);
    }
  }, 30_000);

  it('uses a hash of the kid as the file name, so odd kids are safe', async () => {
    const svc = service(dir.path, vault);
    const { record, warnings } = await svc.generate(REG, { alg: 'ES256', policy, kid: '../../etc/passwd key/1' });
    expect(warnings.length).toBeGreaterThan(0);
    const path = keyFilePath(dir.path, REG, record.kid);
    expect(path.startsWith(`${dir.path}/keys/${REG}/`)).toBe(true);
    expect(path).toMatch(/\/[A-Za-z0-9_-]{43}\.key$/);
    expect(await verifies(await svc.sign(REG, record, 'hi'), record)).toBe(true);
  });

  describe('tampering', () => {
    async function setUp() {
      const svc = service(dir.path, vault);
      const { record } = await svc.generate(REG, { alg: 'ES256', policy });
      return { svc, record, path: keyFilePath(dir.path, REG, record.kid) };
    }

    async function expectQuarantined(promise: Promise<unknown>, path: string) {
      const error = await expectCode(promise, 'SECRET_TAMPERED');
      expect(error.details?.quarantined).toBe(true);
      const names = (await keyFiles(dir.path)).map((f) => f.path);
      expect(names).not.toContain(path);
      expect(names.some((name) => name.startsWith(`${path}.quarantined-`))).toBe(true);
    }

    it('a flipped ciphertext bit → SECRET_TAMPERED and the file is quarantined', async () => {
      const { svc, record, path } = await setUp();
      const bytes = await readFile(path);
      bytes[bytes.length - 20]! ^= 0x01;
      await writeFile(path, bytes);
      await expectQuarantined(svc.sign(REG, record, 'x'), path);
      // Afterwards the key is simply gone, not half-usable.
      await expectCode(svc.sign(REG, record, 'x'), 'STORAGE_CORRUPT');
    });

    it('a flipped header bit (alg) → SECRET_TAMPERED', async () => {
      const { svc, record, path } = await setUp();
      const text = await readFile(path);
      const edited = Buffer.from(text.toString('latin1').replace('"alg":"ES256"', '"alg":"ES384"'), 'latin1');
      expect(edited.equals(text)).toBe(false);
      await writeFile(path, edited);
      await expectQuarantined(svc.sign(REG, record, 'x'), path);
    });

    it('a truncated file → SECRET_TAMPERED', async () => {
      const { svc, record, path } = await setUp();
      const bytes = await readFile(path);
      await writeFile(path, bytes.subarray(0, bytes.length - 5));
      expect(await svc.verifyCustody(REG, record)).toMatchObject({ ok: false, code: 'SECRET_TAMPERED' });
      const names = (await keyFiles(dir.path)).map((f) => f.path);
      expect(names.some((name) => name.startsWith(`${path}.quarantined-`))).toBe(true);
    });

    it('a file truncated inside its header → SECRET_TAMPERED', async () => {
      const { svc, record, path } = await setUp();
      const bytes = await readFile(path);
      await writeFile(path, bytes.subarray(0, 30));
      await expectQuarantined(svc.sign(REG, record, 'x'), path);
    });

    it("another kid's file swapped in → SECRET_TAMPERED", async () => {
      const { svc, record, path } = await setUp();
      const other = (await svc.generate(REG, { alg: 'ES256', policy })).record;
      await rename(keyFilePath(dir.path, REG, other.kid), path);
      await expectQuarantined(svc.sign(REG, record, 'x'), path);
    });

    it("another registration's file with the same kid → SECRET_TAMPERED (AAD binds the registration)", async () => {
      const svc = service(dir.path, vault);
      const input = JSON.stringify(
        (await import('../../fixtures/keys/rfc7520-rsa-v15-signature.json', { with: { type: 'json' } })).default.key,
      );
      const a = (await svc.importPrivate('reg-a', { input, policy, alg: 'RS256' })).record;
      await svc.importPrivate('reg-b', { input, policy, alg: 'RS256' });
      // Same kid, same key, different data keys: copy reg-b's file and data key over reg-a's.
      await writeFile(keyFilePath(dir.path, 'reg-a', a.kid), await readFile(keyFilePath(dir.path, 'reg-b', a.kid)));
      await vault.set(dataKeyAccountIn(dir.path, 'reg-a', a.kid), (await vault.get(dataKeyAccountIn(dir.path, 'reg-b', a.kid)))!);
      await expectQuarantined(svc.sign('reg-a', a, 'x'), keyFilePath(dir.path, 'reg-a', a.kid));
    });
  });

  it('missing data key → KEYCHAIN_ITEM_MISSING (file kept)', async () => {
    const svc = service(dir.path, vault);
    const { record } = await svc.generate(REG, { alg: 'ES256', policy });
    await vault.delete(dataKeyAccountIn(dir.path, REG, record.kid));
    await expectCode(svc.sign(REG, record, 'x'), 'KEYCHAIN_ITEM_MISSING');
    expect((await keyFiles(dir.path)).length).toBe(1);
    expect(await svc.verifyCustody(REG, record)).toMatchObject({ ok: false, code: 'KEYCHAIN_ITEM_MISSING' });
  });

  it('keychain unavailable on set → KEYCHAIN_UNAVAILABLE and nothing written', async () => {
    const locked: SecretVault = {
      backendName: 'Test keychain',
      service: 'locked',
      get: async () => {
        throw new AppError('KEYCHAIN_UNAVAILABLE', 'locked');
      },
      set: async () => {
        throw new AppError('KEYCHAIN_UNAVAILABLE', 'locked');
      },
      delete: async () => {
        throw new AppError('KEYCHAIN_UNAVAILABLE', 'locked');
      },
    };
    const phases: string[] = [];
    await expectCode(service(dir.path, locked).generate(REG, { alg: 'ES256', policy }, (p) => phases.push(p)), 'KEYCHAIN_UNAVAILABLE');
    expect(await keyFiles(dir.path)).toEqual([]);
    expect(phases).not.toContain('done');
  });

  it('a vault throwing a plain error is reported as KEYCHAIN_UNAVAILABLE', async () => {
    const broken: SecretVault = { ...vault, backendName: 'x', service: 'x', get: vault.get, delete: vault.delete, set: async () => Promise.reject(new Error('dbus gone')) };
    await expectCode(service(dir.path, broken).generate(REG, { alg: 'ES256', policy }), 'KEYCHAIN_UNAVAILABLE');
    expect(await keyFiles(dir.path)).toEqual([]);
  });

  it('a write failing half-way → STORAGE_WRITE_FAILED, no orphan keychain item, no temp file, the previous key still works', async () => {
    const good = service(dir.path, vault);
    const previous = (await good.generate(REG, { alg: 'ES256', policy })).record;

    let orphanAccount: string | undefined;
    const spyVault: SecretVault = {
      ...vault,
      backendName: vault.backendName,
      service: vault.service,
      get: (a) => vault.get(a),
      delete: (a) => vault.delete(a),
      set: async (account, secret) => {
        orphanAccount = account;
        await vault.set(account, secret);
      },
    };
    const failing = service(dir.path, spyVault, {
      files: {
        ...nodeFileOps,
        // Disk full after half the bytes: the temp file exists with partial content, then the write throws.
        async writeNewFileSynced(path, data, mode) {
          await nodeFileOps.writeNewFileSynced(path, data.subarray(0, data.length >> 1), mode);
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        },
      },
    });
    const error = await expectCode(failing.generate(REG, { alg: 'ES256', policy }), 'STORAGE_WRITE_FAILED');
    expect(error.details?.reason).toBe('ENOSPC');
    expect(orphanAccount).toBeDefined();
    expect(await vault.get(orphanAccount!)).toBeUndefined();
    const files = await keyFiles(dir.path);
    expect(files.map((f) => f.path)).toEqual([keyFilePath(dir.path, REG, previous.kid)]);
    expect(await verifies(await good.sign(REG, previous, 'still here'), previous)).toBe(true);
  });

  it('a failing rename → STORAGE_WRITE_FAILED and the temp file is cleaned up', async () => {
    const svc = service(dir.path, vault, {
      files: { ...nodeFileOps, rename: async () => Promise.reject(Object.assign(new Error('EXDEV'), { code: 'EXDEV' })) },
    });
    await expectCode(svc.generate(REG, { alg: 'ES256', policy }), 'STORAGE_WRITE_FAILED');
    expect(await keyFiles(dir.path)).toEqual([]);
  });

  it('a read-only key directory → STORAGE_WRITE_FAILED (skipped as root, which ignores modes)', async () => {
    if (process.getuid?.() === 0) return;
    const svc = service(dir.path, vault);
    const previous = (await svc.generate(REG, { alg: 'ES256', policy })).record;
    await chmod(`${dir.path}/keys/${REG}`, 0o500);
    try {
      await expectCode(svc.generate(REG, { alg: 'ES256', policy }), 'STORAGE_WRITE_FAILED');
    } finally {
      await chmod(`${dir.path}/keys/${REG}`, 0o700);
    }
    expect(await svc.verifyCustody(REG, previous)).toEqual({ ok: true });
  });

  it('refuses to overwrite a stored key with the same kid (ALREADY_EXISTS), leaving it usable', async () => {
    const svc = service(dir.path, vault);
    const first = (await svc.generate(REG, { alg: 'ES256', policy, kid: 'fixed' })).record;
    await expectCode(svc.generate(REG, { alg: 'ES256', policy, kid: 'fixed' }), 'ALREADY_EXISTS');
    expect(await verifies(await svc.sign(REG, first, 'x'), first)).toBe(true);
  });

  it('delete removes the file and the keychain item', async () => {
    const svc = service(dir.path, vault);
    const { record } = await svc.generate(REG, { alg: 'ES256', policy });
    expect(await svc.delete(REG, record)).toEqual({ fileRemoved: true, keychainItemRemoved: true });
    expect(await keyFiles(dir.path)).toEqual([]);
    expect(await vault.get(dataKeyAccountIn(dir.path, REG, record.kid))).toBeUndefined();
    expect(await svc.verifyCustody(REG, record)).toMatchObject({ ok: false, code: 'STORAGE_CORRUPT' });
  });

  it('a record whose public key does not match the stored key is refused', async () => {
    const svc = service(dir.path, vault);
    const a = (await svc.generate(REG, { alg: 'ES256', policy })).record;
    const b = (await svc.generate(REG, { alg: 'ES256', policy })).record;
    const forged: KeyRecord = { ...a, thumbprint: b.thumbprint, publicJwk: { ...b.publicJwk, kid: a.kid } };
    await expectCode(svc.sign(REG, forged, 'x'), 'STORAGE_CORRUPT');
  });

  it('refuses registration ids that are not a single safe path segment', async () => {
    const svc = service(dir.path, vault);
    for (const bad of ['..', '../x', 'a/b', '', '.hidden']) {
      await expectCode(svc.generate(bad, { alg: 'ES256', policy }), 'VALIDATION_FAILED');
    }
  });
});

describe('passphrase custody (no keychain)', () => {
  const noKeychain: SecretVault = {
    backendName: 'none',
    service: 'none',
    get: () => Promise.reject(new AppError('KEYCHAIN_UNAVAILABLE', 'none')),
    set: () => Promise.reject(new AppError('KEYCHAIN_UNAVAILABLE', 'none')),
    delete: () => Promise.reject(new AppError('KEYCHAIN_UNAVAILABLE', 'none')),
  };
  const passphrase = 'correct horse battery staple';

  it('round-trips with the default scrypt cost and never touches the keychain', async () => {
    const svc = service(dir.path, noKeychain);
    const { record } = await svc.generate(REG, { alg: 'ES256', policy, custody: { passphrase } });
    expect(record.custody).toBe('passphrase');
    const header = JSON.parse((await readFile(keyFilePath(dir.path, REG, record.kid))).toString('latin1').split('\n')[0]!);
    expect(header.kdf.params).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const jws = await service(dir.path, noKeychain).sign(REG, record, 'x', { unlock: { passphrase } });
    expect(await verifies(jws, record)).toBe(true);
    expect(await svc.delete(REG, record)).toEqual({ fileRemoved: true, keychainItemRemoved: false });
  }, 30_000);

  it('missing passphrase → PASSPHRASE_REQUIRED; wrong one → PASSPHRASE_INCORRECT (file kept); tampering still detected', async () => {
    const svc = service(dir.path, noKeychain, { scryptParams: fastScrypt });
    const { record } = await svc.generate(REG, { alg: 'ES256', policy, custody: { passphrase } });
    await expectCode(svc.sign(REG, record, 'x'), 'PASSPHRASE_REQUIRED');
    await expectCode(svc.sign(REG, record, 'x', { unlock: { passphrase: 'wrong horse battery staple' } }), 'PASSPHRASE_INCORRECT');
    expect((await keyFiles(dir.path)).length).toBe(1);
    const path = keyFilePath(dir.path, REG, record.kid);
    const bytes = await readFile(path);
    bytes[bytes.length - 1]! ^= 0x80;
    await writeFile(path, bytes);
    await expectCode(svc.sign(REG, record, 'x', { unlock: { passphrase } }), 'SECRET_TAMPERED');
  });

  it('refuses a weak custody passphrase before generating', async () => {
    const error = await service(dir.path, noKeychain).generate(REG, { alg: 'ES256', policy, custody: { passphrase: 'password1234' } }).catch((e: unknown) => e);
    expect(hasErrorCode(error, 'PASSPHRASE_WEAK')).toBe(true);
    expect(await keyFiles(dir.path)).toEqual([]);
  });
});
