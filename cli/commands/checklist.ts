/** `checklist` — the NHS steps around a registration, with copy-ready answers, and ticking them off (issue 12). */
import { EXIT, print, usageError } from '../context';
import { defineCommand } from '../spec';
import { loadServices } from '../lazy';
import { ID_ARG } from '../common-options';

/** `checklist <id> [--done <item-id>]... [--undo <item-id>]...`. */
export const checklist = defineCommand({
  name: 'checklist',
  summary: 'The submission checklist of a draft (what to send where, copy-ready answers); tick items with --done',
  args: [ID_ARG],
  options: {
    done: { type: 'string', multiple: true, value: '<item-id>', description: 'tick this item (ids are printed with each item)' },
    undo: { type: 'string', multiple: true, value: '<item-id>', description: 'untick this item' },
  },
  examples: ['oidc-onboard checklist clinic-portal-int', 'oidc-onboard checklist clinic-portal-int --done team-id'],
  async run(context, { values, positionals }) {
    const both = (values.done ?? []).filter((item) => (values.undo ?? []).includes(item));
    if (both.length > 0) throw usageError(`Give ${both.join(', ')} to --done or --undo, not both.`);
    const id = positionals[0]!;
    const [{ checklist: service }, { checklistText }] = await Promise.all([loadServices(context), import('../../core/registration/checklist')]);
    let view = service.view(id);
    for (const item of values.done ?? []) view = service.tick(id, item, true);
    for (const item of values.undo ?? []) view = service.tick(id, item, false);
    print(context, view, () => checklistText(view));
    return EXIT.ok;
  },
});
