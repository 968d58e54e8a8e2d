/**
 * The keychain names of one data folder ({@link KeychainScope}) and the one-time move of items
 * that earlier versions named without the folder's installation id (`key:<registration>:<kid>`,
 * `client-secret:<registration>:<client id>`).
 *
 * The move is crash-safe and idempotent, item by item: copy old → new, read the new item back,
 * and only then delete the old one. A crash anywhere leaves the old item (and perhaps an equal new
 * one), and the next pass finishes it; the folder is marked done in `installation.json` only after
 * every item was handled. The items to look for come from the folder's own key and credential
 * records, so the keychain is never enumerated, and nothing touches the keychain until a command
 * actually needs it.
 */
import { AppError } from '../../contract/errors';
import type { Clock, KeychainScope, Logger, SecretVault } from '../ports';
import { ensureInstallation, markKeychainMigrated } from './installation';

/** One item an earlier version may have written, and where it belongs now. */
export interface LegacyKeychainItem {
  /** The account name an earlier version used. */
  from: string;
  /** The folder-scoped account name it moves to. */
  to: string;
  /**
   * Whether `secret` is really this folder's (for data keys: it opens this folder's key file).
   * Old names were shared by every data folder, so an item may belong to another one; it is then
   * left where it is. Without this check (client secrets) an item already under the new name was
   * saved later and is kept.
   */
  belongs?: (secret: string) => Promise<boolean>;
}

/** What {@link moveKeychainItem} did. */
export type MoveOutcome = 'absent' | 'moved' | 'not-ours';

/** Moves one item (see the module comment for the order). Throws `KEYCHAIN_UNAVAILABLE` when a step fails; the old item then stays. */
export async function moveKeychainItem(vault: SecretVault, item: LegacyKeychainItem): Promise<MoveOutcome> {
  const old = await vault.get(item.from);
  if (old === undefined) return 'absent';
  if (item.belongs && !(await item.belongs(old))) return 'not-ours';
  const current = await vault.get(item.to);
  // A verified data key overrides whatever the new name holds (that cannot open the file); a client
  // secret already under the new name is newer than the old item.
  if (current === undefined || (item.belongs !== undefined && current !== old)) {
    await vault.set(item.to, old);
    if ((await vault.get(item.to)) !== old) {
      throw new AppError('KEYCHAIN_UNAVAILABLE', `The ${vault.backendName} did not keep "${item.to}" while moving "${item.from}"; the old item was kept.`, {
        details: { backend: vault.backendName, account: item.to },
      });
    }
  }
  await vault.delete(item.from);
  return 'moved';
}

/** Dependencies of {@link createKeychainScope}. */
export interface KeychainScopeDeps {
  dataDir: string;
  vault: SecretVault;
  logger: Logger;
  clock?: Clock;
  /**
   * The old-style items this folder may own, from its key and credential records. Without it
   * `ready()` only creates the installation id and never marks the folder as migrated (so a
   * scope built without the records cannot skip the move for the one that has them).
   */
  legacyItems?: (folderId: string) => LegacyKeychainItem[] | Promise<LegacyKeychainItem[]>;
}

/** Builds the keychain scope of `dataDir`. Nothing is read or written until it is first used. */
export function createKeychainScope(deps: KeychainScopeDeps): KeychainScope {
  const now = () => (deps.clock ? deps.clock.now() : new Date());
  let id: string | undefined;
  let pending: Promise<void> | undefined;

  const folderId = (): string => (id ??= ensureInstallation(deps.dataDir, now).id);

  async function migrate(): Promise<void> {
    const installation = ensureInstallation(deps.dataDir, now);
    id = installation.id;
    if (!deps.legacyItems || installation.keychainMigratedAt !== undefined) return;
    let moved = 0;
    let leftForOthers = 0;
    for (const item of await deps.legacyItems(installation.id)) {
      const outcome = await moveKeychainItem(deps.vault, item);
      if (outcome === 'moved') moved += 1;
      if (outcome === 'not-ours') leftForOthers += 1;
    }
    markKeychainMigrated(deps.dataDir, installation, now);
    if (moved + leftForOthers > 0) deps.logger.info('keychain items moved to folder-scoped names', { moved, leftForOtherDataFolders: leftForOthers });
  }

  return {
    folderId,
    ready() {
      pending ??= migrate().catch((error: unknown) => {
        // Not done: the next call tries again (e.g. once the keychain is unlocked).
        pending = undefined;
        throw error;
      });
      return pending;
    },
  };
}
