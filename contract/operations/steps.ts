/** Operations for the NHS steps around a registration (issue 12): the submission checklist and the NHS-hosted JWKS request. */
import { z } from 'zod';
import { defineOperation } from '../ipc';
import { checklistViewSchema } from '../schemas/checklist';
import { compareReportSchema } from '../schemas/compare';

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

/** `keys:hosting-request` — writes NHS's make_jwk.py inputs for the active key to a folder the user picks. */
export const requestHostedJwks = defineOperation({
  channel: 'keys:hosting-request',
  summary: 'Write the NHS-hosted JWKS request (public-key.pem, request.json, jwk.json, README.txt) to a folder.',
  request: z.object({ id, appId: z.string().min(1).max(100) }).strict(),
  response: z.object({
    saved: z.boolean(),
    path: z.string().optional(),
    files: z.array(z.string()),
    request: z.object({ kid: z.string(), environment: z.string(), app_id: z.string() }),
    publicKeyUrl: z.string(),
    expiry: z.string().optional(),
    warnings: z.array(z.string()),
  }),
});

/** `registrations:compare` — two environments of one application, value by value. */
export const compareRegistrations = defineOperation({
  channel: 'registrations:compare',
  summary: 'Compare two registrations of one application (what differs, what must differ, what should match).',
  request: z.object({ a: id, b: id }).strict(),
  response: compareReportSchema,
});
