/**
 * Envelope custody of private keys (ARCHITECTURE §5): a random 256-bit data key per
 * key pair in the OS keychain, the PKCS#8 DER AES-256-GCM-encrypted in a 0600 file.
 * Passphrase mode replaces the keychain item with an scrypt-derived key.
 *
 * Ordering guarantees: the keychain item is written first (failure → nothing on disk);
 * if the file write then fails the item is deleted again (no orphans). A file that
 * fails authentication is renamed `*.quarantined-<timestamp>` and reported as
 * `SECRET_TAMPERED`; nothing half-decoded ever leaves this module. A keychain item that is not a
 * data key at all is `KEYCHAIN_ITEM_INVALID` and leaves the file alone (it says nothing about it).
 * Keychain items are named per data folder (`key:<folder id>:<registration>:<kid>`, {@link dataKeyAccount}).
 */
import { createHash, createPrivateKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { AppError, errorKind, isAppError } from '../../contract/errors';
import type { Clock, KeychainScope, Random, SecretVault } from '../ports';
import { AES_256_KEY_BYTES, GCM_IV_BYTES, gcmOpen, gcmSeal } from '../crypto/aes-gcm';
import { DEFAULT_SCRYPT_PARAMS, deriveScrypt, type ScryptParams } from '../crypto/scrypt';
import type { SigningAlg } from './algorithms';
import { writeFileAtomic, type FileOps } from '../storage/atomic-file';
import { assembleKeyFile, encodeKeyFileHeader, keyFileAad, parseKeyFile, type KeyFileHeader } from './key-file';

/**
 * Keychain account of the data key of one key pair in the data folder whose installation id is
 * `folderId`. Documented in the README as an item users may see.
 */
export function dataKeyAccount(folderId: string, registrationId: string, kid: string): string {
  return `key:${folderId}:${registrationId}:${kid}`;
}

/** The account versions before the installation id used (shared by every data folder); only the keychain migration reads it. */
export function legacyDataKeyAccount(registrationId: string, kid: string): string {
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
  /** The data folder's keychain names (installation id, migration of old names). */
  keychain: KeychainScope;
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

const DATA_KEY_TEXT = /^[A-Za-z0-9_-]{43}$/;

/**
 * The 32-byte data key a keychain item holds, or `undefined` when the item is anything else
 * (wrong length, not base64url, non-canonical). Node's base64 decoder skips what it does not
 * understand, so the text is checked first and must re-encode to itself.
 */
function decodeDataKey(text: string): Uint8Array | undefined {
  if (!DATA_KEY_TEXT.test(text)) return undefined;
  const key = fromB64u(text);
  if (key.length !== AES_256_KEY_BYTES || b64u(key) !== text) return undefined;
  return key;
}

function keychainUnavailable(vault: SecretVault, cause: unknown): AppError {
  // Keychain and data-folder errors (the installation id) already say what happened.
  if (isAppError(cause) && errorKind(cause.code) === 'environment') return cause;
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
  let account: string | undefined;
  if (protection.mode === 'keychain') {
    // Keychain first: if it is locked or missing we must fail before anything reaches the disk.
    try {
      await deps.keychain.ready();
      account = dataKeyAccount(deps.keychain.folderId(), registrationId, kid);
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
    if (account !== undefined) {
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
 * Throws `SECRET_TAMPERED` (file quarantined), `KEYCHAIN_ITEM_MISSING`, `KEYCHAIN_ITEM_INVALID` (file untouched), `KEYCHAIN_UNAVAILABLE`,
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
    await deps.keychain.ready();
    const account = dataKeyAccount(deps.keychain.folderId(), registrationId, kid);
    let stored: string | undefined;
    try {
      stored = await deps.vault.get(account);
    } catch (error) {
      throw keychainUnavailable(deps.vault, error);
    }
    if (stored === undefined) {
      throw new AppError('KEYCHAIN_ITEM_MISSING', `The ${deps.vault.backendName} has no data key for ${kid}; the key file cannot be opened without it.`, {
        details: { kid, account },
      });
    }
    const decoded = decodeDataKey(stored);
    // Not a data key at all: the item was changed outside this app. That says nothing about the
    // key file, so the file stays where it is (only a failed authentication with a real key is tampering).
    if (!decoded) {
      throw new AppError(
        'KEYCHAIN_ITEM_INVALID',
        `The ${deps.vault.backendName} item "${account}" does not hold a valid data key (it was changed outside OIDC Onboard), so the private key ${kid} cannot be opened. ` +
          'The key file was left untouched: restore the item from a keychain backup if you have one, otherwise delete this key and generate or import a new one.',
        { details: { kid, account, backend: deps.vault.backendName } },
      );
    }
    key = decoded;
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
  await deps.keychain.ready();
  let keychainItemRemoved: boolean;
  try {
    keychainItemRemoved = await deps.vault.delete(dataKeyAccount(deps.keychain.folderId(), registrationId, kid));
  } catch (error) {
    throw keychainUnavailable(deps.vault, error);
  }
  return { fileRemoved, keychainItemRemoved };
}

/**
 * Whether `secret` is the data key that opens this folder's key file for (registrationId, kid)
 * (AES-GCM authentication succeeds). Used by the keychain migration to tell this folder's old
 * item from another folder's; touches neither the keychain nor the file (never quarantines).
 */
export async function dataKeyOpensKeyFile(deps: Pick<CustodyDeps, 'dataDir' | 'files'>, registrationId: string, kid: string, secret: string): Promise<boolean> {
  const key = decodeDataKey(secret);
  if (!key) return false;
  let bytes: Uint8Array;
  try {
    bytes = await deps.files.readFile(keyFilePath(deps.dataDir, registrationId, kid));
  } catch {
    return false;
  }
  const parsed = parseKeyFile(bytes);
  if (!parsed || parsed.header.kid !== kid || parsed.header.mode !== 'keychain') return false;
  const plaintext = gcmOpen(key, fromB64u(parsed.header.iv), parsed.ciphertext, parsed.tag, keyFileAad(registrationId, kid, parsed.headerBytes));
  key.fill(0);
  if (!plaintext) return false;
  plaintext.fill(0);
  return true;
}
