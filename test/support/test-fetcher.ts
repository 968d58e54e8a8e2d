/**
 * The fetcher port for tests that build services: the real safe fetcher, trusting the test CA
 * when given. Its idle keep-alive sockets do not hold the test process open.
 */
import { createFetcher } from '../../core/net/fetcher';
import type { Fetcher } from '../../core/net/types';

/** A real fetcher with a test user agent (and the test CA, for tests that fetch their local servers). */
export function testFetcher(extraCaPem: string[] = []): Fetcher {
  return createFetcher({ userAgent: 'oidc-onboard-test', ...(extraCaPem.length > 0 && { extraCaPem }) });
}
