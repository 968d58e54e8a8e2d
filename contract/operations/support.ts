/** The support pack (issue 12 item 4): what NHS support asks for about one registration, redacted. */
import { z } from 'zod';
import { defineOperation } from '../ipc';

/** `support:save-pack` — asks where to save, then writes the redacted support pack of one registration. */
export const saveSupportPack = defineOperation({
  channel: 'support:save-pack',
  summary: 'Save the redacted support pack of a registration (what NHS support asks for).',
  request: z
    .object({
      id: z.string().min(1).max(200),
      /** The API platform's application id (a UUID); default the one stored with the credentials. */
      applicationId: z.string().max(100).optional(),
    })
    .strict(),
  response: z.object({
    saved: z.boolean(),
    path: z.string().optional(),
    sha256: z.string().optional(),
    bytes: z.number().optional(),
    entries: z.array(z.string()).optional(),
    /** Where the assertion in the pack comes from ({@link ASSERTION_SOURCE_TEXT} says it in words). */
    assertionSource: z.enum(['last-built', 'illustration', 'none']).optional(),
  }),
});

/** Where a support pack's JWT header and payload come from, in the words the CLI and the app show. */
export const ASSERTION_SOURCE_TEXT = {
  'last-built': 'the last assertion built, signature removed',
  illustration: 'an unsigned illustration (no assertion built yet)',
  none: 'none (this registration uses no signed assertion, or has no key)',
} as const satisfies Record<'last-built' | 'illustration' | 'none', string>;
