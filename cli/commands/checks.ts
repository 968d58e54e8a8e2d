/** `check-jwks`, `check-history`, `check-compare` — the jwks_uri tester from the command line (issue 5). */
import { EXIT, print, resolvePath, usageError, type CliContext } from '../context';
import { defineCommand } from '../spec';
import { readInputText } from '../input';
import { loadServices } from '../lazy';
import { writeOutputFile } from '../output';
import { ID_ARG } from '../common-options';
import { caAdvice, checkLine, NETWORK_CHECK_OPTIONS, readNetworkCheckOptions, skippedSummary, type CheckStatus } from '../network-check';
import { systemClock } from '../../core/ports/system';

/** `check-jwks`. */
export const checkJwks = defineCommand({
  name: 'check-jwks',
  summary: 'Check a jwks_uri the way the provider will fetch it',
  args: [{ name: 'url', description: "the jwks_uri to check (with --registration: default the draft's)", optional: true }],
  options: {
    registration: { type: 'string', value: '<id>', description: "check this draft's jwks_uri against its keys, and keep the report in its history" },
    expect: { type: 'string', value: '<file>', complete: 'file', description: 'a JWK, JWK Set or PEM public key the JWKS must hold' },
    ...NETWORK_CHECK_OPTIONS,
    report: { type: 'string', value: '<file.html|.md|.json>', complete: 'file', output: 'file', description: 'also write the full report; the extension picks the format' },
  },
  details: ['Prints each check that passed, warned or failed, and one line per reason for the checks that could not run. Exit 1 when a check fails.'],
  examples: ['oidc-onboard check-jwks https://clinic.example.org/.well-known/jwks.json', 'oidc-onboard check-jwks --registration clinic-portal-int --report jwks-check.html'],
  async run(context: CliContext, { values, positionals }) {
    if (values.registration && values.expect) throw usageError('Give --registration or --expect, not both.');
    if (positionals.length === 0 && !values.registration) throw usageError('Give the URL to check (or --registration to check its jwks_uri).');
    const [network, expectText] = await Promise.all([readNetworkCheckOptions(context, values), values.expect ? readInputText(context, values.expect, 'expected key file') : undefined]);

    const skips: { id: string; message: string }[] = [];
    const request = {
      ...network,
      ...(expectText !== undefined && { expectText }),
      onCheck: (check: { id: string; status: CheckStatus; message: string; hint: string }) => {
        if (context.json) return;
        if (check.status === 'skip') skips.push(check);
        else context.out(`${checkLine(check)}\n`);
      },
    };
    // A standalone check needs no keychain or data folder; a registration check does.
    const report = values.registration
      ? (await (await loadServices(context)).checks.run({ ...request, registrationId: values.registration, ...(positionals[0] && { url: positionals[0] }) })).report
      : await (await import('../../core/jwks-check/check-uri')).checkJwksUri({
          ...request,
          url: positionals[0]!,
          // The URL typed here is the user's own: it may be private (reported as not public); redirects from public hosts into private space are refused.
          source: 'typed',
          fetcher: (await import('../../core/net/fetcher')).createFetcher(),
          clock: systemClock,
        });
    if (values.report) {
      const { toHtml, toMarkdown } = await import('../../core/jwks-check');
      const text = values.report.endsWith('.html') ? toHtml(report) : values.report.endsWith('.md') ? toMarkdown(report) : JSON.stringify(report, null, 2);
      await writeOutputFile(context, values.report, text, 0o644);
    }
    print(context, report, () =>
      [
        ...skippedSummary(skips),
        ...caAdvice(report.checks, values.ca),
        '',
        `Verdict: ${report.verdict.toUpperCase()} for ${report.url} (${Math.round(report.timings.totalMs)} ms; trust store: ${report.trustStore.description})`,
        ...(values.report ? [`Report written to ${resolvePath(context, values.report)}`] : []),
        '',
      ].join('\n'),
    );
    return report.verdict === 'fail' ? EXIT.invalid : EXIT.ok;
  },
});

/** `check-history`. */
export const checkHistory = defineCommand({
  name: 'check-history',
  summary: 'List the jwks_uri checks kept for a registration',
  args: [ID_ARG],
  examples: ['oidc-onboard check-history clinic-portal-int'],
  async run(context, { positionals }) {
    const history = (await loadServices(context)).checks.history(positionals[0]!);
    print(context, history, () =>
      history.length === 0
        ? 'No checks yet. Run: oidc-onboard check-jwks --registration <id>\n'
        : history.map((h) => `${h.reportId}  ${h.verdict.padEnd(4)}  ${h.counts.fail} fail, ${h.counts.warn} warn  ${h.url}`).join('\n') + '\n',
    );
    return EXIT.ok;
  },
});

/** `check-compare`. */
export const checkCompare = defineCommand({
  name: 'check-compare',
  summary: 'Compare two kept jwks_uri checks of a registration',
  args: [
    ID_ARG,
    { name: 'before-report-id', description: 'the earlier report (see check-history)' },
    { name: 'after-report-id', description: 'the later report' },
  ],
  examples: ['oidc-onboard check-compare clinic-portal-int 2026-11-01T10-00-00Z 2026-12-01T10-00-00Z'],
  async run(context, { positionals }) {
    const { diff, markdown } = await (await loadServices(context)).checks.compare(positionals[0]!, positionals[1]!, positionals[2]!);
    const { markdownToPlain } = await import('../plain-text');
    print(context, diff, () => markdownToPlain(markdown));
    return EXIT.ok;
  },
});
