/**
 * Encrypted PKCS#8 (RFC 5958 EncryptedPrivateKeyInfo) with PBES2 (RFC 8018):
 * PBKDF2-HMAC-SHA256 at 600,000 iterations + AES-256-CBC. Node's own
 * `export({ cipher, passphrase })` writes the same structure with only 2,048
 * iterations, so we build the DER ourselves. OpenSSL, Java (PBES2 via
 * `EncryptedPrivateKeyInfo`/BouncyCastle) and .NET (`ImportEncryptedPkcs8PrivateKey`) read it.
 */
import { createCipheriv, pbkdf2, type KeyObject } from 'node:crypto';
import { derInteger, derNull, derOctetString, derOid, derSequence, toPem } from '../crypto/der';
import type { Random } from '../ports';

const OID_PBES2 = '1.2.840.113549.1.5.13';
const OID_PBKDF2 = '1.2.840.113549.1.5.12';
const OID_HMAC_SHA256 = '1.2.840.113549.2.9';
const OID_AES256_CBC = '2.16.840.1.101.3.4.1.42';

/** PBKDF2-HMAC-SHA256 iterations (OWASP 2023 recommendation for SHA-256). */
export const PKCS8_PBKDF2_ITERATIONS = 600_000;

function pbkdf2Sha256(passphrase: string, salt: Uint8Array, iterations: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(Buffer.from(passphrase.normalize('NFC'), 'utf8'), salt, iterations, 32, 'sha256', (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/**
 * Exports `privateKey` as an `ENCRYPTED PRIVATE KEY` PEM. PBKDF2 runs on the threadpool.
 * `iterations` is for tests of the format only; product code uses the default.
 */
export async function exportEncryptedPkcs8Pem(
  privateKey: KeyObject,
  passphrase: string,
  random: Random,
  iterations: number = PKCS8_PBKDF2_ITERATIONS,
): Promise<string> {
  const salt = random.bytes(16);
  const iv = random.bytes(16);
  const key = await pbkdf2Sha256(passphrase, salt, iterations);
  const plain = privateKey.export({ format: 'der', type: 'pkcs8' });
  let encrypted: Buffer;
  try {
    const cipher = createCipheriv('aes-256-cbc', key, iv);
    encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  } finally {
    plain.fill(0);
    key.fill(0);
  }
  const der = derSequence(
    derSequence(
      derOid(OID_PBES2),
      derSequence(
        derSequence(derOid(OID_PBKDF2), derSequence(derOctetString(salt), derInteger(iterations), derSequence(derOid(OID_HMAC_SHA256), derNull()))),
        derSequence(derOid(OID_AES256_CBC), derOctetString(iv)),
      ),
    ),
    derOctetString(encrypted),
  );
  return toPem('ENCRYPTED PRIVATE KEY', der);
}
