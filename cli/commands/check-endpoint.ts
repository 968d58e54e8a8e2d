/**
 * `check-endpoint` — DNS, public reachability and TLS of an endpoint the provider calls, such as
 * CIS2's back-channel logout URI (the same checks the jwks_uri tester runs, issue 11).
 */
import { EXIT, print, usageError, type CliContext } from '../context';
import { defineCommand } from '../spec';
import { readInputText } from '../input';
import { ALLOW_PRIVATE_NETWORK_OPTION, CA_OPTION } from '../common-options';

const MARK = { pass: '[PASS]', warn: '[WARN]', fail: '[FAIL]', skip: '[SKIP]' } as const;

/** `check-endpoint`. */
export const checkEndpointCommand = defineCommand({
  name: 'check-endpoint',
  summary: 'Check an endpoint the provider calls (back-channel logout URI): public DNS, reachability, TLS chain',
  args: [{ name: 'url', description: 'the endpoint to check, e.g. your backchannel_logout_uri' }],
  options: {
    purpose: { type: 'string', value: '<what it is>', description: 'what the endpoint is for, used in the report (default: "back-channel logout URI")' },
    ca: CA_OPTION,
    'allow-private-network': ALLOW_PRIVATE_NETWORK_OPTION,
    timeout: { type: 'string', value: '<ms>', description: 'total deadline in milliseconds, 500-120000 (default: 10000)' },
  },
  details: ['Needs no keychain and no data folder. Exit 1 when a check fails.'],
  examples: ['oidc-onboard check-endpoint https://clinic.example.org/backchannel-logout'],
  async run(context: CliContext, { values, positionals }) {
    const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs < 500 || timeoutMs > 120_000)) throw usageError('--timeout is a whole number of milliseconds from 500 to 120000.');
    const caPem = values.ca ? await readInputText(context, values.ca, 'CA file') : undefined;
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
    const { skippedSummary, TLS_CA_ADVICE } = await import('./checks');
    const untrusted = report.checks.some((c) => c.id === 'tls.chain' && c.status === 'fail');
    print(context, report, () =>
      [
        ...report.checks.filter((c) => c.status !== 'skip').map((c) => `${MARK[c.status]} ${c.id}: ${c.message}${c.status === 'warn' || c.status === 'fail' ? `\n       fix: ${c.hint}` : ''}`),
        ...skippedSummary(report.checks.filter((c) => c.status === 'skip')),
        ...(untrusted && !values.ca ? [TLS_CA_ADVICE] : []),
        '',
        `Verdict: ${report.verdict.toUpperCase()} — ${report.url} (${report.purpose}; trust store: ${report.trustStore.description})`,
        '',
      ].join('\n'),
    );
    return report.verdict === 'fail' ? EXIT.invalid : EXIT.ok;
  },
});
