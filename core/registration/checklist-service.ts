/**
 * The checklist service: a registration's submission checklist and the ticks the user keeps in it
 * (`registration.checklist`, item id → when it was ticked). Ticking re-reads the settings file
 * under its update and changes only that member.
 */
import { AppError } from '../../contract/errors';
import type { ChecklistView } from '../../contract/schemas/checklist';
import type { Registration } from '../../contract/schemas/registration';
import type { Clock } from '../ports';
import { CHECKLISTS, type ChecklistTable } from '../profiles/checklists';
import type { SettingsStore } from '../storage/settings-store';
import { resolveChecklist } from './checklist';

/** Builds the checklist service; `table` defaults to the built-in checklists (tests inject their own). */
export function createChecklistService(deps: { store: SettingsStore; clock: Clock; table?: ChecklistTable }) {
  const table = deps.table ?? CHECKLISTS;
  const registration = (id: string): Registration => {
    const registrations = deps.store.read().registrations;
    const found = Object.hasOwn(registrations, id) ? registrations[id] : undefined;
    if (!found) throw new AppError('NOT_FOUND', `No registration "${id}". Run \`oidc-onboard list\` to see them.`, { details: { id } });
    return found;
  };

  return {
    /** The checklist of registration `id` with its answers and ticks. */
    view: (id: string): ChecklistView => resolveChecklist(registration(id), table),

    /**
     * Ticks (`done`) or unticks an item.
     *
     * @throws AppError `NOT_FOUND` for an unknown registration or an item id not in its checklist.
     */
    tick(id: string, itemId: string, done: boolean): ChecklistView {
      const known = resolveChecklist(registration(id), table).items.map((i) => i.id);
      if (!known.includes(itemId)) {
        throw new AppError('NOT_FOUND', `No checklist item "${itemId}" for ${id}. Known: ${known.join(', ') || 'none'}.`, { details: { id, itemId } });
      }
      const now = deps.clock.now().toISOString();
      deps.store.update((settings) => {
        const reg = Object.hasOwn(settings.registrations, id) ? settings.registrations[id] : undefined;
        if (!reg) throw new AppError('NOT_FOUND', `No registration "${id}".`, { details: { id } });
        const ticks = { ...reg.checklist };
        if (done) ticks[itemId] = { doneAt: ticks[itemId]?.doneAt ?? now };
        else delete ticks[itemId];
        reg.checklist = ticks;
        reg.updatedAt = now;
      });
      return resolveChecklist(registration(id), table);
    },
  };
}

/** The checklist service's type. */
export type ChecklistService = ReturnType<typeof createChecklistService>;
