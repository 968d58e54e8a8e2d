/** `check-jwks`, `check-history`, `check-compare` — the jwks_uri tester from the command line (issue 5). */
import { writeFile } from 'node:fs/promises';
import { EXIT, print, usageError, type CliContext, type Command } from '../context';
import { parseCommandArgs } from '../args';
import { readInputText } from '../input';
import { loadServices } from '../lazy';

const MARK = { pass: '[PASS]', warn: '[WARN]', fail: '[FAIL]', skip: '[SKIP]' } as const;

/** `check-jwks`. */
export const checkJwks: Command = {
  name: 'check-jwks',
  summary: 'Check a jwks_uri the way the provider will fetch it',
  usage:
    'oidc-onboard check-jwks <url> [--registration <id> | --expect <file with a JWK, a JWK Set or a PEM public key>] [--ca <pem file>] [--allow-private-network] [--timeout <ms: total deadline, default 10000>] [--report <file.html|.md|.json>] [--json]',
  async run(context: CliContext, argv) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { registration: { type: 'string' }, expect: { type: 'string' }, ca: { type: 'string' }, timeout: { type: 'string' }, report: { type: 'string' }, 'allow-private-network': { type: 'boolean' } },
      this.usage,
      { min: 0, max: 1 },
    );
    if (values.registration && values.expect) throw usageError('Give --registration or --expect, not both.', this.usage);
    if (positionals.length === 0 && !values.registration) throw usageError('Give the URL to check (or --registration to check its jwks_uri).', this.usage);
    const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs < 500 || timeoutMs > 120_000)) throw usageError('--timeout is a whole number of milliseconds from 500 to 120000.', this.usage);
    const [expectText, caPem] = await Promise.all([values.expect ? readInputText(context, values.expect, 'expected key file') : undefined, values.ca ? readInputText(context, values.ca, 'CA file') : undefined]);

    const request = {
      ...(expectText !== undefined && { expectText }),
      ...(caPem !== undefined && { caPem }),
      ...(timeoutMs !== undefined && { timeoutMs }),
      ...(values['allow-private-network'] && { allowPrivateNetwork: true }),
      onCheck: (check: { id: string; status: keyof typeof MARK; message: string; hint: string }) => {
        if (!context.json) context.out(`${MARK[check.status]} ${check.id}: ${check.message}${check.status === 'warn' || check.status === 'fail' ? `\n       fix: ${check.hint}` : ''}\n`);
      },
    };
    // A standalone check needs no keychain or data folder; a registration check does.
    const report = values.registration
      ? (await (await loadServices(context)).checks.run({ ...request, registrationId: values.registration, ...(positionals[0] && { url: positionals[0] }) })).report
      : await (await import('../../core/jwks-check/service')).checkJwksUri({
          ...request,
          url: positionals[0]!,
          // The URL typed here is the user's own: it may be private (reported as not public); redirects from public hosts into private space are refused.
          source: 'typed',
          fetcher: (await import('../fetcher')).createCliFetcher(),
          clock: { now: () => new Date() },
        });
    if (values.report) {
      const { toHtml, toMarkdown } = await import('../../core/jwks-check');
      const text = values.report.endsWith('.html') ? toHtml(report) : values.report.endsWith('.md') ? toMarkdown(report) : JSON.stringify(report, null, 2);
      await writeFile(values.report, text);
    }
    print(context, report, () => `\nVerdict: ${report.verdict.toUpperCase()} for ${report.url} (${Math.round(report.timings.totalMs)} ms; trust store: ${report.trustStore.description})\n`);
    return report.verdict === 'fail' ? EXIT.invalid : EXIT.ok;
  },
};

/** `check-history`. */
export const checkHistory: Command = {
  name: 'check-history',
  summary: 'List the jwks_uri checks kept for a registration',
  usage: 'oidc-onboard check-history <id> [--json]',
  async run(context, argv) {
    const { positionals } = parseCommandArgs(argv, {}, this.usage, { min: 1, max: 1 });
    const history = (await loadServices(context)).checks.history(positionals[0]!);
    print(context, history, () =>
      history.length === 0
        ? 'No checks yet. Run: oidc-onboard check-jwks --registration <id>\n'
        : history.map((h) => `${h.reportId}  ${h.verdict.padEnd(4)}  ${h.counts.fail} fail, ${h.counts.warn} warn  ${h.url}`).join('\n') + '\n',
    );
    return EXIT.ok;
  },
};

/** `check-compare`. */
export const checkCompare: Command = {
  name: 'check-compare',
  summary: 'Compare two kept jwks_uri checks of a registration',
  usage: 'oidc-onboard check-compare <id> <before-report-id> <after-report-id> [--json]',
  async run(context, argv) {
    const { positionals } = parseCommandArgs(argv, {}, this.usage, { min: 3, max: 3 });
    const { diff, markdown } = await (await loadServices(context)).checks.compare(positionals[0]!, positionals[1]!, positionals[2]!);
    print(context, diff, () => markdown);
    return EXIT.ok;
  },
};
