import { execFile } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { compactDecrypt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../contract/errors';
import { describeExportFormats, exportJwks, toJwks, type KeyRecord, type KeyService } from '../../../core/keys';
import { policy, service, tempDir, testVault } from './helpers';

const run = promisify(execFile);
const REG = 'reg-export';
const PASS = 'Tangerine-Lighthouse-47-Orbit';

let dir: Awaited<ReturnType<typeof tempDir>>;
let svc: KeyService;
let rsa: KeyRecord;
let ec: KeyRecord;

beforeAll(async () => {
  dir = await tempDir();
  svc = service(dir.path, testVault());
  rsa = (await svc.generate(REG, { alg: 'PS256', size: 2048, policy })).record;
  ec = (await svc.generate(REG, { alg: 'ES384', policy })).record;
}, 30_000);
afterAll(async () => {
  await dir.cleanup();
});

function spkiOfJwk(record: KeyRecord): string {
  return createPublicKey({ key: { ...record.publicJwk }, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
}

describe('public exports', () => {
  it('JWKS holds only public members, with kid/use/alg', () => {
    const jwks = JSON.parse(exportJwks([rsa, ec])) as { keys: Record<string, unknown>[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual([rsa.kid, ec.kid]);
    for (const key of jwks.keys) {
      for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']) expect(key).not.toHaveProperty(member);
      expect(key.use).toBe('sig');
    }
  });

  it('refuses to publish a record that carries a private member', () => {
    const leaky = { ...rsa, publicJwk: { ...rsa.publicJwk, d: 'AAAA' } } as unknown as KeyRecord;
    expect(() => toJwks([leaky])).toThrow();
  });

  it('SPKI PEM matches the JWK and is what openssl derives', async () => {
    const pem = svc.exportPublic(rsa, 'spki-pem');
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(pem).toBe(spkiOfJwk(rsa));
    const jwks = JSON.parse(svc.exportPublic(ec, 'jwks')) as { keys: unknown[] };
    expect(jwks.keys).toEqual([ec.publicJwk]);
  });
});

describe('encrypted PKCS#8 export', () => {
  for (const which of ['rsa', 'ec'] as const) {
    it(`${which}: openssl opens it with the passphrase and derives the published public key`, async () => {
      const record = which === 'rsa' ? rsa : ec;
      const pem = await svc.exportPrivate(REG, record, 'pkcs8-encrypted-pem', PASS);
      expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
      const file = join(dir.path, `${which}.p8.pem`);
      await writeFile(file, pem, { mode: 0o600 });
      const { stdout } = await run('openssl', ['pkey', '-in', file, '-passin', `pass:${PASS}`, '-pubout']);
      expect(stdout).toBe(spkiOfJwk(record));

      // The structure is PBES2 / PBKDF2-HMAC-SHA256 / 600000 iterations / AES-256-CBC.
      const { stdout: asn1 } = await run('openssl', ['asn1parse', '-in', file]);
      expect(asn1).toMatch(/PBES2/);
      expect(asn1).toMatch(/PBKDF2/);
      expect(asn1).toMatch(/hmacWithSHA256/);
      expect(asn1).toMatch(/aes-256-cbc/);
      expect(asn1).toMatch(/INTEGER\s+:0*927C0\s/); // 600000 = 0x927C0

      await expect(run('openssl', ['pkey', '-in', file, '-passin', 'pass:wrong-passphrase', '-noout'])).rejects.toThrow();
    }, 30_000);
  }

  it('refuses a weak passphrase with PASSPHRASE_WEAK', async () => {
    const error = await svc.exportPrivate(REG, rsa, 'pkcs8-encrypted-pem', 'password1234').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('PASSPHRASE_WEAK');
    const short = await svc.exportPrivate(REG, rsa, 'jwe-private-jwk', 'Xy7#short').catch((e: unknown) => e);
    expect((short as AppError).code).toBe('PASSPHRASE_WEAK');
  });
});

describe('JWE private JWK export', () => {
  it('jose decrypts it with the passphrase into the private JWK of the published key', async () => {
    const jwe = await svc.exportPrivate(REG, ec, 'jwe-private-jwk', PASS);
    const header = decodeProtectedHeader(jwe);
    expect(header).toMatchObject({ alg: 'PBES2-HS512+A256KW', enc: 'A256GCM' });
    expect(header.p2c).toBeGreaterThanOrEqual(600_000);
    const { plaintext } = await compactDecrypt(jwe, new TextEncoder().encode(PASS), {
      keyManagementAlgorithms: ['PBES2-HS512+A256KW'],
      maxPBES2Count: 1_000_000,
    });
    const jwk = JSON.parse(new TextDecoder().decode(plaintext)) as Record<string, string>;
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-384', kid: ec.kid, alg: 'ES384', x: ec.publicJwk.kty === 'EC' ? ec.publicJwk.x : '' });
    expect(typeof jwk.d).toBe('string');
    await expect(compactDecrypt(jwe, new TextEncoder().encode('not the passphrase'), { keyManagementAlgorithms: ['PBES2-HS512+A256KW'], maxPBES2Count: 1_000_000 })).rejects.toThrow();
  }, 30_000);
});

describe('describeExportFormats', () => {
  it('explains every format in one sentence', () => {
    const formats = describeExportFormats();
    expect(formats.map((f) => f.format).sort()).toEqual(['jwe-private-jwk', 'jwks', 'pkcs8-encrypted-pem', 'spki-pem']);
    for (const f of formats) {
      expect(f.description.split(/[.!?](\s|$)/).filter((s) => s.trim().length > 1).length).toBe(1);
    }
  });
});
