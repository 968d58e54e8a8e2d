/**
 * The key service: generation, import, signing, encrypted export, deletion and
 * custody checks for the keys of a registration. It stores private keys (see
 * `custody.ts`) but not the {@link KeyRecord}s: the caller persists the records it
 * returns and passes them back in, so the settings store stays the one source of truth.
 */
import type { KeyObject } from 'node:crypto';
import { CompactSign } from 'jose';
import { AppError, isAppError, type ErrorCode } from '../../contract/errors';
import type { Clock, KeychainScope, Logger, Random, SecretVault } from '../ports';
import type { ScryptParams } from '../crypto/scrypt';
import { resolveKeyChoice, type KeyPolicy, type SigningAlg } from './algorithms';
import { nodeFileOps, type FileOps } from '../storage/atomic-file';
import { createKeychainScope, type LegacyKeychainItem } from '../storage/keychain-scope';
import {
  assertRegistrationId,
  dataKeyAccount,
  dataKeyOpensKeyFile,
  deletePrivateKey,
  legacyDataKeyAccount,
  loadPrivateKey,
  storePrivateKey,
  type CustodyDeps,
  type Protection,
  type Unlock,
} from './custody';
import { exportPrivateKey, exportPublic, type PrivateExportFormat, type PublicExportFormat } from './export';
import { generateKeyObjects, type KeyProgress } from './generate';
import { chooseImportAlg, parsePrivateKeyInput } from './import';
import { checkCustomKid, jwkThumbprint } from './kid';
import { datedKid } from './nhs-hosted-jwks';
import { barePublicJwk, keyFacts, publicJwkFor, type KeyFacts } from './key-material';
import { keyRecordSchema, type KeyRecord, type KeyState } from './key-record';
import { assertPassphraseStrong } from './passphrase';

/** Dependencies of {@link createKeyService}. */
export interface KeyServiceDeps {
  /** The app's data folder; key files go to `<dataDir>/keys/<registrationId>/`. */
  dataDir: string;
  vault: SecretVault;
  /**
   * The data folder's keychain names. The composition root passes the one that also moves
   * old-style items; by default the installation id of `dataDir` is used without a migration.
   */
  keychain?: KeychainScope;
  clock: Clock;
  random: Random;
  logger: Logger;
  /** File operations; defaults to real `node:fs`. Tests inject faults here. */
  files?: FileOps;
  /** scrypt cost for passphrase custody; defaults to N=2^17, r=8, p=1. */
  scryptParams?: ScryptParams;
}

/** Custody of a new key: the OS keychain (default) or a passphrase (machines without a keychain). */
export type CustodyChoice = 'keychain' | { passphrase: string };

/** Options of {@link KeyService.generate}. */
export interface GenerateKeyOptions {
  alg: SigningAlg;
  /** RSA modulus bits (2048, 3072 or 4096); ignored for ES algorithms. */
  size?: number;
  /** Custom kid; defaults to the RFC 7638 thumbprint. */
  kid?: string;
  /**
   * A kid NHS's hosted-JWKS expiry check tracks: `<rotateBy>-<first 8 characters of the
   * thumbprint>` (see `nhs-hosted-jwks.ts`). Ignored when `kid` is given.
   */
  datedKid?: { rotateBy: string };
  policy: KeyPolicy;
  custody?: CustodyChoice;
  /** Initial state; default `next` (the caller activates it via the key ring). */
  state?: KeyState;
}

/** Options of {@link KeyService.importPrivate}. */
export interface ImportKeyOptions {
  /** PEM, private JWK (or one-key JWK Set) or a JWE exported by this app. */
  input: string;
  /** Passphrase of an encrypted input. */
  passphrase?: string;
  policy: KeyPolicy;
  /** kid to use; default the JWK's kid, else the RFC 7638 thumbprint. */
  kid?: string;
  /** Algorithm to use; default the JWK's alg, else derived from the key and policy. */
  alg?: SigningAlg;
  custody?: CustodyChoice;
  state?: KeyState;
}

/** A new key's record plus non-fatal warnings (e.g. about the kid). */
export interface KeyResult {
  record: KeyRecord;
  warnings: string[];
}

/** Options of {@link KeyService.sign}. */
export interface SignOptions {
  /** Extra protected header members (e.g. `typ`); `alg` and `kid` come from the record. */
  header?: Record<string, unknown>;
  /** Passphrase for passphrase-custody keys. */
  unlock?: Unlock;
}

/** Outcome of {@link KeyService.verifyCustody}. */
export type CustodyCheck = { ok: true } | { ok: false; code: ErrorCode; message: string };

