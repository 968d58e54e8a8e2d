/**
 * Received credentials: the Client ID and secret a provider issued for one registration.
 * The secret lives only in the OS keychain (item `client-secret:<folder id>:<registration id>:<client id>`,
 * see `accounts.ts`); the settings file keeps the Client ID, the date received, notes and
 * whether a secret exists. Nothing is ever half-saved:
 *
 * - save/replace: read what the item holds now (rollback material) → write the new secret →
 *   write the record. A keychain failure leaves the record and any earlier secret untouched;
 *   a record failure puts the item back as it was. Only after the record is written is an
 *   item under a previous Client ID removed.
 * - delete: read the secret (rollback material) → delete the item → clear the record; a record
 *   failure restores the item.
 *
 * The secret is returned only by {@link CredentialService.reveal}; it never reaches logs,
 * error details or any other return value.
 */
import { AppError, hasErrorCode, isAppError } from '../../contract/errors';
import type { Registration } from '../../contract/schemas/registration';
import { createKeyService, type KeyService } from '../keys';
import type { Clock, KeychainScope, Logger, Random, SecretVault } from '../ports';
import { createKeychainScope } from '../storage/keychain-scope';
import type { RegistrationRepository } from '../storage/registrations';
import { clientSecretAccount as accountName } from './accounts';
import { createClientAssertion, type ClientAssertion, type ClientAssertionOptions } from './assertion';
import { fetcherForCa } from '../net/fetcher-for-ca';
import type { Fetcher } from '../net/types';
import { probeTokenEndpoint, type ProbeOptions, type TokenEndpointProbe } from './probe';
import { checkCredentialEntry, credentialFieldsFor, type CredentialFields } from './issued';
import { checkNotes, normaliseReceivedAt } from './validate';

/** What the provider issued, as the user enters it (the fields follow the provider: see `issued.ts`). */
export interface CredentialInput {
  /** The Client ID — or, for the NHS England API platform, the API key (the assertion's iss/sub). */
  clientId: string;
  /** Only where the provider issues one; stored in the keychain only. */
  secret?: string | undefined;
  /** The API platform's application id (a UUID), optional. */
  applicationId?: string | undefined;
  /** The KID the registration is tied to (API platform), optional. */
  kid?: string | undefined;
  notes?: string;
  /** When the credentials were received; default now. */
  receivedAt?: Date | string;
}

/** The non-secret view of stored credentials. */
export interface CredentialView {
  registrationId: string;
  clientId: string;
  receivedAt: string;
  notes: string;
  hasSecret: boolean;
  /** The provider's name for `clientId`: "Client ID", or "API key" for the API platform. */
  identifierLabel: string;
  /** Whether the provider issues a secret for this registration's auth method. */
  secretIssued: boolean;
  /** The API platform's application id, when recorded. */
  applicationId?: string;
  /** The KID the registration is tied to, when recorded. */
  kid?: string;
  /** The keychain backend holding the secret, e.g. "Secret Service (GNOME Keyring)". */
  storedIn: string;
  /** The keychain service name items live under. */
  service: string;
  /** The keychain item's account name (where users find it). */
  account: string;
}

/** Outcome of a save or replace: the view plus non-fatal warnings. */
export interface SaveResult extends CredentialView {
  /** True when earlier credentials were replaced. */
  replaced: boolean;
  warnings: string[];
}

/** Outcome of {@link CredentialService.delete}. */
export interface DeleteResult {
  registrationId: string;
  clientId: string;
  /** False when the keychain had no item (it was already removed by hand). */
  keychainItemRemoved: boolean;
}

/** An explicit "yes" for destructive operations. */
export interface Confirmation {
  confirm: true;
}

/** Dependencies of {@link createCredentialService}. */
export interface CredentialServiceDeps {
  registrations: RegistrationRepository;
  vault: SecretVault;
  /** The data folder's keychain names; by default the installation id of `dataDir`, without a migration. */
  keychain?: KeychainScope;
  clock: Clock;
  random: Random;
  logger: Logger;
  /** The data folder (private key files, for client assertions). */
  dataDir: string;
  /** The key service; built from the other deps when absent. */
  keys?: KeyService;
  /** The safe fetcher (the network port) the probe goes through. */
  fetcher: Fetcher;
}

