/**
 * Titles of the check areas, in report order. The ids are the contract's `CHECK_AREAS`; the
 * titles mirror core/jwks-check/catalogue.ts `AREA_TITLES`, which the renderer may not import.
 */
import type { CheckArea } from '../../contract/schemas/jwks-check';

/** Every area with its title, in report order (a Record, so a new area is a compile error here). */
export const AREA_TITLES: Readonly<Record<CheckArea, string>> = {
  url: 'URL',
  dns: 'DNS and reachability',
  tls: 'TLS',
  http: 'HTTP',
  headers: 'Response headers',
  limits: 'Size and time limits',
  body: 'JWK Set structure',
  keys: 'Keys',
  strength: 'Key strength and algorithm',
  match: 'Local key',
  consistency: 'Consistency',
};
