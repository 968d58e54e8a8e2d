/**
 * The one network policy for where a URL may lead (ARCHITECTURE §6), judged on the
 * addresses the fetcher resolved — before it opens any connection:
 *
 * - link-local (169.254.0.0/16, fe80::/10: cloud metadata services), unspecified
 *   (0.0.0.0, ::) and multicast addresses are always refused;
 * - loopback, private (10/8, 172.16/12, 192.168/16, CGNAT 100.64/10), unique-local
 *   (fc00::/7) and reserved addresses are refused when the URL comes from untrusted input
 *   (a package being verified, a discovery document, a redirect from a public address),
 *   unless the user allows private networks explicitly (`--allow-private-network`, or the
 *   app's checkbox);
 * - a URL the user typed may be private or loopback (local testing); the checks still
 *   report it as not public.
 *
 * Pure: the fetcher applies it, tests can judge constructed addresses.
 */
import type { AddressKind } from './address';

/** Where a URL came from. `typed`: the user entered it; `untrusted`: a file, a server's document or a redirect. */
export type UrlSource = 'typed' | 'untrusted';

/** How one fetch is judged. */
export interface AddressPolicy {
  source: UrlSource;
  /** The user's explicit consent to reach private networks from untrusted URLs. Never lifts the always-refused kinds. */
  allowPrivateNetwork: boolean;
}

/** Kinds never fetched, whatever the source or consent. */
export const ALWAYS_REFUSED_KINDS: ReadonlySet<AddressKind> = new Set<AddressKind>(['link-local', 'unspecified', 'multicast']);

/** Why an address was refused; `details.reason` of `NETWORK_ADDRESS_REFUSED`. */
export type AddressRefusalReason = 'always-refused' | 'not-public';

/** An address the policy refuses, and why. */
export interface AddressRefusal {
  reason: AddressRefusalReason;
  address: string;
  kind: AddressKind;
}

/**
 * The first refused address among `addresses`, or `undefined` when the fetch may connect.
 * Every address must pass: a host resolving to one public and one private address could
 * otherwise be steered to the private one.
 */
export function refusedAddress(addresses: readonly { address: string; kind: AddressKind }[], policy: AddressPolicy): AddressRefusal | undefined {
  const always = addresses.find((a) => ALWAYS_REFUSED_KINDS.has(a.kind));
  if (always) return { reason: 'always-refused', address: always.address, kind: always.kind };
  if (policy.source === 'typed' || policy.allowPrivateNetwork) return undefined;
  const nonPublic = addresses.find((a) => a.kind !== 'public');
  return nonPublic ? { reason: 'not-public', address: nonPublic.address, kind: nonPublic.kind } : undefined;
}

/**
 * The policy for the hop a redirect leads to. A redirect from a public address is untrusted
 * input (a public server must not steer us into the local network); a redirect from a
 * non-public address the user typed stays within the network the user chose to test.
 */
export function policyAfterRedirect(policy: AddressPolicy, fromAddresses: readonly { kind: AddressKind }[]): AddressPolicy {
  const fromNonPublic = fromAddresses.length > 0 && fromAddresses.every((a) => a.kind !== 'public');
  return { ...policy, source: policy.source === 'typed' && fromNonPublic ? 'typed' : 'untrusted' };
}

const KIND_LABEL: Record<AddressKind, string> = {
  public: 'public',
  loopback: 'loopback (this computer)',
  private: 'private network',
  'link-local': 'link-local (cloud metadata and local-link services)',
  'unique-local': 'unique-local (private IPv6)',
  unspecified: 'unspecified',
  multicast: 'multicast',
  reserved: 'reserved (not routed on the internet)',
};

/** The user-facing message of a refusal. `from` says where the URL came from, e.g. "the package". */
export function refusalMessage(host: string, refusal: AddressRefusal, from: string): string {
  const where = host === refusal.address || host === `[${refusal.address}]` ? `${host} is` : `${host} resolves to ${refusal.address}, which is`;
  if (refusal.reason === 'always-refused') {
    return `Refused before connecting: ${where} a ${KIND_LABEL[refusal.kind]} address. Such addresses are never fetched, whatever the settings; nothing was sent.`;
  }
  return (
    `Refused before connecting: ${where} a ${KIND_LABEL[refusal.kind]} address, and the URL comes from ${from}, not from you. ` +
    'Nothing was sent. If you mean to reach a private network, allow it explicitly (--allow-private-network, or "Allow private network addresses" in the app).'
  );
}
