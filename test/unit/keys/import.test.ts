import { execFile } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compactVerify, importJWK, CompactEncrypt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../contract/errors';
import { jwkThumbprint, type KeyPolicy, type KeyRecord, type KeyService } from '../../../core/keys';
import { exportEncryptedPkcs8Pem } from '../../../core/keys/encrypted-pkcs8';
import { cryptoRandom } from '../../../core/ports/system';
import vector from '../../fixtures/keys/rfc7520-rsa-v15-signature.json' with { type: 'json' };
import { policy, service, tempDir, testVault } from './helpers';

const PASS = 'Tangerine-Lighthouse-47-Orbit';

let dir: Awaited<ReturnType<typeof tempDir>>;
let svc: KeyService;
let counter = 0;
const reg = () => `reg-import-${(counter += 1)}`;

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const ec384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });

beforeAll(async () => {
  dir = await tempDir();
  svc = service(dir.path, testVault());
});
afterAll(async () => {
  await dir.cleanup();
});

async function openssl(args: string[], input?: string): Promise<string> {
  const child = execFile('openssl', args, { cwd: dir.path });
  if (input !== undefined) child.stdin?.end(input);
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await new Promise<void>((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`openssl ${args[0]} exited ${code}`)))));
  return out;
}

async function expectSigns(registrationId: string, record: KeyRecord, expectedThumbprint: string) {
  expect(record.thumbprint).toBe(expectedThumbprint);
  const jws = await svc.sign(registrationId, record, 'imported');
  await compactVerify(jws, await importJWK(record.publicJwk, record.alg));
}

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; message: string } | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => (e instanceof AppError ? { code: e.code, message: e.message } : { code: 'non-AppError', message: String(e) }),
  );
}

const thumb = async (key: typeof rsa.privateKey) => jwkThumbprint(key.export({ format: 'jwk' }));

