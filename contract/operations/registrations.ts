/** Operations on provider profiles and registration drafts (issue 3). */
import { z } from 'zod';
import { defineEvent, defineOperation } from '../ipc';
import { clientMetadataSchema, registrationSchema } from '../schemas/registration';
import { ruleSourceSchema, validationReportSchema } from '../schemas/findings';

/** One environment of a provider, as the UI shows it (a view of core/profiles). */
export const environmentSummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  description: z.string(),
  discoveryUrl: z.string().optional(),
  issuer: z.string().optional(),
  tokenEndpoint: z.string().optional(),
  /** Whether the data in use is built in or refreshed from discovery. */
  dataSource: z.enum(['built-in', 'discovery']),
  /** What to send to whom, in plain words. */
  submission: z.object({ text: z.string(), known: z.boolean(), url: z.string().optional(), source: ruleSourceSchema }),
  authMethods: z.array(z.object({ method: z.string(), status: z.enum(['recommended', 'allowed', 'discouraged']), note: z.string().optional(), source: ruleSourceSchema })),
  keys: z.object({
    keySource: z.enum(['jwks_uri', 'pem']),
    defaultAlg: z.string(),
    allowedAlgs: z.array(z.string()),
    algsPublished: z.boolean(),
    algNote: z.string().optional(),
    rsaDefaultSize: z.number().int(),
    rsaAllowedSizes: z.array(z.number().int()),
    rsaRecommendedSize: z.number().int().optional(),
    ecAllowed: z.boolean(),
    ecCurves: z.array(z.string()),
    kidRequired: z.boolean(),
    source: ruleSourceSchema,
  }),
  notes: z.array(z.string()),
});

/** What the provider issues for some auth methods (a view of core/profiles `issued`). */
export const issuedCredentialsViewSchema = z.object({
  methods: z.array(z.string()),
  /** The provider's name for the identifier: "Client ID", or "API key" for the API platform. */
  identifierLabel: z.string(),
  secret: z.enum(['issued', 'not-issued']),
  /** The API platform's application id (a UUID): optional, for support requests. */
  applicationId: z.boolean(),
  kid: z.boolean(),
  text: z.string(),
  source: ruleSourceSchema,
});

/** A provider profile, as the UI shows it. */
export const profileSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  profileVersion: z.string(),
  updated: z.string(),
  defaultEnvironment: z.string(),
  defaultAuthMethod: z.string(),
  environments: z.array(environmentSummarySchema),
  /** The provider's rules as shown to the user, each with its source. */
  rules: z.array(z.object({ id: z.string(), text: z.string(), source: ruleSourceSchema })),
  /** What the provider issues per auth method (which credential fields the UI asks for). */
  issued: z.array(issuedCredentialsViewSchema),
  /**
   * Which optional parts of a registration this provider uses at all, so screens show only those
   * (e.g. no Redirect URIs step for the API platform's client-credentials grant).
   */
  uses: z.object({ redirectUris: z.boolean(), signedUserinfo: z.boolean(), backchannelLogout: z.boolean() }),
});

/** What the Registrations list shows per draft. */
export const registrationStatusSchema = z.object({
  valuesValid: z.boolean(),
  errorCount: z.number().int(),
  warningCount: z.number().int(),
  keyGenerated: z.boolean(),
  jwksChecked: z.enum(['never', 'pass', 'warn', 'fail']),
  packaged: z.boolean(),
  credentialsStored: z.boolean(),
  reminders: z.array(z.string()),
});

/** A registration with its profile name and status. */
export const registrationSummarySchema = z.object({
  registration: registrationSchema,
  providerName: z.string(),
  environmentName: z.string(),
  status: registrationStatusSchema,
  /** The auth method the registration is judged by: its valid value, else the provider's default. */
  authMethod: z.string(),
  /** What the provider issues for that method: the credential fields the app asks for. */
  issued: issuedCredentialsViewSchema,
});

/** A registration with its validation report and the environment it is judged by (refreshed by discovery when fetched). */
export const registrationDetailSchema = registrationSummarySchema.extend({ report: validationReportSchema, environment: environmentSummarySchema });

