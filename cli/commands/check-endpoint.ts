/**
 * `check-endpoint` — DNS, public reachability and TLS of an endpoint the provider calls, such as
 * CIS2's back-channel logout URI (the same checks the jwks_uri tester runs, issue 11).
 */
import { EXIT, print, type CliContext } from '../context';
import { defineCommand } from '../spec';
import { caAdvice, checkLine, NETWORK_CHECK_OPTIONS, readNetworkCheckOptions, skippedSummary } from '../network-check';
import { systemClock } from '../../core/ports/system';

/** `check-endpoint`. */
export const checkEndpointCommand = defineCommand({
  name: 'check-endpoint',
  summary: 'Check an endpoint the provider calls (back-channel logout URI): public DNS, reachability, TLS chain',
  args: [{ name: 'url', description: 'the endpoint to check, e.g. your backchannel_logout_uri' }],
  options: {
    purpose: { type: 'string', value: '<what it is>', description: 'what the endpoint is for, used in the report (default: "back-channel logout URI")' },
    ...NETWORK_CHECK_OPTIONS,
  },
  details: ['Needs no keychain and no data folder. Exit 1 when a check fails.'],
  examples: ['oidc-onboard check-endpoint https://clinic.example.org/backchannel-logout'],
  async run(context: CliContext, { values, positionals }) {
    const network = await readNetworkCheckOptions(context, values);
    const { checkEndpoint } = await import('../../core/jwks-check/endpoint-check');
    const fetcher = (await import('../../core/net/fetcher')).createFetcher();
    const report = await checkEndpoint({
      url: positionals[0]!,
      fetcher,
      ...network,
      clock: systemClock,
      purpose: values.purpose ?? 'back-channel logout URI',
    });
    print(context, report, () =>
      [
        ...report.checks.filter((c) => c.status !== 'skip').map(checkLine),
        ...skippedSummary(report.checks.filter((c) => c.status === 'skip')),
        ...caAdvice(report.checks, values.ca),
        '',
        `Verdict: ${report.verdict.toUpperCase()} — ${report.url} (${report.purpose}; trust store: ${report.trustStore.description})`,
        '',
      ].join('\n'),
    );
    return report.verdict === 'fail' ? EXIT.invalid : EXIT.ok;
  },
});