describe('import: accepted formats', () => {
  it('PKCS#1 RSA PEM', async () => {
    const r = reg();
    const pem = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(pem).toMatch(/BEGIN RSA PRIVATE KEY/);
    const { record } = await svc.importPrivate(r, { input: pem, policy });
    expect(record).toMatchObject({ alg: 'RS256', kty: 'RSA', size: 2048, state: 'next', custody: 'keychain' });
    await expectSigns(r, record, await thumb(rsa.privateKey));
  });

  it('PKCS#8 PEM (RSA and EC), with the algorithm chosen by the caller or from the curve', async () => {
    const r = reg();
    const pem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const { record } = await svc.importPrivate(r, { input: pem, policy, alg: 'PS512' });
    expect(record.alg).toBe('PS512');
    await expectSigns(r, record, await thumb(rsa.privateKey));
    const ecPem = ec384.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const ecRecord = (await svc.importPrivate(r, { input: ecPem, policy })).record;
    expect(ecRecord).toMatchObject({ alg: 'ES384', kty: 'EC', crv: 'P-384' });
    await expectSigns(r, ecRecord, await thumb(ec384.privateKey));
  });

  it('SEC1 EC PEM as written by openssl ecparam (with its EC PARAMETERS block)', async () => {
    const r = reg();
    const pem = await openssl(['ecparam', '-name', 'prime256v1', '-genkey']);
    expect(pem).toMatch(/BEGIN EC PARAMETERS[\s\S]*BEGIN EC PRIVATE KEY/);
    const { record } = await svc.importPrivate(r, { input: pem, policy });
    expect(record.alg).toBe('ES256');
    await expectSigns(r, record, await jwkThumbprint(createPrivateKey(pem).export({ format: 'jwk' })));
  });

  it("encrypted PKCS#8 as written by Node (PBKDF2 2048 iterations)", async () => {
    const r = reg();
    const pem = ec256.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASS }).toString();
    const { record } = await svc.importPrivate(r, { input: pem, passphrase: PASS, policy });
    await expectSigns(r, record, await thumb(ec256.privateKey));
  });

  it('encrypted PKCS#8 as written by OpenSSL (pkcs8 -topk8 -v2 aes-256-cbc, and scrypt)', async () => {
    const plain = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const extra of [['-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA256'], ['-scrypt']]) {
      const r = reg();
      const pem = await openssl(['pkcs8', '-topk8', ...extra, '-passout', `pass:${PASS}`], plain);
      expect(pem).toMatch(/BEGIN ENCRYPTED PRIVATE KEY/);
      const { record } = await svc.importPrivate(r, { input: pem, passphrase: PASS, policy });
      await expectSigns(r, record, await thumb(rsa.privateKey));
    }
  }, 30_000);

  it('legacy OpenSSL-encrypted PKCS#1 (Proc-Type: 4,ENCRYPTED)', async () => {
    const r = reg();
    const pem = rsa.privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASS }).toString();
    expect(pem).toMatch(/Proc-Type: 4,ENCRYPTED/);
    const { record } = await svc.importPrivate(r, { input: pem, passphrase: PASS, policy });
    await expectSigns(r, record, await thumb(rsa.privateKey));
  });

  it('our own encrypted PKCS#8 export round-trips', async () => {
    const r = reg();
    const pem = await exportEncryptedPkcs8Pem(ec256.privateKey, PASS, cryptoRandom);
    const { record } = await svc.importPrivate(r, { input: pem, passphrase: PASS, policy });
    await expectSigns(r, record, await thumb(ec256.privateKey));
  });

  it('private JWK (keeps its kid and alg) and a one-key JWK Set', async () => {
    const r = reg();
    const { record } = await svc.importPrivate(r, { input: JSON.stringify(vector.key), policy });
    expect(record.kid).toBe(vector.key.kid);
    expect(record.alg).toBe('RS256');
    const jwk = { ...ec256.privateKey.export({ format: 'jwk' }), alg: 'ES256' };
    const fromSet = (await svc.importPrivate(r, { input: JSON.stringify({ keys: [jwk] }), policy })).record;
    expect(fromSet.kid).toBe(fromSet.thumbprint);
    await expectSigns(r, fromSet, await thumb(ec256.privateKey));
  });

  it('our own JWE export, and the kid given by the caller wins', async () => {
    const source = reg();
    const original = (await svc.generate(source, { alg: 'ES256', policy })).record;
    const jwe = await svc.exportPrivate(source, original, 'jwe-private-jwk', PASS);
    const r = reg();
    const { record } = await svc.importPrivate(r, { input: jwe, passphrase: PASS, policy, kid: 'restored-1' });
    expect(record.kid).toBe('restored-1');
    await expectSigns(r, record, original.thumbprint);
  }, 30_000);
});

