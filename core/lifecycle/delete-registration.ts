/**
 * Deleting a registration and everything it owns — the one implementation the app and the CLI
 * (`oidc-onboard delete <id> --yes`) share.
 *
 * What a registration owns: its key pairs (key files, and for keychain custody the data keys in
 * the keychain), its client secret (keychain), its jwks_uri check reports (`reports/<id>/`), the
 * packages built into the data folder's own `packages/` folder, and its record in the settings
 * file (values, key records, check and package history, credentials record).
 *
 * The order leaves nothing orphaned if it stops half-way (keychain locked mid-way, the process
 * killed): every owned item is deleted first — each step idempotent, a missing item is no error
 * — and the record LAST. Until then the record still lists everything that may remain, so a
 * retry finds it and finishes the job; an item without a record never exists. The record is
 * removed only if, under the settings lock, it lists nothing this run has not deleted (another
 * process may have added a key or a check meanwhile); otherwise the next round deletes that too.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../contract/errors';
import type { Registration } from '../../contract/schemas/registration';
import type { CredentialService } from '../credentials';
import { assertRegistrationId } from '../keys/custody';
import { parseKeyRecord } from '../keys/key-record';
import type { KeyService } from '../keys/key-service';
import type { Logger } from '../ports';
import type { RegistrationRepository } from '../storage/registrations';

/** What a deletion removed. */
export interface DeletionReport {
  id: string;
  /** Each key pair: whether its file and its keychain item were still there to remove. */
  keys: { kid: string; fileRemoved: boolean; keychainItemRemoved: boolean }[];
  /** The Client ID whose record went, and whether a client secret was removed from the keychain. */
  credentials?: { clientId: string; keychainItemRemoved: boolean };
  /** How many kept jwks_uri check reports were removed. */
  checkReportsRemoved: number;
  /** Package files removed from the data folder's `packages/` (packages saved elsewhere are the user's and stay). */
  packageFilesRemoved: string[];
}

/** Dependencies of {@link createRegistrationDeletion}. */
export interface RegistrationDeletionDeps {
  dataDir: string;
  registrations: RegistrationRepository;
  keyService: KeyService;
  credentials: CredentialService;
  logger: Logger;
}

// Rounds before giving up on a registration that other processes keep adding to.
const MAX_ROUNDS = 5;

async function countFiles(dir: string): Promise<number> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith('.json')).length;
  } catch {
    return 0;
  }
}

/** Builds the deletion service. */
export function createRegistrationDeletion(deps: RegistrationDeletionDeps) {
  const { registrations, keyService, credentials, logger } = deps;
  const packagesDir = path.resolve(deps.dataDir, 'packages');

  /** One round: deletes every item `snapshot` lists. Throws on the first failure (what is done stays done). */
  async function deleteItems(snapshot: Registration, report: DeletionReport, done: { kids: Set<string>; reports: Set<string> }) {
    const id = snapshot.id;
    for (const raw of snapshot.keys) {
      const record = parseKeyRecord(raw);
      const result = await keyService.delete(id, record);
      if (!done.kids.has(record.kid)) report.keys.push({ kid: record.kid, ...result });
      else {
        const earlier = report.keys.find((k) => k.kid === record.kid)!;
        earlier.fileRemoved ||= result.fileRemoved;
        earlier.keychainItemRemoved ||= result.keychainItemRemoved;
      }
      done.kids.add(record.kid);
    }
    if (snapshot.credentials) {
      // The credential service owns the secret and its account name; it removes the item, then its record.
      const removed = await credentials.delete(id, { confirm: true });
      report.credentials = { clientId: removed.clientId, keychainItemRemoved: removed.keychainItemRemoved || (report.credentials?.keychainItemRemoved ?? false) };
    }
    for (const check of snapshot.checks) if (typeof check.reportId === 'string') done.reports.add(check.reportId);
    const reportsDir = path.join(deps.dataDir, 'reports', id);
    report.checkReportsRemoved += await countFiles(reportsDir);
    await rm(reportsDir, { recursive: true, force: true });
    for (const pkg of snapshot.packages) {
      const file = typeof pkg.path === 'string' ? path.resolve(pkg.path) : undefined;
      if (file === undefined || path.dirname(file) !== packagesDir || report.packageFilesRemoved.includes(file)) continue;
      await rm(file, { force: true });
      report.packageFilesRemoved.push(file);
    }
    // Whatever else custody kept for this registration (a quarantined key file, say) goes with its folder, now that its keychain items are gone.
    await rm(path.join(deps.dataDir, 'keys', id), { recursive: true, force: true });
  }

  return {
    /**
     * Deletes registration `id` and everything it owns; needs `{ confirm: true }`. Safe to call
     * again after a failure: it finishes what the failed run left.
     *
     * @throws AppError `CONFIRMATION_REQUIRED`, `NOT_FOUND`, `STORAGE_WRITE_FAILED` (read-only
     *   settings file: nothing is touched), and the keychain's or the disk's errors half-way
     *   (`KEYCHAIN_UNAVAILABLE`, …) — the registration is then still listed, and deleting it
     *   again completes the job.
     */
    async delete(id: string, confirmation: { confirm?: boolean } = {}): Promise<DeletionReport> {
      if (confirmation.confirm !== true) {
        throw new AppError('CONFIRMATION_REQUIRED', `Deleting ${id} removes its keys, its client secret and its check history for good: confirm to go ahead (--yes on the command line).`, {
          details: { id },
        });
      }
      registrations.get(id);
      assertRegistrationId(id);
      // Refuse before touching anything: a record that cannot be removed would outlive its deleted items' purpose.
      if (registrations.readOnly) {
        throw new AppError('STORAGE_WRITE_FAILED', 'The settings file belongs to a newer version of OIDC Onboard; nothing was deleted.', { details: { id, reason: 'newer-version' } });
      }
      const report: DeletionReport = { id, keys: [], checkReportsRemoved: 0, packageFilesRemoved: [] };
      const done = { kids: new Set<string>(), reports: new Set<string>() };
      for (let round = 0; round < MAX_ROUNDS; round += 1) {
        const snapshot = registrations.find(id);
        if (snapshot === undefined) return report; // another process finished the job
        await deleteItems(snapshot, report, done);
        const removed = registrations.remove(
          id,
          (current) =>
            current.keys.every((k) => done.kids.has(String(k.kid))) &&
            current.credentials === undefined &&
            current.checks.every((c) => done.reports.has(String(c.reportId))),
        );
        if (removed || registrations.find(id) === undefined) {
          logger.info('registration deleted', { registrationId: id, keys: report.keys.length, clientSecret: report.credentials?.keychainItemRemoved ?? false });
          return report;
        }
      }
      throw new AppError('STORAGE_WRITE_FAILED', `${id} kept changing while it was being deleted (another window or process is adding to it). Delete it again.`, { details: { id } });
    },
  };
}

/** The deletion service. */
export type RegistrationDeletion = ReturnType<typeof createRegistrationDeletion>;
