/**
 * Classification of IP addresses, so the fetcher can report (and callers can
 * warn about) targets that a remote identity provider could never reach:
 * loopback, private, link-local and the like.
 */
import { isIP } from 'node:net';
import { AppError } from '../../contract/errors';

/** What kind of network an IP address belongs to. CGNAT (100.64.0.0/10) counts as `private`. */
export type AddressKind =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unique-local'
  | 'unspecified'
  | 'multicast'
  | 'reserved';

type V4Range = readonly [base: number, prefix: number, kind: AddressKind];

// Order matters only where ranges nest (0.0.0.0/32 before 0.0.0.0/8).
const V4_RANGES: readonly V4Range[] = [
  [ipv4ToInt([0, 0, 0, 0]), 32, 'unspecified'],
  [ipv4ToInt([0, 0, 0, 0]), 8, 'reserved'], // "this network"
  [ipv4ToInt([127, 0, 0, 0]), 8, 'loopback'],
  [ipv4ToInt([10, 0, 0, 0]), 8, 'private'],
  [ipv4ToInt([172, 16, 0, 0]), 12, 'private'],
  [ipv4ToInt([192, 168, 0, 0]), 16, 'private'],
  [ipv4ToInt([100, 64, 0, 0]), 10, 'private'], // CGNAT, RFC 6598: not reachable from the internet
  [ipv4ToInt([169, 254, 0, 0]), 16, 'link-local'],
  [ipv4ToInt([192, 0, 0, 0]), 24, 'reserved'], // IETF protocol assignments
  [ipv4ToInt([192, 0, 2, 0]), 24, 'reserved'], // TEST-NET-1
  [ipv4ToInt([198, 18, 0, 0]), 15, 'reserved'], // benchmarking
  [ipv4ToInt([198, 51, 100, 0]), 24, 'reserved'], // TEST-NET-2
  [ipv4ToInt([203, 0, 113, 0]), 24, 'reserved'], // TEST-NET-3
  [ipv4ToInt([224, 0, 0, 0]), 4, 'multicast'],
  [ipv4ToInt([240, 0, 0, 0]), 4, 'reserved'], // includes 255.255.255.255 broadcast
];

function ipv4ToInt(octets: readonly number[]): number {
  return (((octets[0] ?? 0) << 24) | ((octets[1] ?? 0) << 16) | ((octets[2] ?? 0) << 8) | (octets[3] ?? 0)) >>> 0;
}

function classifyV4(value: number): AddressKind {
  for (const [base, prefix, kind] of V4_RANGES) {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    if ((value & mask) >>> 0 === base) return kind;
  }
  return 'public';
}

function parseV4(ip: string): number {
  return ipv4ToInt(ip.split('.').map((part) => Number(part)));
}

/** Parses a valid IPv6 literal (already checked by `isIP`) into its eight 16-bit groups. */
function parseV6(ip: string): number[] {
  let text = ip;
  // A dotted IPv4 tail ("::ffff:1.2.3.4") stands for the last two groups: rewrite it as hex.
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseV4(tail);
    text = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = '', rest] = text.split('::') as [string, string | undefined];
  const headGroups = head === '' ? [] : head.split(':').map((g) => parseInt(g, 16));
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':').map((g) => parseInt(g, 16));
  const zeros = rest === undefined ? 0 : 8 - headGroups.length - restGroups.length;
  return [...headGroups, ...new Array<number>(zeros).fill(0), ...restGroups];
}

function classifyV6(groups: readonly number[]): AddressKind {
  const g = (i: number): number => groups[i] ?? 0;
  const firstSixZero = [0, 1, 2, 3, 4, 5].every((i) => g(i) === 0);
  const embeddedV4 = ((g(6) << 16) | g(7)) >>> 0;
  if (firstSixZero && g(6) === 0 && g(7) === 0) return 'unspecified';
  if (firstSixZero && g(6) === 0 && g(7) === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) is the IPv4 address itself as far as routing goes.
  if ([0, 1, 2, 3, 4].every((i) => g(i) === 0) && g(5) === 0xffff) return classifyV4(embeddedV4);
  // NAT64 well-known prefix 64:ff9b::/96 reaches the embedded IPv4 address.
  if (g(0) === 0x64 && g(1) === 0xff9b && [2, 3, 4, 5].every((i) => g(i) === 0)) return classifyV4(embeddedV4);
  if (firstSixZero) return 'reserved'; // deprecated IPv4-compatible ::a.b.c.d
  const first = g(0);
  if ((first & 0xfe00) === 0xfc00) return 'unique-local'; // fc00::/7
  if ((first & 0xffc0) === 0xfe80) return 'link-local'; // fe80::/10
  if ((first & 0xffc0) === 0xfec0) return 'reserved'; // deprecated site-local fec0::/10
  if ((first & 0xff00) === 0xff00) return 'multicast'; // ff00::/8
  if (first === 0x2001 && g(1) === 0x0db8) return 'reserved'; // documentation 2001:db8::/32
  if (first === 0x0100 && g(1) === 0 && g(2) === 0 && g(3) === 0) return 'reserved'; // discard 100::/64
  if ((first & 0xe000) === 0x2000) return 'public'; // global unicast 2000::/3
  return 'reserved';
}

/**
 * Classifies an IPv4 or IPv6 address (IPv6 may carry a `%zone` suffix or brackets).
 * IPv4-mapped and NAT64 IPv6 addresses are classified by their embedded IPv4 address.
 *
 * @throws AppError `VALIDATION_FAILED` when `ip` is not an IP address literal.
 */
export function classifyAddress(ip: string): AddressKind {
  let text = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  const zone = text.indexOf('%');
  if (zone !== -1) text = text.slice(0, zone);
  const family = isIP(text);
  if (family === 4) return classifyV4(parseV4(text));
  if (family === 6) return classifyV6(parseV6(text.toLowerCase()));
  throw new AppError('VALIDATION_FAILED', `Not an IP address: ${JSON.stringify(ip)}`, { details: { ip } });
}

/** 4 or 6 for an IP literal (brackets allowed), 0 otherwise. */
export function ipFamily(host: string): 0 | 4 | 6 {
  const text = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  // A host name is neither dotted digits nor holds a colon: skip Node's IPv6 pattern, whose
  // first use compiles a large regular expression (milliseconds of every CLI check's start).
  if (!text.includes(':') && !/^[\d.]+$/.test(text)) return 0;
  const family = isIP(text);
  return family === 4 || family === 6 ? family : 0;
}
