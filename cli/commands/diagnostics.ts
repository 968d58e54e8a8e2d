/** `diagnostics` — the support bundle (issue 7). */
import { EXIT, print, resolvePath, usageError, type Command } from '../context';
import { parseCommandArgs } from '../args';
import { loadServices } from '../lazy';

/** `diagnostics --out <file>`. */
export const diagnostics: Command = {
  name: 'diagnostics',
  summary: 'Write a diagnostics zip for support (no secrets: they are masked)',
  usage: 'oidc-onboard diagnostics --out <file.zip> [--json]',
  async run(context, argv) {
    const { values } = parseCommandArgs(argv, { out: { type: 'string' } }, this.usage, { min: 0, max: 0 });
    if (values.out === undefined || values.out === '') throw usageError('--out <file.zip> is required.', this.usage);
    const [services, { writeDiagnosticsBundle }] = await Promise.all([loadServices(context), import('../../core/diagnostics')]);
    const { vault, clock, logger, dataDir } = services.ports;
    const result = await writeDiagnosticsBundle({ store: services.store, registrations: services.registrations, vault, clock, logger, dataDir }, resolvePath(context, values.out));
    for (const warning of result.warnings) context.err(`oidc-onboard: ${warning}\n`);
    print(context, result, () => `Wrote ${result.path} (${result.size} bytes, sha256 ${result.sha256}).\nIt holds ${result.entries.join(', ')}; secrets are masked. Check it before you send it.\n`);
    return EXIT.ok;
  },
};
