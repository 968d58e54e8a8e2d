/**
 * The checklist service: a registration's submission checklist, answered from its values and its
 * active key, and the ticks the user keeps in it (`registration.checklist`, item id → when ticked).
 */
import type { ChecklistView } from '../../contract/schemas/checklist';
import type { Registration } from '../../contract/schemas/registration';
import { activeKeyFacts } from '../keys/public-facts';
import type { Clock } from '../ports';
import type { ChecklistTable } from '../profiles/checklists';
import { resolveChecklist, tickChecklistItem } from '../registration/checklist';
import type { RegistrationRepository } from '../storage/registrations';

/** The checklist of `reg` with its active key's answers. */
export function checklistOf(reg: Registration, table?: ChecklistTable): ChecklistView {
  return resolveChecklist(reg, { table, key: activeKeyFacts(reg.keys) });
}

/** Builds the checklist service; `table` defaults to the built-in checklists (tests inject their own). */
export function createChecklistService(deps: { registrations: RegistrationRepository; clock: Clock; table?: ChecklistTable | undefined }) {
  const registration = (id: string): Registration => deps.registrations.get(id);
  return {
    /** The checklist of registration `id` with its answers and ticks. */
    view: (id: string): ChecklistView => checklistOf(registration(id), deps.table),
    /** Ticks or unticks an item; `NOT_FOUND` for an unknown registration or item. */
    tick(id: string, itemId: string, done: boolean): ChecklistView {
      tickChecklistItem(deps, id, itemId, done);
      return checklistOf(registration(id), deps.table);
    },
  };
}

/** The checklist service's type. */
export type ChecklistService = ReturnType<typeof createChecklistService>;
