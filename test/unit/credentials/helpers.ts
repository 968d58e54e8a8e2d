/** Shared set-up for the credentials and diagnostics tests: temp data dirs, a real keychain, a real store. */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../contract/errors';
import { createCredentialService, type CredentialServiceDeps } from '../../../core/credentials';
import { createKeyService, PERMISSIVE_KEY_POLICY, type KeyRecord, type SigningAlg } from '../../../core/keys';
import type { Clock, Logger, SecretVault } from '../../../core/ports';
import { cryptoRandom } from '../../../core/ports/system';
import { createFetcher } from '../../../core/net/fetcher';
import { createDraftService } from '../../../core/registration/drafts';
import { createOsKeychain } from '../../../core/storage/os-keychain';
import { writeFileAtomicSync } from '../../../core/storage/atomic-file';
import { createRegistrationRepository, type RegistrationRepository } from '../../../core/storage/registrations';
import { openSettingsStore, type SettingsStore } from '../../../core/storage/settings-store';

/** A clock tests can move. */
export function fixedClock(iso = '2026-11-27T12:00:00.000Z'): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return { now: () => new Date(now), set: (next) => (now = new Date(next)) };
}

/** A logger keeping every entry as one JSON line, so tests can scan what would have been logged. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(JSON.stringify({ level, message, ...fields }));
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** The real OS keychain under a unique service name; remembers accounts to clean up. */
export function testVault(): SecretVault & { cleanup(): Promise<void> } {
  const real = createOsKeychain({ service: `oidc-onboard-test-cred-${randomUUID()}` });
  const touched = new Set<string>();
  return {
    backendName: real.backendName,
    service: real.service,
    get: (account) => real.get(account),
    set: async (account, secret) => {
      touched.add(account);
      await real.set(account, secret);
    },
    delete: (account) => real.delete(account),
    async cleanup() {
      for (const account of touched) await real.delete(account).catch(() => undefined);
    },
  };
}

/** What a port fault can hit. */
export type VaultOp = 'get' | 'set' | 'delete';

/**
 * The real vault with injected KEYCHAIN_UNAVAILABLE faults on chosen operations — the
 * keychain going away between calls, which a real locked keyring does but cannot be timed.
 */
export function faultyVault(real: SecretVault, failOn: Set<VaultOp>): SecretVault {
  const fail = (op: VaultOp) => {
    if (failOn.has(op)) throw new AppError('KEYCHAIN_UNAVAILABLE', `injected: ${op} failed`, { details: { backend: real.backendName } });
  };
  return {
    backendName: real.backendName,
    service: real.service,
    get: async (account) => (fail('get'), real.get(account)),
    set: async (account, secret) => (fail('set'), real.set(account, secret)),
    delete: async (account) => (fail('delete'), real.delete(account)),
  };
}

/** The real atomic settings writer with a switch that makes the next writes fail (disk full, permissions). */
export function switchableBackend(): { writeFile: (path: string, data: Uint8Array) => void; failWrites: { on: boolean } } {
  const failWrites = { on: false };
  return {
    failWrites,
    writeFile: (path, data) => {
      if (failWrites.on) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      writeFileAtomicSync(path, data, 0o600);
    },
  };
}

/** A temp data folder with a store, a registration and everything a credential service needs. */
export interface Fixture {
  dataDir: string;
  vault: SecretVault & { cleanup(): Promise<void> };
  clock: Clock & { set(iso: string): void };
  logger: Logger & { lines: string[] };
  store: SettingsStore;
  registrations: RegistrationRepository;
  backend: ReturnType<typeof switchableBackend>;
  /** Id of a CIS2 `int` registration. */
  regId: string;
  deps(overrides?: Partial<CredentialServiceDeps>): CredentialServiceDeps;
  service(overrides?: Partial<CredentialServiceDeps>): ReturnType<typeof createCredentialService>;
  /** Generates a key for `registrationId`, stores it, and records it in the registration. */
  addKey(registrationId: string, alg: SigningAlg, state: 'next' | 'active'): Promise<KeyRecord>;
  /** Creates another registration. */
  addRegistration(provider: string, environment: string, name: string): string;
  cleanup(): Promise<void>;
}

export async function createFixture(options: { provider?: string; environment?: string; authMethod?: string } = {}): Promise<Fixture> {
  const dataDir = await mkdtemp(join(tmpdir(), 'oidc-cred-'));
  const vault = testVault();
  const clock = fixedClock();
  const logger = recordingLogger();
  const backend = switchableBackend();
  const store = openSettingsStore({ dataDir, clock, writeFile: backend.writeFile });
  const registrations = createRegistrationRepository({ store, clock });
  const fetcher = createFetcher({ userAgent: 'oidc-onboard-test' });
  const drafts = createDraftService({ registrations, clock, fetcher });
  const addRegistration = (provider: string, environment: string, name: string) => drafts.create({ provider, environment, clientName: name }).registration.id;
  const regId = addRegistration(options.provider ?? 'nhs-cis2', options.environment ?? 'int', 'Patient Portal');
  // What the provider issues follows the auth method: CIS2's "Client Secret" pattern is the one with a secret.
  if (options.authMethod !== undefined) registrations.update(regId, (registration) => void (registration.metadata.token_endpoint_auth_method = options.authMethod));
  const keys = createKeyService({ dataDir, vault, clock, random: cryptoRandom, logger });
  const deps = (overrides: Partial<CredentialServiceDeps> = {}): CredentialServiceDeps => ({ registrations, vault, clock, random: cryptoRandom, logger, dataDir, keys, fetcher, ...overrides });
  return {
    dataDir,
    vault,
    clock,
    logger,
    store,
    registrations,
    backend,
    regId,
    deps,
    service: (overrides) => createCredentialService(deps(overrides)),
    addRegistration,
    async addKey(registrationId, alg, state) {
      const { record } = await keys.generate(registrationId, { alg, ...(alg.startsWith('ES') ? {} : { size: 2048 }), policy: PERMISSIVE_KEY_POLICY, state });
      registrations.update(registrationId, (registration) => void registration.keys.push(record));
      return record;
    },
    async cleanup() {
      fetcher.close();
      await vault.cleanup();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every file under `dir`, recursively, with its content. */
export async function allFiles(dir: string): Promise<{ path: string; content: Buffer }[]> {
  const out: { path: string; content: Buffer }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await allFiles(path)));
    else out.push({ path, content: await readFile(path) });
  }
  return out;
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof AppError)) throw new Error(`expected an AppError, got ${outcome === undefined ? 'success' : String(outcome)}`);
  return outcome;
}
