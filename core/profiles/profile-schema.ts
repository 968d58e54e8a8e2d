/**
 * The shape of a provider profile: versioned data describing what one identity provider
 * accepts at registration, per environment, with the public source of every rule.
 *
 * Profiles are data, not code, so the UI can show them, support staff can diff versions,
 * and discovery documents can refresh parts of them at runtime (`applyDiscovery`).
 */
import { z } from 'zod';
import { SOURCES } from './sources';

/** A citable document (title + https URL). */
export const sourceSchema = z.object({
  title: z.string().min(1),
  url: z.url({ protocol: /^https$/ }),
});

/** Every `token_endpoint_auth_method` defined by OIDC Registration §2 / RFC 7591 §2. */
export const AUTH_METHODS = ['private_key_jwt', 'client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'none'] as const;
/** A token endpoint client-authentication method. */
export type AuthMethod = (typeof AUTH_METHODS)[number];
/** Zod schema of an {@link AuthMethod}. */
export const authMethodSchema = z.enum(AUTH_METHODS);

/**
 * The asymmetric JWS algorithms a client-assertion key may use. Deliberately excludes `none`
 * and HMAC (`HS*`, which is client_secret_jwt and needs no key pair).
 */
export const ASYMMETRIC_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as const;
/** An asymmetric JWS algorithm. */
export type AsymmetricAlg = (typeof ASYMMETRIC_ALGS)[number];
/** Zod schema of an {@link AsymmetricAlg}. */
export const asymmetricAlgSchema = z.enum(ASYMMETRIC_ALGS);

/** RSA modulus sizes the key generator offers. */
export const RSA_SIZES = [2048, 3072, 4096] as const;
/** EC curves the key generator offers (P-256 for ES256, P-384 for ES384, P-521 for ES512). */
export const EC_CURVES = ['P-256', 'P-384', 'P-521'] as const;

/** How strongly the provider favours an auth method. */
export const methodStatusSchema = z.enum(['recommended', 'allowed', 'discouraged']);

/** One auth method the provider accepts, with how strongly and why. */
export const authMethodPolicySchema = z.object({
  method: authMethodSchema,
  status: methodStatusSchema,
  note: z.string().optional(),
  source: sourceSchema,
});

/** Key generation defaults and limits for an environment. */
export const keyDefaultsSchema = z.object({
  /** Where the provider gets the public key: a URL we publish (`jwks_uri`) or a PEM sent by hand. */
  keySource: z.enum(['jwks_uri', 'pem']),
  /** Whether an inline `jwks` member is an acceptable alternative to `jwks_uri`. */
  inlineJwksAccepted: z.boolean(),
  defaultAlg: asymmetricAlgSchema,
  allowedAlgs: z.array(asymmetricAlgSchema).min(1),
  /** False when the provider has not published its allow-list (ours is a best guess to verify). */
  algsPublished: z.boolean(),
  algNote: z.string().optional(),
  rsaDefaultSize: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]),
  rsaAllowedSizes: z.array(z.union([z.literal(2048), z.literal(3072), z.literal(4096)])).min(1),
  rsaRecommendedSize: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]).optional(),
  ecAllowed: z.boolean(),
  ecCurves: z.array(z.enum(EC_CURVES)),
  kidRequired: z.boolean(),
  source: sourceSchema,
});

/** How (and whether it is known) the registration is submitted for one environment. */
export const submissionSchema = z.object({
  /** Plain-language "what to send where"; says so plainly when the route is unknown. */
  text: z.string().min(1),
  /** False when no public document names the recipient or portal. */
  known: z.boolean(),
  /** Portal or form URL, when one is published. */
  url: z.url().optional(),
  source: sourceSchema,
});

/** One environment of a provider (e.g. CIS2 `int`). */
export const profileEnvironmentSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  label: z.string().min(1),
  description: z.string(),
  issuer: z.url().optional(),
  /** `undefined` when no URL is published: the user supplies it. */
  discoveryUrl: z.url().optional(),
  tokenEndpoint: z.url().optional(),
  /** Whether algorithms/endpoints come from our built-in data or a fetched discovery document. */
  dataSource: z.enum(['built-in', 'discovery']),
  /** ISO time the discovery document was applied (only when `dataSource` is `discovery`). */
  discoveryAppliedAt: z.string().optional(),
  authMethods: z.array(authMethodPolicySchema).min(1),
  keys: keyDefaultsSchema,
  submission: submissionSchema,
  /** Caveats worth showing next to this environment (e.g. "issuer seen in third-party code"). */
  notes: z.array(z.string()),
});

/** Redirect URI policy of a provider (RFC checks apply to every provider on top of this). */
export const redirectPolicySchema = z.object({
  /** False for client-credentials-only providers where redirect URIs are unused. */
  required: z.boolean(),
  /** Only `https` redirect URIs (no loopback http, no custom schemes). */
  httpsOnly: z.boolean(),
  allowQuery: z.boolean(),
  /** `warn`: accepted but flagged; `refuse`: an error. Ignored when `httpsOnly`. */
  customSchemes: z.enum(['allow', 'warn', 'refuse']),
  maxCount: z.number().int().positive().optional(),
  source: sourceSchema,
});

