/**
 * core/net — the one way this app touches a user-supplied URL (ARCHITECTURE §6).
 *
 * - {@link parseTargetUrl}: the URL policy (https only, no userinfo/fragment, no silent repairs).
 * - {@link classifyAddress}: loopback/private/link-local/… for IPv4 and IPv6.
 * - {@link createFetcher}: GET with keep-alive reuse, own DNS (no rebinding), TLS evidence,
 *   decoded-size cap, connect/headers/total deadlines, explicit redirect handling.
 * - {@link fetchDiscovery}: OIDC discovery with the §4.3 issuer check as a warning.
 * - {@link refusedAddress}: the address policy (link-local always refused; private and loopback
 *   refused for untrusted URLs unless allowed), applied by the fetcher before connecting.
 * - {@link measureClockSkew}: this computer's clock against a provider's `Date` header.
 */
export { classifyAddress, ipFamily, type AddressKind } from './address';
export {
  ALWAYS_REFUSED_KINDS,
  policyAfterRedirect,
  refusalMessage,
  refusedAddress,
  type AddressPolicy,
  type AddressRefusal,
  type AddressRefusalReason,
  type UrlSource,
} from './address-policy';
export { CLOCK_FIX, CLOCK_SKEW_WARN_SECONDS, measureClockSkew, type ClockSkew } from './clock-skew';
export { fetcherForCa } from './fetcher-for-ca';
export { isLoopbackHostname, MAX_URL_LENGTH, parseTargetUrl, type UrlPolicyOptions, type UrlRefusalReason } from './url-policy';
export {
  createFetcher,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
  MAX_FORM_BYTES,
  type FetchPhase,
} from './fetcher';
export { splitPemCertificates } from './trust-store';
export {
  compareIssuers,
  DISCOVERY_MAX_BYTES,
  discoveryUrlFor,
  fetchDiscovery,
  providerMetadataSchema,
  WELL_KNOWN_PATH,
  type DiscoveryDocument,
  type DiscoveryOptions,
  type DiscoveryWarning,
  type IssuerMatch,
  type ProviderMetadata,
} from './discovery';
export type * from './types';