const id = z.string().min(1).max(200);

/** `profiles:list`. */
export const listProfiles = defineOperation({
  channel: 'profiles:list',
  summary: 'The provider profiles with their environments, rules and sources.',
  request: z.object({}).strict(),
  response: z.array(profileSummarySchema),
});

/** `registrations:list`. */
export const listRegistrations = defineOperation({
  channel: 'registrations:list',
  summary: 'Every draft registration with its status.',
  request: z.object({}).strict(),
  response: z.array(registrationSummarySchema),
});

/** `registrations:create`. */
export const createRegistration = defineOperation({
  channel: 'registrations:create',
  summary: 'Create a draft for a provider and environment.',
  request: z.object({ provider: z.string().min(1), environment: z.string().min(1), clientName: z.string().max(500), discoveryUrl: z.string().max(2048).optional() }).strict(),
  response: registrationDetailSchema,
});

/** `registrations:get`. */
export const getRegistration = defineOperation({
  channel: 'registrations:get',
  summary: 'One draft with its findings.',
  request: z.object({ id }).strict(),
  response: registrationDetailSchema,
});

/**
 * `registrations:update` — autosave of the wizard: replaces the given parts. With `base` (the
 * values the window's edits started from) only what the window changed is written, member by
 * member, so a change the CLI or another window made meanwhile to another member survives.
 */
export const updateRegistration = defineOperation({
  channel: 'registrations:update',
  summary: 'Save values, notes or the discovery URL of a draft and re-validate it.',
  request: z
    .object({
      id,
      metadata: clientMetadataSchema.optional(),
      notes: z.string().max(20000).optional(),
      discoveryUrl: z.string().max(2048).optional(),
      base: z.object({ metadata: clientMetadataSchema, notes: z.string().max(20000) }).strict().optional(),
    })
    .strict(),
  response: registrationDetailSchema,
});

/** `registrations:copy` — values only, never keys or credentials. */
export const copyRegistration = defineOperation({
  channel: 'registrations:copy',
  summary: 'Copy a draft\'s values to another environment (never keys or credentials).',
  request: z.object({ id, environment: z.string().min(1) }).strict(),
  response: registrationDetailSchema,
});

/** `registrations:discover` — fetch the provider's discovery document and judge the draft by it. */
export const discoverProvider = defineOperation({
  channel: 'registrations:discover',
  summary: 'Refresh the provider data of a draft from its discovery document.',
  request: z.object({ id, url: z.string().max(2048).optional(), caPem: z.string().max(500_000).optional() }).strict(),
  response: registrationDetailSchema,
});

/** `registrations:forget-discovery` — back to the built-in provider data. */
export const forgetDiscovery = defineOperation({
  channel: 'registrations:forget-discovery',
  summary: 'Use the built-in provider data again.',
  request: z.object({ id }).strict(),
  response: registrationDetailSchema,
});

/** `registrations:delete`. */
export const deleteRegistration = defineOperation({
  channel: 'registrations:delete',
  summary: 'Delete a draft (asks for confirmation first).',
  request: z.object({ id, confirm: z.literal(true) }).strict(),
  response: z.object({ deleted: z.boolean() }),
});

/** `settings:notices` — what happened when the settings file was opened. */
export const settingsNotices = defineOperation({
  channel: 'settings:notices',
  summary: 'Recovery and migration notices about the settings file.',
  request: z.object({}).strict(),
  response: z.array(z.object({ kind: z.string(), message: z.string(), quarantinedAs: z.string().optional() })),
});

/**
 * `registrations:changed` — another process (the CLI, a script, a second window) changed the
 * settings file; the window refreshes what it shows. Never sent for the window's own changes.
 */
export const registrationsChanged = defineEvent({
  channel: 'registrations:changed',
  summary: 'The registrations changed outside this window.',
  payload: z.object({
    /** Ids of the registrations added, removed or changed. */
    ids: z.array(z.string()),
    /** The preferences changed too. */
    preferences: z.boolean(),
    /** The settings file is (now) read-only (written by a newer version). */
    readOnly: z.boolean(),
  }),
});