/** The key service. All methods throw {@link AppError}s only. */
export interface KeyService {
  /** Generates, encrypts and stores a key pair; reports progress (heartbeat every ~250 ms while generating). */
  generate(registrationId: string, options: GenerateKeyOptions, onProgress?: KeyProgress): Promise<KeyResult>;
  /** Imports and stores a private key after validating it against the policy. */
  importPrivate(registrationId: string, options: ImportKeyOptions): Promise<KeyResult>;
  /** Signs `payload` (bytes, text, or a JSON object such as JWT claims) as a compact JWS with the record's key. */
  sign(registrationId: string, record: KeyRecord, payload: Uint8Array | string | Record<string, unknown>, options?: SignOptions): Promise<string>;
  /** A public export (JWKS or SPKI PEM); needs no secrets. */
  exportPublic(record: KeyRecord, format: PublicExportFormat): string;
  /** An encrypted private export for the developer's backend. */
  exportPrivate(registrationId: string, record: KeyRecord, format: PrivateExportFormat, passphrase: string, unlock?: Unlock): Promise<string>;
  /** Removes the key file and keychain item. */
  delete(registrationId: string, record: KeyRecord): Promise<{ fileRemoved: boolean; keychainItemRemoved: boolean }>;
  /** Whether the stored key can be decrypted and matches the record (a tampered file is quarantined). */
  verifyCustody(registrationId: string, record: KeyRecord, unlock?: Unlock): Promise<CustodyCheck>;
  /**
   * The keychain items earlier versions wrote for these records (`key:<registration>:<kid>`) and
   * their folder-scoped names; an old item moves only if it opens this folder's key file.
   */
  legacyKeychainItems(registrationId: string, records: readonly Readonly<Record<string, unknown>>[], folderId: string): LegacyKeychainItem[];
}

function protectionOf(choice: CustodyChoice | undefined): Protection {
  if (choice === undefined || choice === 'keychain') return { mode: 'keychain' };
  assertPassphraseStrong(choice.passphrase);
  return { mode: 'passphrase', passphrase: choice.passphrase };
}

