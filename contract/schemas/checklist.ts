/** The submission checklist of a registration as it crosses IPC and as `checklist --json` prints it. */
import { z } from 'zod';

const sourceSchema = z.object({ title: z.string(), url: z.string() });

/** One form field with its copy-ready answer. */
export const checklistAnswerSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** Which registration value answers it: `metadata.<member>`, `key.<member>`, `registration.<member>`, `credentials.<member>`, or `you`. */
  uses: z.string(),
  /** The copy-ready text, when the registration holds it. */
  value: z.string().optional(),
  /** True when the answer should come from the registration but is not there yet. */
  missing: z.boolean(),
  /** For `you` answers: where to find the value. */
  hint: z.string().optional(),
  note: z.string().optional(),
});

/** One checklist item with its status. */
export const checklistItemViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  where: z.object({ kind: z.string(), name: z.string(), url: z.string().optional() }),
  detail: z.string(),
  answers: z.array(checklistAnswerSchema),
  returns: z.string().optional(),
  source: sourceSchema,
  corroboration: z.array(sourceSchema),
  optional: z.boolean(),
  alternativeTo: z.string().optional(),
  done: z.boolean(),
  doneAt: z.string().optional(),
});

/** The checklist of one registration. */
export const checklistViewSchema = z.object({
  registrationId: z.string(),
  provider: z.string(),
  environment: z.string(),
  providerName: z.string(),
  environmentName: z.string(),
  /** False when no checklist is known for this provider × environment (then `intro` says what the profile knows). */
  available: z.boolean(),
  intro: z.string(),
  package: z.object({ role: z.enum(['attach', 'record']), text: z.string() }),
  items: z.array(checklistItemViewSchema),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
});

/** A form field with its answer. */
export type ChecklistAnswerView = z.infer<typeof checklistAnswerSchema>;
/** A checklist item with its status. */
export type ChecklistItemView = z.infer<typeof checklistItemViewSchema>;
/** The checklist of one registration. */
export type ChecklistView = z.infer<typeof checklistViewSchema>;
