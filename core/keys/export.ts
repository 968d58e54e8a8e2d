/**
 * Export formats: public ones (JWKS, SPKI PEM) computed from the record alone, and
 * passphrase-encrypted private ones (PKCS#8 PEM, JWE) for the developer's backend.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { CompactEncrypt } from 'jose';
import { AppError, assertNever } from '../../contract/errors';
import type { Random } from '../ports';
import { exportEncryptedPkcs8Pem, PKCS8_PBKDF2_ITERATIONS } from './encrypted-pkcs8';
import { toJwks, type KeyRecord } from './key-record';
import { assertPassphraseStrong } from './passphrase';

/** Public export formats. */
export type PublicExportFormat = 'jwks' | 'spki-pem';
/** Private (always encrypted) export formats. */
export type PrivateExportFormat = 'pkcs8-encrypted-pem' | 'jwe-private-jwk';
/** Every export format. */
export type ExportFormat = PublicExportFormat | PrivateExportFormat;

/** PBES2 iteration count of the JWE export (RFC 7518 §4.8.1.2 asks for ≥ 1000; we follow OWASP for SHA-512). */
export const JWE_PBES2_COUNT = 600_000;

/** One line of help per export format, for the UI and `--help`. */
export interface ExportFormatDescription {
  format: ExportFormat;
  title: string;
  fileExtension: string;
  containsPrivateKey: boolean;
  description: string;
}

/** What each export format is good for, one sentence each. */
export function describeExportFormats(): ExportFormatDescription[] {
  return [
    {
      format: 'jwks',
      title: 'Public JWK Set (JSON)',
      fileExtension: '.json',
      containsPrivateKey: false,
      description: 'The file to publish at your jwks_uri: public keys only, with kid, use and alg, safe to share.',
    },
    {
      format: 'spki-pem',
      title: 'Public key (PEM)',
      fileExtension: '.pem',
      containsPrivateKey: false,
      description: 'The "BEGIN PUBLIC KEY" text that NHS login asks you to paste into its registration form.',
    },
    {
      format: 'pkcs8-encrypted-pem',
      title: 'Encrypted private key (PKCS#8 PEM)',
      fileExtension: '.p8.pem',
      containsPrivateKey: true,
      description: `The private key for your backend, encrypted with PBKDF2-SHA256 (${PKCS8_PBKDF2_ITERATIONS.toLocaleString('en-GB')} iterations) and AES-256-CBC, readable by OpenSSL, Java, .NET, Python and Node.`,
    },
    {
      format: 'jwe-private-jwk',
      title: 'Encrypted private JWK (JWE)',
      fileExtension: '.jwe',
      containsPrivateKey: true,
      description: `The private key as a JSON Web Key inside a JWE (PBES2-HS512+A256KW, A256GCM, ${JWE_PBES2_COUNT.toLocaleString('en-GB')} iterations), for JOSE libraries such as jose, Nimbus or Microsoft.IdentityModel.`,
    },
  ];
}

/** The public JWK Set of `records` as pretty JSON (public members only, asserted). */
export function exportJwks(records: readonly KeyRecord[]): string {
  return `${JSON.stringify(toJwks(records), null, 2)}\n`;
}

/** The public key of `record` as SPKI PEM ("BEGIN PUBLIC KEY"). */
export function exportSpkiPem(record: KeyRecord): string {
  const key = createPublicKey({ key: { ...record.publicJwk }, format: 'jwk' });
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

/** A public export of one record. */
export function exportPublic(record: KeyRecord, format: PublicExportFormat): string {
  switch (format) {
    case 'jwks':
      return exportJwks([record]);
    case 'spki-pem':
      return exportSpkiPem(record);
    default:
      return assertNever(format, 'export format');
  }
}

/** The private JWK of `privateKey` with the record's kid/alg/use, encrypted as a compact JWE under `passphrase`. */
export async function exportJwePrivateJwk(privateKey: KeyObject, record: KeyRecord, passphrase: string): Promise<string> {
  const jwk = privateKey.export({ format: 'jwk' });
  const plaintext = new TextEncoder().encode(JSON.stringify({ ...jwk, kid: record.kid, use: 'sig', alg: record.alg }));
  try {
    return await new CompactEncrypt(plaintext)
      .setProtectedHeader({ alg: 'PBES2-HS512+A256KW', enc: 'A256GCM', cty: 'jwk+json' })
      .setKeyManagementParameters({ p2c: JWE_PBES2_COUNT })
      .encrypt(new TextEncoder().encode(passphrase.normalize('NFC')));
  } finally {
    plaintext.fill(0);
  }
}

/**
 * Encrypts `privateKey` in a private export format. The passphrase must pass
 * {@link assertPassphraseStrong} (`PASSPHRASE_WEAK` otherwise).
 */
export async function exportPrivateKey(
  privateKey: KeyObject,
  record: KeyRecord,
  format: PrivateExportFormat,
  passphrase: string,
  random: Random,
): Promise<string> {
  if (passphrase.length === 0) throw new AppError('PASSPHRASE_REQUIRED', 'A passphrase is needed to export a private key.');
  assertPassphraseStrong(passphrase);
  switch (format) {
    case 'pkcs8-encrypted-pem':
      return exportEncryptedPkcs8Pem(privateKey, passphrase, random);
    case 'jwe-private-jwk':
      return exportJwePrivateJwk(privateKey, record, passphrase);
    default:
      return assertNever(format, 'export format');
  }
}
