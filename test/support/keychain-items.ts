/** Every item the OS keychain holds under one (test) service name: the way tests prove "no orphan". */
import { findCredentialsAsync } from '@napi-rs/keyring';

/** The account names of every item stored under `service` (never the secrets). */
export async function keychainAccounts(service: string): Promise<string[]> {
  return (await findCredentialsAsync(service)).map((c) => c.account).sort();
}