describe('import: refusals', () => {
  const restrictive: KeyPolicy = { allowedAlgs: ['RS512'], allowedRsaSizes: [2048, 4096], allowedCurves: [] };

  it('public-only input → KEY_INVALID "this is a public key" (SPKI, PKCS#1 public, certificate, public JWK)', async () => {
    const cert = await openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', '/dev/null', '-subj', '/CN=test', '-days', '1']);
    expect(cert).toMatch(/BEGIN CERTIFICATE/);
    const inputs = [
      rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      cert,
      JSON.stringify(ec256.publicKey.export({ format: 'jwk' })),
      JSON.stringify({ keys: [rsa.publicKey.export({ format: 'jwk' })] }),
    ];
    for (const input of inputs) {
      const error = await codeOf(svc.importPrivate(reg(), { input, policy }));
      expect(error?.code).toBe('KEY_INVALID');
      expect(error?.message).toMatch(/this is a public key/i);
    }
  });

  it('RSA below 2048 bits → KEY_INVALID', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const error = await codeOf(svc.importPrivate(reg(), { input: small.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), policy }));
    expect(error?.code).toBe('KEY_INVALID');
    expect(error?.message).toMatch(/2048/);
  });

  it('a curve we do not support (P-521) or a non-RSA/EC key (Ed25519) → KEY_INVALID', async () => {
    const p521 = generateKeyPairSync('ec', { namedCurve: 'secp521r1' });
    const ed = generateKeyPairSync('ed25519');
    for (const key of [p521.privateKey, ed.privateKey]) {
      expect((await codeOf(svc.importPrivate(reg(), { input: key.export({ type: 'pkcs8', format: 'pem' }).toString(), policy })))?.code).toBe('KEY_INVALID');
    }
  });

  it('a key that does not fit the algorithm → KEY_INVALID; one the profile forbids → UNSUPPORTED_ALGORITHM', async () => {
    const rsaPem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const ecPem = ec256.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect((await codeOf(svc.importPrivate(reg(), { input: rsaPem, policy, alg: 'ES256' })))?.code).toBe('KEY_INVALID');
    expect((await codeOf(svc.importPrivate(reg(), { input: ecPem, policy, alg: 'ES384' })))?.code).toBe('KEY_INVALID');
    expect((await codeOf(svc.importPrivate(reg(), { input: ecPem, policy: restrictive })))?.code).toBe('UNSUPPORTED_ALGORITHM');
    expect((await codeOf(svc.importPrivate(reg(), { input: ecPem, policy: { ...policy, allowedCurves: ['P-384'] } })))?.code).toBe('UNSUPPORTED_ALGORITHM');
    expect((await codeOf(svc.importPrivate(reg(), { input: rsaPem, policy: restrictive, alg: 'RS256' })))?.code).toBe('UNSUPPORTED_ALGORITHM');
    // Without an explicit alg, an RSA key takes the profile's RSA algorithm.
    const r = reg();
    expect((await svc.importPrivate(r, { input: rsaPem, policy: restrictive })).record.alg).toBe('RS512');
  });

  it('encrypted input: no passphrase → PASSPHRASE_REQUIRED; wrong one → PASSPHRASE_INCORRECT (PEM and JWE)', async () => {
    const node = ec256.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASS }).toString();
    const legacy = rsa.privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASS }).toString();
    const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(ec256.privateKey.export({ format: 'jwk' }))))
      .setProtectedHeader({ alg: 'PBES2-HS512+A256KW', enc: 'A256GCM' })
      .setKeyManagementParameters({ p2c: 10_000 })
      .encrypt(new TextEncoder().encode(PASS));
    for (const input of [node, legacy, jwe]) {
      expect((await codeOf(svc.importPrivate(reg(), { input, policy })))?.code).toBe('PASSPHRASE_REQUIRED');
      for (const wrong of ['wrong-passphrase-1', 'x', PASS.toLowerCase()]) {
        expect((await codeOf(svc.importPrivate(reg(), { input, passphrase: wrong, policy })))?.code).toBe('PASSPHRASE_INCORRECT');
      }
    }
  });

  it('garbage, broken PEM, broken JSON, symmetric JWK, malformed JWK → KEY_INVALID', async () => {
    const inputs = [
      'hello',
      '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
      '-----BEGIN PRIVATE KEY-----\nMIIEvQ',
      '{"kty":',
      JSON.stringify({ kty: 'oct', k: 'AAAA' }),
      JSON.stringify({ kty: 'RSA', n: 'AQAB', e: 'AQAB', d: 'AQAB' }),
      JSON.stringify({ keys: [] }),
      '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n',
      'x'.repeat(100_000),
    ];
    for (const input of inputs) {
      expect((await codeOf(svc.importPrivate(reg(), { input, policy })))?.code, input.slice(0, 40)).toBe('KEY_INVALID');
    }
  });

  it('nothing is stored for a refused import', async () => {
    const r = reg();
    await codeOf(svc.importPrivate(r, { input: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(), policy }));
    await expect(readFile(join(dir.path, 'keys', r))).rejects.toThrow();
  });
});