/** Builds the key service over its ports. */
export function createKeyService(deps: KeyServiceDeps): KeyService {
  const custody: CustodyDeps = {
    dataDir: deps.dataDir,
    vault: deps.vault,
    keychain: deps.keychain ?? createKeychainScope({ dataDir: deps.dataDir, vault: deps.vault, logger: deps.logger, clock: deps.clock }),
    clock: deps.clock,
    random: deps.random,
    files: deps.files ?? nodeFileOps,
    ...(deps.scryptParams ? { scryptParams: deps.scryptParams } : {}),
  };

  async function storeNew(
    registrationId: string,
    privateKey: KeyObject,
    facts: KeyFacts,
    alg: SigningAlg,
    requestedKid: string | ((thumbprint: string) => string) | undefined,
    protection: Protection,
    state: KeyState,
    onProgress: KeyProgress,
  ): Promise<KeyResult> {
    const thumbprint = await jwkThumbprint(barePublicJwk(privateKey));
    const warnings: string[] = [];
    let kid = thumbprint;
    if (requestedKid !== undefined) {
      const check = checkCustomKid(typeof requestedKid === 'function' ? requestedKid(thumbprint) : requestedKid);
      kid = check.kid;
      warnings.push(...check.warnings);
    }
    const record = keyRecordSchema.parse({
      kid,
      alg,
      kty: facts.kty,
      ...(facts.kty === 'EC' ? { crv: facts.crv } : { size: facts.size }),
      thumbprint,
      createdAt: deps.clock.now().toISOString(),
      state,
      ...(state === 'active' ? { activatedAt: deps.clock.now().toISOString() } : {}),
      custody: protection.mode,
      publicJwk: publicJwkFor(privateKey, kid, alg),
    } satisfies KeyRecord);
    const der = new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' }));
    try {
      await storePrivateKey(custody, registrationId, kid, alg, der, protection, (phase) => onProgress(phase));
    } finally {
      der.fill(0);
    }
    onProgress('done', 1);
    deps.logger.info('key stored', { registrationId, kid, alg, custody: protection.mode });
    return { record, warnings };
  }

  async function unlockKey(registrationId: string, record: KeyRecord, unlock?: Unlock): Promise<KeyObject> {
    const parsed = keyRecordSchema.parse(record);
    const privateKey = await loadPrivateKey(custody, registrationId, parsed.kid, unlock);
    // The file is bound to the kid; this also binds it to the record's public key.
    const thumbprint = await jwkThumbprint(barePublicJwk(privateKey));
    if (thumbprint !== parsed.thumbprint) {
      throw new AppError('STORAGE_CORRUPT', `The stored private key for ${parsed.kid} does not match its record's public key.`, { details: { kid: parsed.kid } });
    }
    return privateKey;
  }

  return {
    async generate(registrationId, options, onProgress = () => undefined) {
      assertRegistrationId(registrationId);
      const shape = resolveKeyChoice({ alg: options.alg, ...(options.size === undefined ? {} : { size: options.size }) }, options.policy);
      if (options.kid !== undefined) checkCustomKid(options.kid);
      const dated = options.kid === undefined ? options.datedKid : undefined;
      // Check the date before the (slow) generation: a bad one must fail at once.
      if (dated) datedKid(dated.rotateBy, '');
      const protection = protectionOf(options.custody);
      const { privateKey } = await generateKeyObjects(shape, onProgress);
      const kid = dated ? (thumbprint: string) => datedKid(dated.rotateBy, thumbprint) : options.kid;
      return storeNew(registrationId, privateKey, keyFacts(privateKey), options.alg, kid, protection, options.state ?? 'next', onProgress);
    },

    async importPrivate(registrationId, options) {
      assertRegistrationId(registrationId);
      const protection = protectionOf(options.custody);
      const parsed = await parsePrivateKeyInput(options.input, options.passphrase);
      const alg = chooseImportAlg(parsed, options.policy, options.alg);
      const result = await storeNew(registrationId, parsed.privateKey, parsed.facts, alg, options.kid ?? parsed.kid, protection, options.state ?? 'next', () => undefined);
      deps.logger.info('key imported', { registrationId, kid: result.record.kid, sourceFormat: parsed.sourceFormat });
      return result;
    },

    async sign(registrationId, record, payload, options = {}) {
      const header = { ...options.header };
      for (const reserved of ['alg', 'kid'] as const) {
        if (reserved in header && header[reserved] !== record[reserved]) {
          throw new AppError('USAGE', `The header "${reserved}" comes from the key record and cannot be overridden.`);
        }
        delete header[reserved];
      }
      if ('crit' in header || 'b64' in header) throw new AppError('USAGE', 'The "crit" and "b64" header parameters are not supported.');
      const bytes =
        typeof payload === 'string' ? new TextEncoder().encode(payload) : payload instanceof Uint8Array ? payload : new TextEncoder().encode(JSON.stringify(payload));
      const privateKey = await unlockKey(registrationId, record, options.unlock);
      try {
        // alg then kid first: a stable member order keeps signatures reproducible (and matches RFC 7520's vectors).
        return await new CompactSign(bytes).setProtectedHeader({ alg: record.alg, kid: record.kid, ...header }).sign(privateKey);
      } catch (error) {
        throw new AppError('INTERNAL', 'Signing failed.', { cause: error, details: { kid: record.kid, alg: record.alg } });
      }
    },

    exportPublic(record, format) {
      return exportPublic(keyRecordSchema.parse(record), format);
    },

    async exportPrivate(registrationId, record, format, passphrase, unlock) {
      assertPassphraseStrong(passphrase);
      const privateKey = await unlockKey(registrationId, record, unlock);
      const out = await exportPrivateKey(privateKey, record, format, passphrase, deps.random);
      deps.logger.info('private key exported', { registrationId, kid: record.kid, format });
      return out;
    },

    async delete(registrationId, record) {
      const result = await deletePrivateKey(custody, registrationId, record.kid, record.custody);
      deps.logger.info('key deleted', { registrationId, kid: record.kid, ...result });
      return result;
    },

    async verifyCustody(registrationId, record, unlock) {
      try {
        await unlockKey(registrationId, record, unlock);
        return { ok: true };
      } catch (error) {
        if (isAppError(error)) return { ok: false, code: error.code, message: error.message };
        return { ok: false, code: 'INTERNAL', message: 'The key could not be checked.' };
      }
    },

    legacyKeychainItems(registrationId, records, folderId) {
      // Stored records are read loosely (the settings schema keeps keys as plain objects).
      const kids = records.flatMap((record) => (record.custody === 'keychain' && typeof record.kid === 'string' ? [record.kid] : []));
      return kids.map((kid) => ({
        from: legacyDataKeyAccount(registrationId, kid),
        to: dataKeyAccount(folderId, registrationId, kid),
        belongs: (secret: string) => dataKeyOpensKeyFile(custody, registrationId, kid, secret),
      }));
    },
  };
}
