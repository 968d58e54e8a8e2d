/** `checklist` — the NHS steps around a registration, with copy-ready answers, and ticking them off (issue 12). */
import { EXIT, print, usageError, type Command } from '../context';
import { parseCommandArgs } from '../args';
import { loadServices } from '../lazy';

/** `checklist <id> [--done <item-id>]... [--undo <item-id>]...`. */
export const checklist: Command = {
  name: 'checklist',
  summary: 'The submission checklist of a draft (what to send where, copy-ready answers); tick items with --done',
  usage: 'oidc-onboard checklist <id> [--done <item-id>]... [--undo <item-id>]... [--json]',
  async run(context, argv) {
    const { values, positionals } = parseCommandArgs(argv, { done: { type: 'string', multiple: true }, undo: { type: 'string', multiple: true } }, this.usage, { min: 1, max: 1 });
    const both = (values.done ?? []).filter((item) => (values.undo ?? []).includes(item));
    if (both.length > 0) throw usageError(`Give ${both.join(', ')} to --done or --undo, not both.`, this.usage);
    const id = positionals[0]!;
    const [{ checklist: service }, { checklistText }] = await Promise.all([loadServices(context), import('../../core/registration/checklist')]);
    let view = service.view(id);
    for (const item of values.done ?? []) view = service.tick(id, item, true);
    for (const item of values.undo ?? []) view = service.tick(id, item, false);
    print(context, view, () => checklistText(view));
    return EXIT.ok;
  },
};
