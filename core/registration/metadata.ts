/**
 * The draft model: client metadata with RFC 7591 / OIDC Registration member names.
 *
 * `clientMetadataSchema` documents and types the members this app understands; unknown
 * members are kept (providers and future versions may need them). The rule engine does
 * not parse the whole object with it: it checks each member separately so one wrongly
 * typed member yields one finding with its path and the rest is still judged.
 */
import { z } from 'zod';
import type { Profile } from '../profiles/profile-schema';
import { findEnvironment } from '../profiles/profile-schema';

const uri = z.string();
const strings = z.array(z.string());

/**
 * A JWK Set as registration metadata carries it: any JSON object here; its structure
 * (`keys` array, no private members) is judged by the rule engine, key checks live in core/keys.
 */
export const jwksMemberSchema = z.record(z.string(), z.unknown());

/**
 * The members this app reads, with their JSON types. Values are only typed here; their
 * meaning (https, fragments, allow-lists …) is judged by the rule engine.
 */
export const METADATA_MEMBERS = {
  client_name: z.string(),
  redirect_uris: strings,
  jwks_uri: uri,
  jwks: jwksMemberSchema,
  contacts: strings,
  token_endpoint_auth_method: z.string(),
  token_endpoint_auth_signing_alg: z.string(),
  id_token_signed_response_alg: z.string(),
  userinfo_signed_response_alg: z.string(),
  backchannel_logout_uri: uri,
  backchannel_logout_session_required: z.boolean(),
  application_type: z.string(),
  logo_uri: uri,
  policy_uri: uri,
  tos_uri: uri,
  client_uri: uri,
} as const;

/**
 * Other standard members (OIDC Registration §2, RFC 7591 §2, Front-/Back-Channel Logout,
 * RP-Initiated Logout): recognised, so not reported as unknown; type-checked only.
 */
export const OTHER_STANDARD_MEMBERS = {
  response_types: strings,
  grant_types: strings,
  scope: z.string(),
  software_id: z.string(),
  software_version: z.string(),
  software_statement: z.string(),
  sector_identifier_uri: uri,
  subject_type: z.string(),
  id_token_encrypted_response_alg: z.string(),
  id_token_encrypted_response_enc: z.string(),
  userinfo_encrypted_response_alg: z.string(),
  userinfo_encrypted_response_enc: z.string(),
  request_object_signing_alg: z.string(),
  request_object_encryption_alg: z.string(),
  request_object_encryption_enc: z.string(),
  default_max_age: z.number(),
  require_auth_time: z.boolean(),
  default_acr_values: strings,
  initiate_login_uri: uri,
  request_uris: strings,
  post_logout_redirect_uris: strings,
  frontchannel_logout_uri: uri,
  frontchannel_logout_session_required: z.boolean(),
  client_id: z.string(),
} as const;

/** Members that may carry a BCP 47 language tag (`client_name#en-GB`), OIDC Registration §2.1. */
export const LANGUAGE_TAGGED_MEMBERS = ['client_name', 'logo_uri', 'client_uri', 'policy_uri', 'tos_uri'] as const;

/**
 * Zod schema of client metadata: the known members typed and optional, unknown members kept.
 * Use it to type drafts; use `validateMetadata` to judge untrusted input.
 */
export const clientMetadataSchema = z
  .object({
    client_name: METADATA_MEMBERS.client_name.optional(),
    redirect_uris: METADATA_MEMBERS.redirect_uris.optional(),
    jwks_uri: METADATA_MEMBERS.jwks_uri.optional(),
    jwks: METADATA_MEMBERS.jwks.optional(),
    contacts: METADATA_MEMBERS.contacts.optional(),
    token_endpoint_auth_method: METADATA_MEMBERS.token_endpoint_auth_method.optional(),
    token_endpoint_auth_signing_alg: METADATA_MEMBERS.token_endpoint_auth_signing_alg.optional(),
    id_token_signed_response_alg: METADATA_MEMBERS.id_token_signed_response_alg.optional(),
    userinfo_signed_response_alg: METADATA_MEMBERS.userinfo_signed_response_alg.optional(),
    backchannel_logout_uri: METADATA_MEMBERS.backchannel_logout_uri.optional(),
    backchannel_logout_session_required: METADATA_MEMBERS.backchannel_logout_session_required.optional(),
    application_type: METADATA_MEMBERS.application_type.optional(),
    logo_uri: METADATA_MEMBERS.logo_uri.optional(),
    policy_uri: METADATA_MEMBERS.policy_uri.optional(),
    tos_uri: METADATA_MEMBERS.tos_uri.optional(),
    client_uri: METADATA_MEMBERS.client_uri.optional(),
  })
  .catchall(z.unknown());

/** Client metadata (known members typed, unknown members kept). */
export type ClientMetadata = z.infer<typeof clientMetadataSchema>;

/** The schema for a member name (including language-tagged variants), or `undefined` when unknown. */
export function memberSchema(name: string): z.ZodType | undefined {
  if (Object.hasOwn(METADATA_MEMBERS, name)) return METADATA_MEMBERS[name as keyof typeof METADATA_MEMBERS];
  if (Object.hasOwn(OTHER_STANDARD_MEMBERS, name)) return OTHER_STANDARD_MEMBERS[name as keyof typeof OTHER_STANDARD_MEMBERS];
  const hash = name.indexOf('#');
  if (hash > 0 && /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/.test(name.slice(hash + 1))) {
    const base = name.slice(0, hash);
    if ((LANGUAGE_TAGGED_MEMBERS as readonly string[]).includes(base)) return METADATA_MEMBERS[base as keyof typeof METADATA_MEMBERS];
  }
  return undefined;
}

/**
 * Sensible starting values for a new draft: the profile's recommended auth method and the
 * environment's default algorithm, `application_type: "web"`, empty lists to fill in.
 * An unknown environment falls back to the profile's default environment.
 */
export function emptyMetadataFor(profile: Profile, environment: string): ClientMetadata {
  const env = findEnvironment(profile, environment) ?? findEnvironment(profile, profile.defaultEnvironment) ?? profile.environments[0];
  const method = profile.defaultAuthMethod;
  const metadata: ClientMetadata = {
    client_name: '',
    application_type: 'web',
    token_endpoint_auth_method: method,
    contacts: [],
  };
  if (profile.redirectUris.required) metadata.redirect_uris = [];
  if (env && method === 'private_key_jwt') metadata.token_endpoint_auth_signing_alg = env.keys.defaultAlg;
  if (method === 'client_secret_jwt') metadata.token_endpoint_auth_signing_alg = 'HS256';
  return metadata;
}
