/** `compare` — two environments of one application, value by value (issue 12). */
import { EXIT, print } from '../context';
import { defineCommand } from '../spec';
import { loadServices } from '../lazy';

/** `compare <id-a> <id-b>`: exit 1 when a finding is an error (a shared key pair, a test host in live). */
export const compare = defineCommand({
  name: 'compare',
  summary: 'Compare two environments of one application: what differs, what must differ, what NHS expects to match',
  args: [
    { name: 'id-a', description: 'one registration (e.g. the INT one)' },
    { name: 'id-b', description: 'the other (e.g. the live one)' },
  ],
  details: ['Exit 1 when a finding is an error (a key pair shared between environments, a test host in live).'],
  examples: ['oidc-onboard compare clinic-portal-int clinic-portal-live'],
  async run(context, { positionals }) {
    const [{ drafts }, { compareRegistrations, compareText }] = await Promise.all([loadServices(context), import('../../core/registration/compare')]);
    const report = compareRegistrations(drafts.record(positionals[0]!), drafts.record(positionals[1]!));
    print(context, report, () => compareText(report));
    return report.verdict === 'fail' ? EXIT.invalid : EXIT.ok;
  },
});