/** Options of {@link CredentialService.probe}: how to sign, and how to reach the endpoint. */
export type ProbeRequest = ClientAssertionOptions &
  Pick<ProbeOptions, 'allowPrivateNetwork' | 'timeoutMs' | 'connectTimeoutMs' | 'maxBodyBytes' | 'signal'> & {
    /** Extra trusted CA certificates (PEM text or single certificates), e.g. from `--ca`. */
    caPem?: string | readonly string[];
  };

/** The credential service. Every method throws {@link AppError}s only. */
export interface CredentialService {
  /** Saves credentials for a registration that has none (`ALREADY_EXISTS` otherwise: use replace). */
  save(registrationId: string, input: CredentialInput): Promise<SaveResult>;
  /** Replaces (rotates) the credentials, or saves them when there are none; needs `{ confirm: true }`. */
  replace(registrationId: string, input: CredentialInput, confirmation: Confirmation): Promise<SaveResult>;
  /** What the provider issues for the registration (which fields to ask for). */
  fields(registrationId: string): CredentialFields;
  /** The non-secret view, or `null` when nothing was saved. Does not touch the keychain. */
  show(registrationId: string): CredentialView | null;
  /** The secret itself, from the keychain. The only method that returns it. */
  reveal(registrationId: string): Promise<string>;
  /** Deletes the keychain item and the record; needs `{ confirm: true }`. */
  delete(registrationId: string, confirmation: Confirmation): Promise<DeleteResult>;
  /** An RFC 7523 client assertion signed with the registration's active key (see `assertion.ts`). */
  assertion(registrationId: string, options?: ClientAssertionOptions): Promise<ClientAssertion>;
  /** Signs an assertion for the token endpoint and asks the endpoint whether it accepts it (network!). */
  probe(registrationId: string, options?: ProbeRequest): Promise<TokenEndpointProbe>;
}

function requireConfirmation(confirmation: Confirmation | undefined, what: string): void {
  if (confirmation?.confirm !== true) {
    throw new AppError('CONFIRMATION_REQUIRED', `${what} needs an explicit confirmation (confirm: true; --yes on the command line).`);
  }
}

