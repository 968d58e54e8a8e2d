/** Proves the keychain works end to end: store, read back and delete a probe item. */
import { randomUUID } from 'node:crypto';
import { isAppError } from '../../contract/errors';
import type { SecretVault } from '../ports';
import { keychainGuidance } from './os-keychain';

/** The result of {@link probeKeychain}. */
export interface KeychainProbe {
  available: boolean;
  backend: string;
  guidance?: string;
}

/** Stores, reads and deletes a random probe item; never throws. */
export async function probeKeychain(vault: SecretVault): Promise<KeychainProbe> {
  const account = `probe:${randomUUID()}`;
  const value = randomUUID();
  try {
    await vault.set(account, value);
    const readBack = await vault.get(account);
    await vault.delete(account);
    if (readBack !== value) {
      return { available: false, backend: vault.backendName, guidance: `The probe item read back differently. ${keychainGuidance()}` };
    }
    return { available: true, backend: vault.backendName };
  } catch (error) {
    const guidance = isAppError(error) ? error.message : keychainGuidance();
    return { available: false, backend: vault.backendName, guidance };
  }
}
