/** `diagnostics` — the support bundle (issue 7). */
import { EXIT, print, resolvePath } from '../context';
import { defineCommand } from '../spec';
import { loadServices } from '../lazy';

/** `diagnostics --out <file>`. */
export const diagnostics = defineCommand({
  name: 'diagnostics',
  summary: 'Write a diagnostics zip for support (no secrets: they are masked)',
  options: { out: { type: 'string', value: '<file.zip>', required: true, complete: 'file', output: 'file', description: 'the zip to write' } },
  examples: ['oidc-onboard diagnostics --out diagnostics.zip'],
  async run(context, { values }) {
    const result = await (await loadServices(context)).diagnostics(resolvePath(context, values.out!));
    for (const warning of result.warnings) context.err(`oidc-onboard: ${warning}\n`);
    print(context, result, () => `Wrote ${result.path} (${result.size} bytes, sha256 ${result.sha256}).\nIt holds ${result.entries.join(', ')}; secrets are masked. Check it before you send it.\n`);
    return EXIT.ok;
  },
});
