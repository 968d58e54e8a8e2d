/** Schemas of a registration as stored and as it crosses IPC. Never holds a secret. */
import { z } from 'zod';

/** An ISO-8601 timestamp string. */
export const isoDateSchema = z.string().datetime({ offset: true });

/** Client metadata with RFC 7591 / OIDC Registration member names; unknown members are kept. */
export const clientMetadataSchema = z.record(z.string(), z.unknown());

/** Non-secret facts about the credentials the provider issued (the secret lives in the keychain). */
export const credentialRecordSchema = z.object({
  /** The identifier the assertion's iss/sub carry: the Client ID, or the API platform's API key. */
  clientId: z.string(),
  receivedAt: isoDateSchema,
  notes: z.string().default(''),
  /** False where the provider issues no secret (NHS login, CIS2 private_key_jwt, API platform). */
  hasSecret: z.boolean(),
  /** The API platform's application id (a UUID; not the API key), kept for support requests. */
  applicationId: z.string().optional(),
  /** The KID the registration is tied to (API platform). */
  kid: z.string().optional(),
});

/** A provider discovery document applied to a registration (non-secret provider metadata). */
export const appliedDiscoverySchema = z.object({
  /** The well-known URL that was fetched. */
  url: z.string(),
  fetchedAt: isoDateSchema,
  /** The provider metadata as fetched (issuer, token_endpoint, *_supported lists, …). */
  metadata: z.record(z.string(), z.unknown()),
  /** How the document's issuer compares with the URL (OpenID Connect Discovery §4.3). */
  issuerMatch: z.enum(['exact', 'equivalent', 'mismatch']),
  warnings: z.array(z.string()),
});

/** A ticked submission-checklist item (see core/profiles/checklists): when the user marked it done. */
export const checklistTickSchema = z.object({ doneAt: isoDateSchema });

/**
 * The header and claims of the last client assertion built for a registration (assertion helper,
 * token-endpoint probe) — never the signature, never the JWT: the support pack quotes them.
 */
export const lastAssertionSchema = z.object({
  builtAt: isoDateSchema,
  /** What built it. */
  by: z.enum(['assertion', 'probe']),
  header: z.record(z.string(), z.unknown()),
  claims: z.record(z.string(), z.unknown()),
});

/**
 * Something the app changed on the user's behalf and must tell them (e.g. a draft moved to
 * another environment because the provider removed its old one). Shown on the draft.
 */
export const registrationNoticeSchema = z.object({
  /** Stable identifier, e.g. `nhs-login.mock-removed`. */
  code: z.string().min(1),
  text: z.string().min(1),
  /** Where the user can read why. */
  source: z.object({ title: z.string(), url: z.string() }).optional(),
});

/** One draft registration: an application × provider × environment. */
export const registrationSchema = z.object({
  id: z.string().min(1),
  provider: z.string().min(1),
  environment: z.string().min(1),
  /** The discovery URL the user supplied where the profile has none (e.g. CIS2 DEP). */
  discoveryUrl: z.string().optional(),
  /** The discovery document in use, when one was fetched: it refreshes the profile's built-in data. */
  discovery: appliedDiscoverySchema.optional(),
  metadata: clientMetadataSchema,
  notes: z.string().default(''),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
  /** Key records (public parts and custody references only) — see core/keys. */
  keys: z.array(z.record(z.string(), z.unknown())).default([]),
  /** Summaries of recent jwks_uri checks. */
  checks: z.array(z.record(z.string(), z.unknown())).default([]),
  /** Summaries of packages built. */
  packages: z.array(z.record(z.string(), z.unknown())).default([]),
  credentials: credentialRecordSchema.optional(),
  /** Submission-checklist items the user ticked, by item id (absent in files from older versions). */
  checklist: z.record(z.string(), checklistTickSchema).default({}),

  /** The last client assertion built (header and claims only). */
  lastAssertion: lastAssertionSchema.optional(),
  /** Changes the app made for the user that they should know about (shown on the draft). */
  notices: z.array(registrationNoticeSchema).optional(),
});

/** A notice on a registration. */
export type RegistrationNotice = z.infer<typeof registrationNoticeSchema>;

/** A stored registration. */
export type Registration = z.infer<typeof registrationSchema>;
