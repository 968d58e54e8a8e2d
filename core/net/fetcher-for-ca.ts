/**
 * The fetcher port for one operation that may carry its own CA file (`--ca`, the app's
 * "Extra CA certificates" box): the shared fetcher when there is none, else a derived one
 * that also trusts it — closed by `release()`, while the shared one lives on.
 */
import { splitPemCertificates } from './trust-store';
import type { Fetcher } from './types';

/** `fetcher` itself, or one that also trusts `caPem`; call `release()` when done. */
export function fetcherForCa(fetcher: Fetcher, caPem: string | readonly string[] | undefined): { fetcher: Fetcher; release(): void } {
  const pems = caPem === undefined ? [] : typeof caPem === 'string' ? (caPem.trim() === '' ? [] : splitPemCertificates(caPem)) : caPem.flatMap((p) => splitPemCertificates(p));
  if (pems.length === 0) return { fetcher, release: () => undefined };
  const derived = fetcher.withExtraCa(pems);
  return { fetcher: derived, release: () => derived.close() };
}
