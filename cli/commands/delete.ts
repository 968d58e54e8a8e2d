/** `delete` — a registration and everything it owns (keys, keychain items, client secret, check history). */
import { AppError } from '../../contract/errors';
import { EXIT, print } from '../context';
import { defineCommand } from '../spec';
import { loadServices } from '../lazy';
import { ID_ARG } from '../common-options';

/** `delete`. */
export const deleteCommand = defineCommand({
  name: 'delete',
  summary: 'Delete a registration with its keys, keychain items, client secret and check history',
  args: [ID_ARG],
  options: { yes: { type: 'boolean', short: 'y', description: 'confirm: everything it owns is removed for good' } },
  examples: ['oidc-onboard delete clinic-portal-int --yes'],
  async run(context, { values, positionals }) {
    const id = positionals[0]!;
    if (!values.yes) {
      throw new AppError('CONFIRMATION_REQUIRED', `Deleting ${id} removes its key pairs, keychain items, client secret and check history for good; add --yes to confirm.`, { details: { id } });
    }
    const report = await (await loadServices(context)).deletion.delete(id, { confirm: true });
    print(context, { deleted: true, ...report }, () =>
      [
        `Deleted ${report.id}.`,
        ...report.keys.map((k) => `  key ${k.kid}: file ${k.fileRemoved ? 'removed' : 'already gone'}, keychain item ${k.keychainItemRemoved ? 'removed' : 'none'}`),
        ...(report.credentials ? [`  credentials (Client ID ${report.credentials.clientId}): ${report.credentials.keychainItemRemoved ? 'client secret removed from the keychain' : 'record removed (no secret stored)'}`] : []),
        `  check reports removed: ${report.checkReportsRemoved}`,
        ...(report.packageFilesRemoved.length > 0 ? [`  package files removed: ${report.packageFilesRemoved.length}`] : []),
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  },
});
