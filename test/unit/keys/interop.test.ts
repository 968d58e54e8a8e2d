/**
 * Interoperability of the encrypted PKCS#8 export beyond OpenSSL: the JDK's own
 * EncryptedPrivateKeyInfo and Python's `cryptography`, when they are installed.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createPublicKey, verify } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyRecord, KeyService } from '../../../core/keys';
import { policy, service, tempDir, testVault } from './helpers';

const run = promisify(execFile);
const PASS = 'Tangerine-Lighthouse-47-Orbit';
const REG = 'reg-interop';

function has(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const hasJava = has('java', ['-version']);
const hasPythonCryptography = has('python3', ['-c', 'import cryptography']);

let dir: Awaited<ReturnType<typeof tempDir>>;
let svc: KeyService;
const records: Record<'RSA' | 'EC', KeyRecord> = {} as never;
const pemFiles: Record<'RSA' | 'EC', string> = {} as never;

beforeAll(async () => {
  dir = await tempDir();
  svc = service(dir.path, testVault());
  records.RSA = (await svc.generate(REG, { alg: 'RS256', size: 2048, policy })).record;
  records.EC = (await svc.generate(REG, { alg: 'ES256', policy })).record;
  for (const kty of ['RSA', 'EC'] as const) {
    pemFiles[kty] = join(dir.path, `${kty}.p8.pem`);
    await writeFile(pemFiles[kty], await svc.exportPrivate(REG, records[kty], 'pkcs8-encrypted-pem', PASS), { mode: 0o600 });
  }
}, 60_000);
afterAll(async () => {
  await dir.cleanup();
});

describe.skipIf(!hasJava)('Java (JDK EncryptedPrivateKeyInfo, no BouncyCastle)', () => {
  for (const kty of ['RSA', 'EC'] as const) {
    it(`opens the ${kty} export and signs with the published key`, async () => {
      const source = fileURLToPath(new URL('../../fixtures/keys/OpenEncryptedPkcs8.java', import.meta.url));
      const message = 'interop check';
      const { stdout } = await run('java', [source, pemFiles[kty], PASS, kty, message], { timeout: 60_000 });
      const [scheme, signature] = stdout.trim().split('\n');
      expect(scheme).toBe('PBEWithHmacSHA256AndAES_256');
      const publicKey = createPublicKey({ key: { ...records[kty].publicJwk }, format: 'jwk' });
      expect(verify('sha256', Buffer.from(message), publicKey, Buffer.from(signature!, 'base64'))).toBe(true);
    }, 90_000);
  }
});

describe.skipIf(!hasPythonCryptography)('Python cryptography', () => {
  it('opens both exports and derives the published public keys', async () => {
    const script = [
      'import sys',
      'from cryptography.hazmat.primitives import serialization as s',
      'key = s.load_pem_private_key(open(sys.argv[1], "rb").read(), password=sys.argv[2].encode())',
      'sys.stdout.write(key.public_key().public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo).decode())',
    ].join('\n');
    for (const kty of ['RSA', 'EC'] as const) {
      const { stdout } = await run('python3', ['-c', script, pemFiles[kty], PASS]);
      expect(stdout).toBe(svc.exportPublic(records[kty], 'spki-pem'));
    }
  }, 60_000);
});
