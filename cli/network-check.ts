/**
 * What the commands that run network checks (`check-jwks`, `check-endpoint`) share: their
 * `--ca`, `--allow-private-network` and `--timeout` options, reading them into the check's
 * request, and the `[PASS]`/`[FAIL]` lines they print. One place, so both read and behave alike.
 */
import { TLS_CA_ADVICE, usageError, type CliContext } from './context';
import { ALLOW_PRIVATE_NETWORK_OPTION, CA_OPTION } from './common-options';
import { readCaFile } from './input';
import type { OptionDecls, OptionValues } from './spec';

/** The options every network check takes, in the order help lists them. */
export const NETWORK_CHECK_OPTIONS = {
  ca: CA_OPTION,
  'allow-private-network': ALLOW_PRIVATE_NETWORK_OPTION,
  timeout: { type: 'string', value: '<ms>', description: 'total deadline in milliseconds, 500-120000 (default: 10000)' },
} as const satisfies OptionDecls;

/** The parts of a check's request that come from {@link NETWORK_CHECK_OPTIONS}; absent when not given. */
export interface NetworkCheckRequest {
  caPem?: string;
  timeoutMs?: number;
  allowPrivateNetwork?: true;
}

/**
 * Reads the network-check options into request fields: `--timeout` is checked first (a usage
 * error before any file is read), then the `--ca` file is read.
 */
export async function readNetworkCheckOptions(context: Pick<CliContext, 'cwd'>, values: OptionValues<typeof NETWORK_CHECK_OPTIONS>): Promise<NetworkCheckRequest> {
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs < 500 || timeoutMs > 120_000)) throw usageError('--timeout is a whole number of milliseconds from 500 to 120000.');
  const caPem = await readCaFile(context, values.ca);
  return {
    ...(caPem !== undefined && { caPem }),
    ...(timeoutMs !== undefined && { timeoutMs }),
    ...(values['allow-private-network'] && { allowPrivateNetwork: true }),
  };
}

const MARK = { pass: '[PASS]', warn: '[WARN]', fail: '[FAIL]', skip: '[SKIP]' } as const;

/** The status a check line can carry. */
export type CheckStatus = keyof typeof MARK;

/** `[FAIL] id: message` and, for a warning or a failure, an indented `fix:` line with its hint. */
export function checkLine(check: { id: string; status: CheckStatus; message: string; hint: string }): string {
  return `${MARK[check.status]} ${check.id}: ${check.message}${check.status === 'warn' || check.status === 'fail' ? `\n       fix: ${check.hint}` : ''}`;
}

/**
 * At most three lines for the skipped checks: how many were skipped for each reason (the two
 * commonest named, the rest counted), instead of one line per check that could not run.
 */
export function skippedSummary(skips: readonly { id: string; message: string }[]): string[] {
  if (skips.length === 0) return [];
  const byReason = new Map<string, number>();
  for (const s of skips) byReason.set(s.message, (byReason.get(s.message) ?? 0) + 1);
  const reasons = [...byReason].sort((a, b) => b[1] - a[1]);
  const named = reasons.length <= 3 ? reasons : reasons.slice(0, 2);
  const rest = reasons.slice(named.length).reduce((n, [, count]) => n + count, 0);
  return [
    ...named.map(([reason, count]) => `[SKIP] ${count} check(s) not run: ${reason.replace(/^Not checked: /, '')}`),
    ...(rest > 0 ? [`[SKIP] ${rest} more for ${reasons.length - named.length} other reason(s); --json or --report lists each`] : []),
  ];
}

/** {@link TLS_CA_ADVICE} as a line when the chain was untrusted and no `--ca` was given; nothing otherwise. */
export function caAdvice(checks: readonly { id: string; status: CheckStatus }[], ca: string | undefined): string[] {
  return !ca && checks.some((c) => c.id === 'tls.chain' && c.status === 'fail') ? [TLS_CA_ADVICE] : [];
}
