/**
 * A standalone jwks_uri check (no registration, no keychain, no data folder): the expectation
 * parsed, the run, the derived fetcher for an extra CA released. Its own module so the CLI's
 * standalone check loads neither the check history's schemas nor the key service.
 */
import type { Check, JwksCheckReport } from '../../contract/schemas/jwks-check';
import { APP_VERSION } from '../version';
import type { UrlSource } from '../net/address-policy';
import { fetcherForCa } from '../net/fetcher-for-ca';
import type { Fetcher } from '../net/types';
import type { Clock } from '../ports';
import { parseExpectation } from './expectation';
import type { JwksExpectation } from './match-checks';
import { runJwksCheck } from './run';

/**
 * A standalone check through the fetcher port (with `caPem`, a derived fetcher for the run,
 * closed after). `source` says whose URL it is: `typed` for the user's, `untrusted` for a
 * package's.
 */
export async function checkJwksUri(request: {
  url: string;
  fetcher: Fetcher;
  source: UrlSource;
  sourceLabel?: string;
  allowPrivateNetwork?: boolean;
  clock: Clock;
  expectation?: JwksExpectation;
  expectText?: string;
  profileAlg?: string;
  caPem?: string;
  timeoutMs?: number;
  onCheck?: (check: Check) => void;
  signal?: AbortSignal;
}): Promise<JwksCheckReport> {
  const expectation = request.expectText !== undefined ? { publicJwks: parseExpectation(request.expectText) } : request.expectation;
  const { fetcher, release } = fetcherForCa(request.fetcher, request.caPem);
  try {
    return await runJwksCheck({
      url: request.url,
      fetcher,
      source: request.source,
      ...(request.sourceLabel !== undefined && { sourceLabel: request.sourceLabel }),
      ...(request.allowPrivateNetwork !== undefined && { allowPrivateNetwork: request.allowPrivateNetwork }),
      clock: request.clock,
      toolVersion: APP_VERSION,
      ...(expectation && { expect: expectation }),
      ...(request.profileAlg && { profileAlg: request.profileAlg }),
      ...(request.timeoutMs !== undefined && { timeoutMs: request.timeoutMs }),
      ...(request.onCheck && { onCheck: request.onCheck }),
      ...(request.signal && { signal: request.signal }),
    });
  } finally {
    release();
  }
}

