/** The public facts of a registration's active key, for views that show or copy them (never private material). */
import { exportSpkiPem } from './export';
import { parseKeyRecord } from './key-record';
import { activeKey } from './key-ring';

/** kid, algorithm, RFC 7638 thumbprint and SPKI PEM of the active key. */
export interface ActiveKeyFacts {
  kid: string;
  alg: string;
  thumbprint: string;
  publicPem: string;
}

/** The active key's public facts among stored key records, or `undefined` when none is active. */
export function activeKeyFacts(storedRecords: readonly Record<string, unknown>[]): ActiveKeyFacts | undefined {
  const active = activeKey(storedRecords.map(parseKeyRecord));
  return active && { kid: active.kid, alg: active.alg, thumbprint: active.thumbprint, publicPem: exportSpkiPem(active) };
}
