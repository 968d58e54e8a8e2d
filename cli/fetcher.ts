/**
 * The CLI's one safe fetcher (ARCHITECTURE §6), part of its composition root: built on first
 * use, handed to the services and to the standalone commands (`check-jwks <url>`,
 * `verify-package`). Its idle keep-alive sockets do not hold the process open.
 */
import { createFetcher } from '../core/net/fetcher';
import type { Fetcher } from '../core/net/types';

/** The fetcher with its defaults: the tool's user agent, the bundled roots then the OS store (`--ca` adds to them per command). */
export function createCliFetcher(): Fetcher {
  return createFetcher();
}
