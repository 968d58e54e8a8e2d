/** Shared set-up for the key tests: temp data dirs, a real keychain per test file, fixed ports. */
import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOsKeychain } from '../../../core/storage/os-keychain';
import type { Clock, SecretVault } from '../../../core/ports';
import { cryptoRandom, silentLogger } from '../../../core/ports/system';
import { createKeyService, type KeyServiceDeps } from '../../../core/keys';
import { PERMISSIVE_KEY_POLICY } from '../../../core/keys';

export const policy = PERMISSIVE_KEY_POLICY;

/** A cheap scrypt cost for tests that are about the format, not the cost. */
export const fastScrypt = { N: 2 ** 14, r: 8, p: 1 };

const created: { vault: SecretVault; accounts: Set<string> }[] = [];

/**
 * A real OS keychain under a service name unique to this run, so runs never collide.
 * Items it creates are deleted by {@link cleanupVaults} (registered below for every file).
 */
export function testVault(): SecretVault {
  const vault = createOsKeychain({ service: `oidc-onboard-test-keys-${randomUUID()}` });
  const accounts = new Set<string>();
  created.push({ vault, accounts });
  return {
    backendName: vault.backendName,
    service: vault.service,
    get: (account) => vault.get(account),
    set: async (account, secret) => {
      accounts.add(account);
      await vault.set(account, secret);
    },
    delete: (account) => vault.delete(account),
  };
}

/** Deletes every keychain item the test vaults of this file created. */
export async function cleanupVaults(): Promise<void> {
  for (const { vault, accounts } of created.splice(0)) {
    for (const account of accounts) await vault.delete(account).catch(() => undefined);
  }
}

afterAll(cleanupVaults);

export function fixedClock(iso = '2026-03-01T10:00:00.000Z'): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return { now: () => new Date(now), set: (next) => (now = new Date(next)) };
}

export async function tempDir(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'oidc-keys-'));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

export function service(dataDir: string, vault: SecretVault, overrides: Partial<KeyServiceDeps> = {}) {
  return createKeyService({ dataDir, vault, clock: fixedClock(), random: cryptoRandom, logger: silentLogger, ...overrides });
}

/** Every file under `dir`, recursively, with content and mode. */
export async function allFiles(dir: string): Promise<{ path: string; content: Buffer; mode: number }[]> {
  const out: { path: string; content: Buffer; mode: number }[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await allFiles(path)));
    else out.push({ path, content: await readFile(path), mode: (await stat(path)).mode & 0o777 });
  }
  return out;
}

/** Every file under `<dataDir>/keys` (the key material; `installation.json` beside it holds only the folder id). */
export function keyFiles(dataDir: string): Promise<{ path: string; content: Buffer; mode: number }[]> {
  return allFiles(join(dataDir, 'keys'));
}