/** A rule as displayed to the user, with its source. */
export const profileRuleSchema = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  source: sourceSchema,
});

/**
 * What the provider issues once a registration is accepted, for some of its auth methods.
 * The credentials model follows it: a secret is asked for (and stored in the keychain) only
 * where one is issued, and the identifier is labelled the way the provider labels it.
 */
export const issuedCredentialsSchema = z.object({
  /** The auth methods this entry covers. */
  methods: z.array(authMethodSchema).min(1),
  /** The provider's name for the identifier that goes in the assertion's iss/sub (e.g. "Client ID", "API key"). */
  identifierLabel: z.string().min(1),
  /** Whether the provider issues a client secret with this method. */
  secret: z.enum(['issued', 'not-issued']),
  /**
   * Whether the provider also gives an application id (a UUID, optional here: support asks for it)
   * that is *not* the identifier — the API platform's Developer Hub application id.
   */
  applicationId: z.boolean(),
  /** Whether the registration is tied to the kid of the supplier's key (recorded with the credentials). */
  kid: z.boolean(),
  /** Plain words: what arrives and what it is for. */
  text: z.string().min(1),
  source: sourceSchema,
});

/** How the provider fetches and caches the client's JWKS (published in NHS code for the API platform). */
export const jwksFetchPolicySchema = z.object({
  /** Seconds the provider keeps a fetched JWKS: a new kid may be unseen for this long. */
  cacheSeconds: z.number().int().positive(),
  cacheSource: sourceSchema,
});

/** A provider profile. */
export const profileSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  name: z.string().min(1),
  description: z.string(),
  /** Semantic version of this profile's data; bump when a rule changes. */
  profileVersion: z.string().regex(/^\d+\.\d+\.\d+$/),
  /** ISO date (YYYY-MM-DD) the data was last checked against its sources. */
  updated: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  defaultEnvironment: z.string(),
  environments: z.array(profileEnvironmentSchema).min(1),
  defaultAuthMethod: authMethodSchema,
  redirectUris: redirectPolicySchema,
  /** Only confidential clients (a trusted backend holds the credential). */
  confidentialOnly: z.object({ value: z.boolean(), source: sourceSchema }),
  signedUserinfo: z.object({ supported: z.boolean(), source: sourceSchema }),
  backchannelLogout: z.object({ supported: z.boolean(), source: sourceSchema }),
  /**
   * `publicInternet`: the provider fetches jwks_uri from the internet, so a loopback, private or
   * local host can never work (an error, not a warning). Absent for a provider that may sit
   * inside the same network (generic-oidc).
   */
  jwksReachability: z.object({ publicInternet: z.boolean(), source: sourceSchema }).optional(),
  rules: z.array(profileRuleSchema),
  /** What the provider issues, per auth method (every method in `environments[].authMethods` is covered). */
  issued: z.array(issuedCredentialsSchema).min(1),
  /** How the provider fetches the client's JWKS, where it publishes that. */
  jwksFetch: jwksFetchPolicySchema.optional(),
  /** The provider-hosted JWKS route, where there is one. */
});

/** A provider profile (see {@link profileSchema}). */
export type Profile = z.infer<typeof profileSchema>;
/** One environment of a profile. */
export type ProfileEnvironment = z.infer<typeof profileEnvironmentSchema>;
/** Key defaults and limits of an environment. */
export type KeyDefaults = z.infer<typeof keyDefaultsSchema>;
/** An accepted auth method and its status. */
export type AuthMethodPolicy = z.infer<typeof authMethodPolicySchema>;
/** Redirect URI policy of a profile. */
export type RedirectPolicy = z.infer<typeof redirectPolicySchema>;
/** A displayed rule with its source. */
export type ProfileRule = z.infer<typeof profileRuleSchema>;
/** What the provider issues for some auth methods. */
export type IssuedCredentials = z.infer<typeof issuedCredentialsSchema>;
/** How the provider fetches and caches client JWKS. */
export type JwksFetchPolicy = z.infer<typeof jwksFetchPolicySchema>;
/** Identifier of a built-in profile. */
export type ProfileId = 'nhs-cis2' | 'nhs-login' | 'nhs-api-platform' | 'generic-oidc';

/** The environment `id` of `profile`, or `undefined` when it has none by that id. */
export function findEnvironment(profile: Profile, id: string): ProfileEnvironment | undefined {
  return profile.environments.find((env) => env.id === id);
}

/**
 * What `profile` issues for `method`. Every built-in profile covers each of its methods; a method
 * the profile does not list falls back to the standard reading (a secret for client_secret_*,
 * none otherwise) so callers always get an answer.
 */
export function issuedFor(profile: Profile, method: AuthMethod): IssuedCredentials {
  const found = profile.issued.find((entry) => entry.methods.includes(method));
  if (found) return found;
  const secret = method.startsWith('client_secret_');
  return {
    methods: [method],
    identifierLabel: 'Client ID',
    secret: secret ? 'issued' : 'not-issued',
    applicationId: false,
    kid: method === 'private_key_jwt',
    text: secret ? 'A client identifier and a client secret.' : 'A client identifier only.',
    source: SOURCES.oidcRegistrationResponse,
  };
}
