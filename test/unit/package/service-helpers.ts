/** Real services on a temp data dir with the real keychain (private D-Bus session), for the package service tests. */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { exportJWK, type JWK } from 'jose';
import { createAppServices, type AppServices } from '../../../core/app/services';
import { createFetcher } from '../../../core/net/fetcher';
import { createPackageService, type PackageService } from '../../../core/package/service';
import type { SecretVault } from '../../../core/ports';
import { cryptoRandom, silentLogger } from '../../../core/ports/system';
import { createOsKeychain } from '../../../core/storage/os-keychain';

/** A clock tests can move. */
export function movableClock(iso: string) {
  let now = new Date(iso);
  return { now: () => new Date(now), set: (next: string) => (now = new Date(next)) };
}

/** One test world: services, the package service, a keychain that records what it creates. */
export interface World {
  dataDir: string;
  services: AppServices;
  packages: PackageService;
  vault: SecretVault;
  clock: ReturnType<typeof movableClock>;
  cleanup(): Promise<void>;
}

/** Builds a world; `cleanup` deletes every keychain item it created and the data dir. */
export async function createWorld(iso = '2026-03-01T10:00:00.000Z'): Promise<World> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'oidc-package-'));
  const real = createOsKeychain({ service: `oidc-onboard-test-package-${randomUUID()}` });
  const accounts = new Set<string>();
  const vault: SecretVault = {
    backendName: real.backendName,
    service: real.service,
    get: (a) => real.get(a),
    set: async (a, s) => {
      accounts.add(a);
      await real.set(a, s);
    },
    delete: (a) => real.delete(a),
  };
  const clock = movableClock(iso);
  const services = createAppServices({ dataDir, vault, clock, random: cryptoRandom, logger: silentLogger, fetcher: createFetcher({ userAgent: 'oidc-onboard-test' }) });
  const packages = createPackageService({ dataDir, registrations: services.registrations, keyService: services.keyService, checks: services.checks, clock, vault });
  return {
    dataDir,
    services,
    packages,
    vault,
    clock,
    async cleanup() {
      for (const account of accounts) await real.delete(account).catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh RSA private JWK (so tests know the private members to look for). */
export async function rsaPrivateJwk(alg = 'RS512'): Promise<JWK> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...(await exportJWK(privateKey)), alg };
}

/** The private members' values of a JWK. */
export function privateValues(jwk: JWK): string[] {
  return ['d', 'p', 'q', 'dp', 'dq', 'qi'].map((m) => String((jwk as Record<string, unknown>)[m]));
}
