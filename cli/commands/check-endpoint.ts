/**
 * `check-endpoint` — DNS, public reachability and TLS of an endpoint the provider calls, such as
 * CIS2's back-channel logout URI (the same checks the jwks_uri tester runs, issue 11).
 */
import { EXIT, print, usageError, type CliContext, type Command } from '../context';
import { parseCommandArgs } from '../args';
import { readInputText } from '../input';

const MARK = { pass: '[PASS]', warn: '[WARN]', fail: '[FAIL]', skip: '[SKIP]' } as const;

/** `check-endpoint`. */
export const checkEndpointCommand: Command = {
  name: 'check-endpoint',
  summary: 'Check an endpoint the provider calls (back-channel logout URI): public DNS, reachability, TLS chain',
  usage: 'oidc-onboard check-endpoint <url> [--purpose <what it is, default "back-channel logout URI">] [--ca <pem file>] [--allow-private-network] [--timeout <ms, default 10000>] [--json]',
  async run(context: CliContext, argv) {
    const { values, positionals } = parseCommandArgs(argv, { purpose: { type: 'string' }, ca: { type: 'string' }, timeout: { type: 'string' }, 'allow-private-network': { type: 'boolean' } }, this.usage, { min: 1, max: 1 });
    const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs < 500 || timeoutMs > 120_000)) throw usageError('--timeout is a whole number of milliseconds from 500 to 120000.', this.usage);
    const caPem = values.ca ? await readInputText(context, values.ca, 'CA file') : undefined;
    // Needs no keychain and no data folder.
    const { checkEndpoint } = await import('../../core/jwks-check/endpoint-check');
    const fetcher = (await import('../fetcher')).createCliFetcher();
    const report = await checkEndpoint({
      url: positionals[0]!,
      fetcher,
      ...(values['allow-private-network'] && { allowPrivateNetwork: true }),
      clock: { now: () => new Date() },
      purpose: values.purpose ?? 'back-channel logout URI',
      ...(caPem !== undefined && { caPem }),
      ...(timeoutMs !== undefined && { timeoutMs }),
    });
    print(context, report, () =>
      [
        ...report.checks.map((c) => `${MARK[c.status]} ${c.id}: ${c.message}${c.status === 'warn' || c.status === 'fail' ? `\n       fix: ${c.hint}` : ''}`),
        '',
        `Verdict: ${report.verdict.toUpperCase()} — ${report.url} (${report.purpose}; trust store: ${report.trustStore.description})`,
        '',
      ].join('\n'),
    );
    return report.verdict === 'fail' ? EXIT.invalid : EXIT.ok;
  },
};
