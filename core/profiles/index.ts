/**
 * Provider profiles: the built-in NHS providers and the generic OpenID provider.
 * Public API used by the UI, the CLI and the registration rule engine.
 */
import { AppError } from '../../contract/errors';
import { genericOidcTemplate } from './generic-oidc';
import { nhsApiPlatformProfile } from './nhs-api-platform';
import { nhsCis2Profile } from './nhs-cis2';
import { nhsLoginProfile } from './nhs-login';
import type { Profile, ProfileId } from './profile-schema';

const BUILT_IN: readonly Profile[] = [nhsCis2Profile, nhsLoginProfile, nhsApiPlatformProfile, genericOidcTemplate];

/** Every built-in profile (deep copies: callers may not alter the shared data). */
export function listProfiles(): Profile[] {
  return BUILT_IN.map((profile) => structuredClone(profile));
}

/** True when `id` names a built-in profile. */
export function isProfileId(id: string): id is ProfileId {
  return BUILT_IN.some((profile) => profile.id === id);
}

/**
 * The built-in profile `id` (a deep copy).
 *
 * @throws AppError `NOT_FOUND` for an unknown id.
 */
export function getProfile(id: string): Profile {
  const found = BUILT_IN.find((profile) => profile.id === id);
  if (!found) {
    throw new AppError('NOT_FOUND', `Unknown provider profile "${id}". Known: ${BUILT_IN.map((p) => p.id).join(', ')}.`, { details: { id } });
  }
  return structuredClone(found);
}

export { applyDiscovery, discoveryDocumentSchema, parseDiscoveryDocument, type ApplyDiscoveryOptions, type DiscoveryDocument } from './discovery';
export { buildGenericProfile, type BuildGenericProfileOptions } from './generic-oidc';
export {
  ASYMMETRIC_ALGS,
  AUTH_METHODS,
  EC_CURVES,
  RSA_SIZES,
  findEnvironment,
  issuedFor,
  issuedCredentialsSchema,
  profileSchema,
  profileEnvironmentSchema,
  keyDefaultsSchema,
  type AsymmetricAlg,
  type AuthMethod,
  type AuthMethodPolicy,
  type IssuedCredentials,
  type JwksFetchPolicy,
  type KeyDefaults,
  type Profile,
  type ProfileEnvironment,
  type ProfileId,
  type ProfileRule,
  type RedirectPolicy,
} from './profile-schema';
export { SOURCES, type Source, type SourceId } from './sources';
