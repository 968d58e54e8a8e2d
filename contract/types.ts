/** Plain types inferred from the contract's schemas, for the renderer and the CLI. */
import type { z } from 'zod';
import type { appInfoSchema } from './operations/app';
import type { profileSummarySchema, registrationDetailSchema, registrationSummarySchema } from './operations/registrations';

/** See {@link appInfoSchema}. */
export type AppInfo = z.infer<typeof appInfoSchema>;
/** A provider profile as the UI shows it. */
export type ProfileSummary = z.infer<typeof profileSummarySchema>;
/** A registration with status, for the list. */
export type RegistrationSummary = z.infer<typeof registrationSummarySchema>;
/** A registration with status and findings. */
export type RegistrationDetail = z.infer<typeof registrationDetailSchema>;
