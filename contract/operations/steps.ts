/** Operations for the NHS steps around a registration (issue 12): the submission checklist. */
import { z } from 'zod';
import { defineOperation } from '../ipc';
import { checklistViewSchema } from '../schemas/checklist';

const id = z.string().min(1).max(200);
const itemId = z.string().min(1).max(100);

/** `checklist:get` — the submission checklist with copy-ready answers and ticks. */
export const getChecklist = defineOperation({
  channel: 'checklist:get',
  summary: 'The submission checklist of a registration (what to send where, with copy-ready answers).',
  request: z.object({ id }).strict(),
  response: checklistViewSchema,
});

/** `checklist:tick` — marks an item done (or not done); kept in the registration. */
export const tickChecklistItem = defineOperation({
  channel: 'checklist:tick',
  summary: 'Tick or untick a submission checklist item.',
  request: z.object({ id, itemId, done: z.boolean() }).strict(),
  response: checklistViewSchema,
});