/** Builds the credential service. */
export function createCredentialService(deps: CredentialServiceDeps): CredentialService {
  const { registrations, vault, clock, logger } = deps;
  const scope = deps.keychain ?? createKeychainScope({ dataDir: deps.dataDir, vault, logger, clock });
  const keys = deps.keys ?? createKeyService({ dataDir: deps.dataDir, vault, keychain: scope, clock, random: deps.random, logger });
  const clientSecretAccount = (registrationId: string, clientId: string) => accountName(scope.folderId(), registrationId, clientId);

  // One change at a time: concurrent saves of the same registration must not interleave their rollbacks.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  const registration = (registrationId: string): Registration => registrations.get(registrationId);

  const credentialsOf = (registrationId: string): NonNullable<Registration['credentials']> => {
    const credentials = registration(registrationId).credentials;
    if (!credentials) {
      throw new AppError('NOT_FOUND', `No credentials are saved for ${registrationId}. Save them with \`oidc-onboard credentials save ${registrationId} --client-id <id>\`.`, {
        details: { id: registrationId },
      });
    }
    return credentials;
  };

  // The keychain adapter already throws KEYCHAIN_UNAVAILABLE with guidance; say also that nothing changed.
  const keychain = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      await scope.ready();
      return await work();
    } catch (error) {
      if (isAppError(error) && error.code === 'KEYCHAIN_UNAVAILABLE') {
        throw new AppError('KEYCHAIN_UNAVAILABLE', `Nothing was changed. ${error.message}`, { cause: error, ...(error.details ? { details: error.details } : {}) });
      }
      if (isAppError(error)) throw error;
      throw new AppError('KEYCHAIN_UNAVAILABLE', `Nothing was changed: the ${vault.backendName} could not be used.`, { cause: error, details: { backend: vault.backendName } });
    }
  };

  /**
   * Keeps the header and claims of the assertion just built — never the JWT or its signature — so
   * the support pack can quote "the last assertion". Best effort: a read-only or busy settings file
   * must not fail the assertion itself.
   */
  const rememberAssertion = (registrationId: string, assertion: ClientAssertion, by: 'assertion' | 'probe'): void => {
    if (registrations.readOnly) return;
    try {
      // A history note, not an edit of the draft: updatedAt stays.
      registrations.update(registrationId, (target) => void (target.lastAssertion = { builtAt: clock.now().toISOString(), by, header: { ...assertion.header }, claims: { ...assertion.claims } }), { touch: false });
    } catch (error) {
      logger.warn('credentials: the last assertion could not be recorded', { registrationId, code: isAppError(error) ? error.code : 'unknown' });
    }
  };

  const view = (registrationId: string, credentials: NonNullable<Registration['credentials']>, fields: CredentialFields): CredentialView => ({
    registrationId,
    clientId: credentials.clientId,
    receivedAt: credentials.receivedAt,
    notes: credentials.notes,
    hasSecret: credentials.hasSecret,
    identifierLabel: fields.identifierLabel,
    secretIssued: fields.secret === 'required',
    ...(credentials.applicationId === undefined ? {} : { applicationId: credentials.applicationId }),
    ...(credentials.kid === undefined ? {} : { kid: credentials.kid }),
    storedIn: vault.backendName,
    service: vault.service,
    account: clientSecretAccount(registrationId, credentials.clientId),
  });

  async function write(registrationId: string, input: CredentialInput, replacing: boolean): Promise<SaveResult> {
    // What the provider issues decides what is asked for and kept: no secret item where none is issued.
    const reg = registration(registrationId);
    const fields = credentialFieldsFor(reg);
    const checked = checkCredentialEntry(fields, input);
    const { clientId, secret } = checked;
    const notes = checkNotes(input.notes);
    const receivedAt = normaliseReceivedAt(input.receivedAt ?? clock.now());
    const previous = reg.credentials;
    if (previous && !replacing) {
      throw new AppError('ALREADY_EXISTS', `${registrationId} already has credentials (${fields.identifierLabel} ${previous.clientId}). Replace them explicitly (--yes on the command line).`, {
        details: { id: registrationId },
      });
    }
    if (registrations.readOnly) throw new AppError('STORAGE_WRITE_FAILED', 'The settings file belongs to a newer version of OIDC Onboard; nothing was changed.');

    const account = clientSecretAccount(registrationId, clientId);
    const previousAccount = previous?.hasSecret ? clientSecretAccount(registrationId, previous.clientId) : undefined;
    const record: NonNullable<Registration['credentials']> = {
      clientId,
      receivedAt,
      notes,
      hasSecret: secret !== undefined,
      ...(checked.applicationId === undefined ? {} : { applicationId: checked.applicationId }),
      ...(checked.kid === undefined ? {} : { kid: checked.kid }),
    };

    // 1. Rollback material first: if the keychain cannot even be read, nothing has been touched.
    //    Where no secret is issued the keychain is not touched at all until step 4.
    const prior = secret === undefined ? undefined : await keychain(() => vault.get(account));
    // 2. The secret. A failure here leaves the record and every existing item as they were.
    if (secret !== undefined) await keychain(() => vault.set(account, secret));
    // 3. The record. A failure puts the item back the way it was.
    try {
      registrations.update(registrationId, (target) => void (target.credentials = record));
    } catch (error) {
      let restored = true;
      if (secret !== undefined) {
        try {
          if (prior === undefined) await vault.delete(account);
          else await vault.set(account, prior);
        } catch {
          restored = false;
          logger.error('credentials: keychain rollback failed', { registrationId, account });
        }
      }
      if (isAppError(error) && restored) throw error;
      throw new AppError(
        isAppError(error) ? error.code : 'STORAGE_WRITE_FAILED',
        `${error instanceof Error ? error.message : String(error)}${restored ? '' : ` The keychain item ${account} could not be restored; check it in the ${vault.backendName}.`}`,
        { cause: error, details: { id: registrationId, keychainRestored: restored } },
      );
    }

    // 4. Only now drop the item saved under a previous Client ID (or a secret no longer issued); failing here loses nothing.
    const warnings: string[] = [...checked.warnings];
    if (previousAccount !== undefined && (previousAccount !== account || secret === undefined)) {
      try {
        await vault.delete(previousAccount);
      } catch {
        warnings.push(`The previous keychain item "${previousAccount}" could not be removed; delete it in the ${vault.backendName}.`);
        logger.warn('credentials: previous keychain item not removed', { registrationId, account: previousAccount });
      }
    }
    // The API platform's API key is kept out of logs (support asks only for its first and last characters).
    logger.info(previous ? 'credentials replaced' : 'credentials saved', { registrationId, ...(fields.applicationId ? {} : { clientId }), secret: secret !== undefined });
    return { ...view(registrationId, record, fields), replaced: previous !== undefined, warnings };
  }

  return {
    save: (registrationId, input) => serial(() => write(registrationId, input, false)),

    replace(registrationId, input, confirmation) {
      return serial(async () => {
        requireConfirmation(confirmation, 'Replacing credentials');
        return write(registrationId, input, true);
      });
    },

    fields: (registrationId) => credentialFieldsFor(registration(registrationId)),

    show(registrationId) {
      const reg = registration(registrationId);
      return reg.credentials ? view(registrationId, reg.credentials, credentialFieldsFor(reg)) : null;
    },

    async reveal(registrationId) {
      const credentials = credentialsOf(registrationId);
      const account = clientSecretAccount(registrationId, credentials.clientId);
      if (!credentials.hasSecret) {
        throw new AppError('NOT_FOUND', `No client secret was saved for ${registrationId} (Client ID ${credentials.clientId}).`, { details: { id: registrationId } });
      }
      const secret = await keychain(() => vault.get(account));
      if (secret === undefined) {
        throw new AppError('KEYCHAIN_ITEM_MISSING', `The ${vault.backendName} has no item "${account}" (was it deleted by hand?). Save the credentials again.`, {
          details: { id: registrationId, account },
        });
      }
      logger.info('credentials: secret revealed', { registrationId });
      return secret;
    },

    delete(registrationId, confirmation) {
      return serial(async () => {
        requireConfirmation(confirmation, 'Deleting credentials');
        const credentials = credentialsOf(registrationId);
        const account = clientSecretAccount(registrationId, credentials.clientId);
        const old = credentials.hasSecret ? await keychain(() => vault.get(account)) : undefined;
        if (old !== undefined) await keychain(() => vault.delete(account));
        try {
          registrations.update(registrationId, (target) => void delete target.credentials);
        } catch (error) {
          // Deleted meanwhile: the record is gone with the registration, and so is the secret now — nothing to restore.
          if (hasErrorCode(error, 'NOT_FOUND')) return { registrationId, clientId: credentials.clientId, keychainItemRemoved: old !== undefined };
          if (old !== undefined) {
            await vault.set(account, old).catch(() => logger.error('credentials: keychain rollback failed', { registrationId, account }));
          }
          throw error;
        }
        logger.info('credentials deleted', { registrationId, clientId: credentials.clientId });
        return { registrationId, clientId: credentials.clientId, keychainItemRemoved: old !== undefined };
      });
    },

    async assertion(registrationId, options) {
      const assertion = await createClientAssertion({ registrations, keys, clock, random: deps.random }, registrationId, options);
      rememberAssertion(registrationId, assertion, 'assertion');
      return assertion;
    },

    async probe(registrationId, options = {}) {
      // Split the signing options (which may carry a passphrase) from the network ones.
      const { audience, lifetimeSeconds, clientId, unlock, caPem, ...network } = options;
      const signing: ClientAssertionOptions = {
        ...(audience === undefined ? {} : { audience }),
        ...(lifetimeSeconds === undefined ? {} : { lifetimeSeconds }),
        ...(clientId === undefined ? {} : { clientId }),
        ...(unlock === undefined ? {} : { unlock }),
      };
      const assertion = await createClientAssertion({ registrations, keys, clock, random: deps.random }, registrationId, signing);
      rememberAssertion(registrationId, assertion, 'probe');
      const redirectUris = registration(registrationId).metadata.redirect_uris;
      const redirectUri = Array.isArray(redirectUris) && typeof redirectUris[0] === 'string' ? redirectUris[0] : undefined;
      const { fetcher, release } = fetcherForCa(deps.fetcher, caPem);
      try {
        return await probeTokenEndpoint(fetcher, {
          ...network,
          tokenEndpoint: assertion.claims.aud,
          // An audience the user gave is theirs; otherwise it comes from a discovery document or the profile.
          source: audience === undefined ? 'untrusted' : 'typed',
          clientId: assertion.claims.iss,
          clientAssertion: assertion.jwt,
          grantType: assertion.grantType,
          ...(redirectUri === undefined ? {} : { redirectUri }),
        });
      } finally {
        release();
      }
    },
  };
}

