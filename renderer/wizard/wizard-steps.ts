/**
 * The wizard's steps in one place: their order, titles, the registration members each step edits
 * (so a finding shows beside its field and the stepper counts it), and which steps and fields a
 * provider uses at all. The router, the stepper, the findings index, the Review step and the
 * package panel all read this module, so a step is declared once.
 */
import type { Finding } from '../../contract/schemas/findings';
import { usesJwksUri } from '../key-source';
import type { Environment, Profile } from '../types';

/** The wizard's steps, in order (every step any provider may use). */
export const WIZARD_STEPS = ['basics', 'redirect-uris', 'keys', 'check', 'optional', 'review', 'submit'] as const;
/** One wizard step. */
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** What decides which steps and fields apply: the draft's provider and its environment. */
export interface StepContext {
  profile: Pick<Profile, 'uses'> | undefined;
  environment: Pick<Environment, 'keys'> | undefined;
  /** The draft's values: a member set elsewhere (the CLI) keeps its step, so it can be removed. */
  metadata?: Readonly<Record<string, unknown>>;
}

function hasValue(context: StepContext, member: string): boolean {
  const value = context.metadata?.[member];
  return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== '';
}

interface StepDeclaration {
  title: string;
  /** Top-level registration members edited on this step ('notes' is the draft's own notes). */
  members: readonly string[];
  /** Whether the provider uses this step; unknown providers (still loading) show every step. */
  applies: (context: StepContext) => boolean;
}

const always = () => true;

/** Each step's title, members and when it applies. Review owns whatever no shown step does. */
const STEPS: Record<WizardStep, StepDeclaration> = {
  basics: { title: 'Basics', members: ['client_name', 'application_type', 'contacts', 'notes'], applies: always },
  // The API platform's client-credentials grant has no browser redirect, so no redirect URIs
  // (unless some were set elsewhere: then the step stays, to remove them).
  'redirect-uris': { title: 'Redirect URIs', members: ['redirect_uris'], applies: (context) => (context.profile?.uses.redirectUris ?? true) || hasValue(context, 'redirect_uris') },
  keys: { title: 'Keys & authentication', members: ['token_endpoint_auth_method', 'token_endpoint_auth_signing_alg', 'jwks_uri', 'jwks'], applies: always },
  // A provider that takes the public key as a PEM file has no jwks_uri to test.
  check: { title: 'jwks_uri check', members: [], applies: ({ environment }) => usesJwksUri(environment) },
  optional: {
    title: 'Optional',
    members: ['logo_uri', 'policy_uri', 'tos_uri', 'userinfo_signed_response_alg', 'backchannel_logout_uri', 'backchannel_logout_session_required'],
    applies: always,
  },
  review: { title: 'Review', members: [], applies: always },
  submit: { title: 'Submit', members: [], applies: always },
};

/** The titles of the steps. */
export const STEP_TITLES: Record<WizardStep, string> = Object.fromEntries(WIZARD_STEPS.map((step) => [step, STEPS[step].title])) as Record<WizardStep, string>;

/** The steps the draft's provider uses, in order. */
export function stepsFor(context: StepContext): WizardStep[] {
  return WIZARD_STEPS.filter((step) => STEPS[step].applies(context));
}

/** Optional members a provider may not use at all (the field is then not shown). */
export type OptionalField = 'userinfo_signed_response_alg' | 'backchannel_logout_uri' | 'backchannel_logout_session_required';

/** Whether the provider uses an optional member (signed userinfo, back-channel logout). */
export function usesField(context: StepContext, field: OptionalField): boolean {
  const uses = context.profile?.uses;
  if (uses === undefined || hasValue(context, field)) return true;
  return field === 'userinfo_signed_response_alg' ? uses.signedUserinfo : uses.backchannelLogout;
}

/** The first member of a path: `redirect_uris[1]` → `redirect_uris`. */
function rootOf(path: string): string {
  return path.split(/[.[]/, 1)[0] ?? '';
}

/**
 * The step whose fields show a finding at `path`: the shown step that owns its first member,
 * else Review (which lists every finding). Findings of the jwks_uri tester belong to the check step.
 */
export function stepOfPath(path: string, shown: readonly WizardStep[] = WIZARD_STEPS, source?: string): WizardStep {
  if (source === 'jwks-check') return shown.includes('check') ? 'check' : 'keys';
  const root = rootOf(path);
  const owner = WIZARD_STEPS.find((step) => step !== 'review' && step !== 'submit' && STEPS[step].members.includes(root));
  return owner !== undefined && shown.includes(owner) ? owner : 'review';
}

/** The step whose fields show `finding`. */
export function stepOf(finding: Finding, shown: readonly WizardStep[] = WIZARD_STEPS): WizardStep {
  return stepOfPath(finding.path, shown);
}

/** Counts of errors and warnings per step, for the stepper. */
export function countsByStep(findings: readonly Finding[], shown: readonly WizardStep[] = WIZARD_STEPS): Record<WizardStep, { errors: number; warnings: number }> {
  const counts = Object.fromEntries(WIZARD_STEPS.map((step) => [step, { errors: 0, warnings: 0 }])) as Record<WizardStep, { errors: number; warnings: number }>;
  for (const finding of findings) {
    const step = counts[stepOf(finding, shown)];
    if (finding.severity === 'error') step.errors += 1;
    if (finding.severity === 'warning') step.warnings += 1;
  }
  return counts;
}
