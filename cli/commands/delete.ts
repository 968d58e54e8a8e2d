/** `delete` — a registration and everything it owns (keys, keychain items, client secret, check history). */
import { AppError } from '../../contract/errors';
import { parseCommandArgs } from '../args';
import { EXIT, print, type Command } from '../context';
import { loadServices } from '../lazy';

/** `delete`. */
export const deleteCommand: Command = {
  name: 'delete',
  summary: 'Delete a registration with its keys, keychain items, client secret and check history',
  usage: 'oidc-onboard delete <id> --yes [--json]',
  async run(context, argv) {
    const { values, positionals } = parseCommandArgs(argv, { yes: { type: 'boolean' } }, this.usage, { min: 1, max: 1 });
    const id = positionals[0]!;
    if (!values.yes) {
      throw new AppError('CONFIRMATION_REQUIRED', `Deleting ${id} removes its key pairs, keychain items, client secret and check history for good; add --yes to confirm.\nUsage: ${this.usage}`, { details: { id } });
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
};
