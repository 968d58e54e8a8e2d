/** Maps core objects to the shapes the contract sends to the renderer (and the CLI prints). */
import { AppError } from '../../contract/errors';
import type { ProfileSummary, RegistrationDetail, RegistrationSummary } from '../../contract/types';
import { dueReminders } from '../keys/key-ring';
import { parseKeyRecord } from '../keys/key-record';
import { issuedFor, type Profile } from '../profiles';
import { authMethodOf } from '../credentials/issued';
import type { DraftView } from '../registration/drafts';

/** A profile as the UI shows it. */
export function profileSummary(profile: Profile): ProfileSummary {
  return {
    id: profile.id,
    name: profile.name,
    description: profile.description,
    profileVersion: profile.profileVersion,
    updated: profile.updated,
    defaultEnvironment: profile.defaultEnvironment,
    defaultAuthMethod: profile.defaultAuthMethod,
    environments: profile.environments.map((env) => ({
      id: env.id,
      label: env.label,
      description: env.description,
      ...(env.discoveryUrl === undefined ? {} : { discoveryUrl: env.discoveryUrl }),
      ...(env.issuer === undefined ? {} : { issuer: env.issuer }),
      ...(env.tokenEndpoint === undefined ? {} : { tokenEndpoint: env.tokenEndpoint }),
      dataSource: env.dataSource,
      submission: env.submission,
      authMethods: env.authMethods,
      keys: env.keys,
      notes: env.notes,
    })),
    rules: profile.rules,
    issued: profile.issued,
    uses: { redirectUris: profile.redirectUris.required, signedUserinfo: profile.signedUserinfo.supported, backchannelLogout: profile.backchannelLogout.supported },
  };
}

/** A registration with its list status. */
export function registrationSummary(view: DraftView, now: Date = new Date()): RegistrationSummary {
  const { registration, profile, report } = view;
  const environment = profile.environments.find((env) => env.id === registration.environment);
  const lastCheck = registration.checks.at(-1) as { verdict?: 'pass' | 'warn' | 'fail' } | undefined;
  const authMethod = authMethodOf(registration);
  return {
    registration,
    providerName: profile.name,
    environmentName: environment?.label ?? registration.environment,
    status: {
      valuesValid: report.valid,
      errorCount: report.findings.filter((f) => f.severity === 'error').length,
      warningCount: report.findings.filter((f) => f.severity === 'warning').length,
      keyGenerated: registration.keys.length > 0,
      jwksChecked: lastCheck?.verdict ?? 'never',
      packaged: registration.packages.length > 0,
      // What the provider issued is stored — a Client ID alone counts where no secret is issued.
      credentialsStored: registration.credentials !== undefined,
      reminders: dueReminders(registration.keys.map(parseKeyRecord), now).map((r) => r.message),
    },
    authMethod,
    // The same reading core's credential checks use, so the form never asks for what a save refuses.
    issued: issuedFor(profile, authMethod),
  };
}

/** A registration with its status and findings. */
export function registrationDetail(view: DraftView): RegistrationDetail {
  const environment = profileSummary(view.profile).environments.find((env) => env.id === view.registration.environment);
  if (!environment) throw new AppError('NOT_FOUND', `${view.profile.name} has no environment "${view.registration.environment}".`);
  return { ...registrationSummary(view), report: view.report, environment };
}
