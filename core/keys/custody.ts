/**
 * Envelope custody of private keys (ARCHITECTURE §5): a random 256-bit data key per
 * key pair in the OS keychain, the PKCS#8 DER AES-256-GCM-encrypted in a 0600 file.
 * Passphrase mode replaces the keychain item with an scrypt-derived key.
 *
 * Ordering guarantees: the keychain item is written first (failure → nothing on disk);
 * if the file write then fails the item is deleted again (no orphans). A file that
 * fails authentication is renamed `*.quarantined-<timestamp>` and reported as
 * `SECRET_TAMPERED`; nothing half-decoded ever leaves this module.
 */
import { createHash, createPrivateKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { AppError, isAppError } from '../../contract/errors';
import type { Clock, Random, SecretVault } from '../ports';
import { AES_256_KEY_BYTES, GCM_IV_BYTES, gcmOpen, gcmSeal } from '../crypto/aes-gcm';
import { DEFAULT_SCRYPT_PARAMS, deriveScrypt, type ScryptParams } from '../crypto/scrypt';
import type { SigningAlg } from './algorithms';
import { writeFileAtomic, type FileOps } from '../storage/atomic-file';
import { assembleKeyFile, encodeKeyFileHeader, keyFileAad, parseKeyFile, type KeyFileHeader } from './key-file';

/** Keychain account of the data key of one key pair. Documented in the README as an item users may see. */
export function dataKeyAccount(registrationId: string, kid: string): string {
  return `key:${registrationId}:${kid}`;
}

const REGISTRATION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Throws `VALIDATION_FAILED` unless `registrationId` is safe as a single path segment. */
export function assertRegistrationId(registrationId: string): void {
  if (!REGISTRATION_ID.test(registrationId) || registrationId.includes('..')) {
    throw new AppError('VALIDATION_FAILED', 'A registration id may contain only letters, digits, ".", "_" and "-".', {
      details: { field: 'registrationId' },
    });
  }
}

/** Directory holding the key files of one registration. */
export function registrationKeyDir(dataDir: string, registrationId: string): string {
  assertRegistrationId(registrationId);
  return join(dataDir, 'keys', registrationId);
}

/** Path of the key file of `kid`; the name is a hash of the kid so any kid is a safe file name. */
export function keyFilePath(dataDir: string, registrationId: string, kid: string): string {
  const hash = createHash('sha256').update(kid, 'utf8').digest('base64url');
  return join(registrationKeyDir(dataDir, registrationId), `${hash}.key`);
}

/** How a key file is protected. */
export type Protection = { mode: 'keychain' } | { mode: 'passphrase'; passphrase: string };

/** What custody needs from the outside world. */
export interface CustodyDeps {
  dataDir: string;
  vault: SecretVault;
  clock: Clock;
  random: Random;
  files: FileOps;
  /** scrypt cost for new passphrase-mode files. */
  scryptParams?: ScryptParams;
}

const KEY_FILE_MODE = 0o600;
const KEY_DIR_MODE = 0o700;

function b64u(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

function fromB64u(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64url'));
}

function keychainUnavailable(vault: SecretVault, cause: unknown): AppError {
  if (isAppError(cause) && cause.code === 'KEYCHAIN_UNAVAILABLE') return cause;
  return new AppError('KEYCHAIN_UNAVAILABLE', `The ${vault.backendName} could not be used; nothing was saved. Unlock it, or use passphrase mode.`, {
    cause,
    details: { backend: vault.backendName },
  });
}

async function passphraseKey(passphrase: string, salt: Uint8Array, params: ScryptParams): Promise<{ key: Uint8Array; check: Uint8Array }> {
  // 64 bytes: the first half encrypts, the second half is a stored check value.
  // scrypt's output blocks are independent PBKDF2 blocks, so the check reveals nothing about the key half.
  const derived = await deriveScrypt(passphrase, salt, params, 64);
  return { key: derived.subarray(0, 32), check: derived.subarray(32) };
}

async function fileExists(files: FileOps, path: string): Promise<boolean> {
  try {
    await files.readFile(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Encrypts and stores `pkcs8Der` for (registrationId, kid). Throws `ALREADY_EXISTS`
 * when a key file for the kid exists (never overwrites a stored key),
 * `KEYCHAIN_UNAVAILABLE` (nothing written) or `STORAGE_WRITE_FAILED` (keychain item removed again).
 */
export async function storePrivateKey(
  deps: CustodyDeps,
  registrationId: string,
  kid: string,
  alg: SigningAlg,
  pkcs8Der: Uint8Array,
  protection: Protection,
  onPhase: (phase: 'encrypting' | 'storing') => void = () => undefined,
): Promise<void> {
  const path = keyFilePath(deps.dataDir, registrationId, kid);
  if (await fileExists(deps.files, path)) {
    throw new AppError('ALREADY_EXISTS', 'A key with this key ID is already stored for this registration.', {
      details: { kid },
    });
  }
  onPhase('encrypting');
  const iv = deps.random.bytes(GCM_IV_BYTES);
  let key: Uint8Array;
  let header: KeyFileHeader;
  const base = { format: 'oidc-onboard-key', v: 1, alg, kid, content: 'pkcs8-der', iv: b64u(iv) } as const;
  if (protection.mode === 'keychain') {
    key = deps.random.bytes(AES_256_KEY_BYTES);
    header = { ...base, mode: 'keychain' };
  } else {
    const params = deps.scryptParams ?? DEFAULT_SCRYPT_PARAMS;
    const salt = deps.random.bytes(16);
    const derived = await passphraseKey(protection.passphrase, salt, params);
    key = derived.key;
    header = { ...base, mode: 'passphrase', kdf: { name: 'scrypt', params, salt: b64u(salt), check: b64u(derived.check) } };
  }
  const headerBytes = encodeKeyFileHeader(header);
  const sealed = gcmSeal(key, iv, pkcs8Der, keyFileAad(registrationId, kid, headerBytes));
  const fileBytes = assembleKeyFile(headerBytes, sealed.ciphertext, sealed.tag);

  onPhase('storing');
  const account = dataKeyAccount(registrationId, kid);
  if (protection.mode === 'keychain') {
    // Keychain first: if it is locked or missing we must fail before anything reaches the disk.
    try {
      await deps.vault.set(account, b64u(key));
    } catch (error) {
      throw keychainUnavailable(deps.vault, error);
    } finally {
      key.fill(0);
    }
  }
  try {
    await deps.files.mkdir(registrationKeyDir(deps.dataDir, registrationId), KEY_DIR_MODE);
    await writeFileAtomic(deps.files, path, fileBytes, KEY_FILE_MODE);
  } catch (error) {
    if (protection.mode === 'keychain') {
      // Roll back so no keychain item outlives a key that was never stored.
      await deps.vault.delete(account).catch(() => undefined);
    }
    throw new AppError('STORAGE_WRITE_FAILED', 'The encrypted key file could not be written; nothing was kept.', {
      cause: error,
      details: { reason: (error as NodeJS.ErrnoException).code ?? 'unknown' },
    });
  }
}

/** Unlock material for passphrase-mode keys. */
export interface Unlock {
  passphrase?: string;
}

async function quarantine(deps: CustodyDeps, path: string, kid: string, why: string): Promise<never> {
  const stamp = deps.clock.now().toISOString().replace(/[:.]/g, '-');
  const target = `${path}.quarantined-${stamp}`;
  let quarantined = true;
  try {
    await deps.files.rename(path, target);
  } catch {
    quarantined = false;
  }
  throw new AppError('SECRET_TAMPERED', `The stored private key for ${kid} failed its integrity check (${why}) and was set aside. Import a backup or generate a new key.`, {
    details: { kid, quarantined, quarantinePath: quarantined ? target : undefined },
  });
}

/**
 * Decrypts the private key of (registrationId, kid) into an in-process `KeyObject`.
 * Throws `SECRET_TAMPERED` (file quarantined), `KEYCHAIN_ITEM_MISSING`, `KEYCHAIN_UNAVAILABLE`,
 * `PASSPHRASE_REQUIRED`, `PASSPHRASE_INCORRECT` or `STORAGE_CORRUPT` (file missing).
 */
export async function loadPrivateKey(deps: CustodyDeps, registrationId: string, kid: string, unlock: Unlock = {}): Promise<KeyObject> {
  const path = keyFilePath(deps.dataDir, registrationId, kid);
  let bytes: Uint8Array;
  try {
    bytes = await deps.files.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError('STORAGE_CORRUPT', `The encrypted key file for ${kid} is missing or unreadable.`, {
      cause: error,
      details: { kid, reason: code ?? 'unknown' },
    });
  }
  const parsed = parseKeyFile(bytes);
  if (!parsed) return quarantine(deps, path, kid, 'not a key file');
  if (parsed.header.kid !== kid) return quarantine(deps, path, kid, 'belongs to another key');

  let key: Uint8Array;
  if (parsed.header.mode === 'keychain') {
    let stored: string | undefined;
    try {
      stored = await deps.vault.get(dataKeyAccount(registrationId, kid));
    } catch (error) {
      throw keychainUnavailable(deps.vault, error);
    }
    if (stored === undefined) {
      throw new AppError('KEYCHAIN_ITEM_MISSING', `The ${deps.vault.backendName} has no data key for ${kid}; the key file cannot be opened without it.`, {
        details: { kid, account: dataKeyAccount(registrationId, kid) },
      });
    }
    key = fromB64u(stored);
  } else {
    const kdf = parsed.header.kdf;
    if (!kdf) return quarantine(deps, path, kid, 'missing passphrase parameters');
    if (unlock.passphrase === undefined) {
      throw new AppError('PASSPHRASE_REQUIRED', `The private key ${kid} is protected by a passphrase.`, { details: { kid } });
    }
    const derived = await passphraseKey(unlock.passphrase, fromB64u(kdf.salt), kdf.params);
    const expected = fromB64u(kdf.check);
    if (expected.length !== derived.check.length || !timingSafeEqual(expected, derived.check)) {
      throw new AppError('PASSPHRASE_INCORRECT', 'The passphrase is not correct.', { details: { kid } });
    }
    key = derived.key;
  }

  const plaintext = gcmOpen(key, fromB64u(parsed.header.iv), parsed.ciphertext, parsed.tag, keyFileAad(registrationId, kid, parsed.headerBytes));
  key.fill(0);
  if (!plaintext) return quarantine(deps, path, kid, 'authentication failed');
  try {
    return createPrivateKey({ key: Buffer.from(plaintext), format: 'der', type: 'pkcs8' });
  } catch {
    // Authenticated but not a key: written by a broken build; same treatment as tampering.
    return quarantine(deps, path, kid, 'content is not a private key');
  } finally {
    plaintext.fill(0);
  }
}

/**
 * Deletes the key file and (keychain custody) the keychain item of (registrationId, kid).
 * Missing parts are not an error; the result says what was there.
 */
export async function deletePrivateKey(
  deps: CustodyDeps,
  registrationId: string,
  kid: string,
  custody: 'keychain' | 'passphrase',
): Promise<{ fileRemoved: boolean; keychainItemRemoved: boolean }> {
  const path = keyFilePath(deps.dataDir, registrationId, kid);
  let fileRemoved = true;
  try {
    await deps.files.unlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new AppError('STORAGE_WRITE_FAILED', `The key file for ${kid} could not be deleted.`, { cause: error, details: { kid } });
    }
    fileRemoved = false;
  }
  if (custody === 'passphrase') return { fileRemoved, keychainItemRemoved: false };
  let keychainItemRemoved: boolean;
  try {
    keychainItemRemoved = await deps.vault.delete(dataKeyAccount(registrationId, kid));
  } catch (error) {
    throw keychainUnavailable(deps.vault, error);
  }
  return { fileRemoved, keychainItemRemoved };
}
