/**
 * The CLI's one safe fetcher (ARCHITECTURE §6), part of its composition root: built on first
 * use, handed to the services and to the standalone commands (`check-jwks <url>`,
 * `verify-package`). Its idle keep-alive sockets do not hold the process open.
 */
import { USER_AGENT } from '../core/version';
import { createFetcher } from '../core/net/fetcher';
import type { Fetcher } from '../core/net/types';

/** A fetcher with the tool's user agent and the bundled + system trust store (`--ca` adds to it per command). */
export function createCliFetcher(): Fetcher {
  return createFetcher({ userAgent: USER_AGENT });
}
