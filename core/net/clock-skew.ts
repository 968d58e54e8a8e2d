/**
 * Clock skew between this computer and a provider, measured from the provider's `Date`
 * response header (RFC 9110 §6.6.1). Client assertions carry `iat`/`exp` from the local
 * clock, and providers allow seconds of leeway, not minutes — a skewed clock makes every
 * assertion fail with an error that does not mention time. Discovery and the token-endpoint
 * probe measure it on the responses they receive anyway.
 */
import type { FetchResult } from './types';

/** Skew (seconds, either way) above which we warn. The `Date` header has 1 s resolution. */
export const CLOCK_SKEW_WARN_SECONDS = 30;

/** A measured skew. */
export interface ClockSkew {
  /** The server's `Date`, ISO 8601. */
  serverDate: string;
  /** The local clock when the response arrived, ISO 8601. */
  localDate: string;
  /** Local minus server, whole seconds: positive when this computer is ahead. */
  skewSeconds: number;
  /** Above {@link CLOCK_SKEW_WARN_SECONDS}. */
  exceeds: boolean;
  /** The warning with how to fix it, when `exceeds`. */
  warning?: string;
}

/** How to fix a skewed clock, per operating system. */
export const CLOCK_FIX =
  'Sync this computer\'s clock with a time server (NTP): Windows, Settings › Time & language › Date & time › "Sync now"; macOS, System Settings › General › Date & Time › "Set time and date automatically"; Linux, `timedatectl set-ntp true` (or start chrony/systemd-timesyncd).';

function duration(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} minutes`;
  return `${Math.round(s / 3600)} hours`;
}

/**
 * The skew measured on `result`, or `undefined` when the server sent no usable `Date`.
 * A `Date` can be served from a cache (`Age` present): such an answer is not measured.
 */
export function measureClockSkew(result: Pick<FetchResult, 'serverDate' | 'receivedAt' | 'headers'>, who = 'the provider'): ClockSkew | undefined {
  if (result.serverDate === undefined || result.headers.age !== undefined) return undefined;
  const server = Date.parse(result.serverDate);
  const local = Date.parse(result.receivedAt);
  if (!Number.isFinite(server) || !Number.isFinite(local)) return undefined;
  // The header truncates to whole seconds: compare at that resolution.
  const skewSeconds = Math.floor(local / 1000) - Math.floor(server / 1000);
  const exceeds = Math.abs(skewSeconds) > CLOCK_SKEW_WARN_SECONDS;
  const skew: ClockSkew = { serverDate: result.serverDate, localDate: result.receivedAt, skewSeconds, exceeds };
  if (exceeds) {
    skew.warning =
      `Clock skew: this computer's clock is ${duration(skewSeconds)} ${skewSeconds > 0 ? 'ahead of' : 'behind'} ${who}'s ` +
      `(its Date header said ${result.serverDate}, this computer said ${result.receivedAt}). Providers allow only seconds of skew on a ` +
      `client assertion's iat and exp, so assertions signed here will be refused. ${CLOCK_FIX}`;
  }
  return skew;
}
