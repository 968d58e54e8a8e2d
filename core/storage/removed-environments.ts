/**
 * Environments a provider has removed, and where drafts saved for them go instead.
 *
 * Pure data and one pure function, used by the settings migration (settings-schema.ts, v2 → v3)
 * so that a data folder written by an earlier version opens with its drafts on a live environment
 * and a notice on each moved draft saying what changed and why.
 */
import type { RegistrationNotice } from '../../contract/schemas/registration';

/** One removed environment and its replacement. */
export interface RemovedEnvironment {
  readonly provider: string;
  readonly environment: string;
  readonly replacement: string;
  readonly notice: RegistrationNotice;
}

/** Every removed environment the app knows of. */
export const REMOVED_ENVIRONMENTS: readonly RemovedEnvironment[] = [
  {
    provider: 'nhs-login',
    environment: 'mock',
    replacement: 'sandpit',
    notice: {
      code: 'nhs-login.mock-removed',
      text: 'This draft was for NHS login\'s "mock" environment, which NHS removed from its documentation on 20 December 2023. It has been moved to Sandpit, the first environment NHS login offers now; your values, keys and notes are unchanged. Request Sandpit access with the Sandpit Environment Request Form.',
      // The same page as core/profiles SOURCES.nhsLoginMockRemoved (storage may not import profiles).
      source: { title: 'nhsconnect/nhslogin commit "remove-mock-environment" (20 Dec 2023)', url: 'https://github.com/nhsconnect/nhslogin/commit/5283eb33ccb06955787911276f936b708e971aa0' },
    },
  },
];

/**
 * A copy of a stored registration (as raw JSON) moved off a removed environment, with the notice
 * added once; any other registration is returned unchanged. Idempotent.
 */
export function moveRemovedEnvironments(registration: Record<string, unknown>): Record<string, unknown> {
  const removed = REMOVED_ENVIRONMENTS.find((entry) => entry.provider === registration.provider && entry.environment === registration.environment);
  if (removed === undefined) return registration;
  const notices = Array.isArray(registration.notices) ? (registration.notices as unknown[]) : [];
  const already = notices.some((notice) => typeof notice === 'object' && notice !== null && (notice as { code?: unknown }).code === removed.notice.code);
  return { ...registration, environment: removed.replacement, notices: already ? notices : [...notices, { ...removed.notice }] };
}
