/** `compare` — two environments of one application, value by value (issue 12). */
import { EXIT, print, type Command } from '../context';
import { parseCommandArgs } from '../args';
import { loadServices } from '../lazy';

/** `compare <id-a> <id-b>`: exit 1 when a finding is an error (a shared key pair, a test host in live). */
export const compare: Command = {
  name: 'compare',
  summary: 'Compare two environments of one application: what differs, what must differ, what NHS expects to match',
  usage: 'oidc-onboard compare <id-a> <id-b> [--json]',
  async run(context, argv) {
    const { positionals } = parseCommandArgs(argv, {}, this.usage, { min: 2, max: 2 });
    const [{ drafts }, { compareRegistrations, compareText }] = await Promise.all([loadServices(context), import('../../core/registration/compare')]);
    const report = compareRegistrations(drafts.record(positionals[0]!), drafts.record(positionals[1]!));
    print(context, report, () => compareText(report));
    return report.verdict === 'fail' ? EXIT.invalid : EXIT.ok;
  },
};
