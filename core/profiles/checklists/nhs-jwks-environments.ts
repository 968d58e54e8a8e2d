/**
 * NHS's names for the environments of its hosted JWKS files (NHSDigital/identity-service-jwks
 * `scripts/make_jwk.py` at commit d6609ad97d853e905f4fd4f7999d40b11488840a), and which of them an
 * API platform registration of ours maps to. A provider fact, so it lives with the profile data.
 */

/** make_jwk.py's ENVIRONMENTS, verbatim. */
export const NHS_JWKS_SCRIPT_ENVIRONMENTS = ['internal-dev', 'internal-dev-sandbox', 'internal-qa', 'internal-qa-sandbox', 'ref', 'dev', 'sandbox', 'int', 'prod', 'paas'] as const;

/** Our API platform environment → NHS's folder name. Only the two a supplier's Developer Hub application lives in. */
const ENVIRONMENT_NAMES: Readonly<Record<string, 'int' | 'prod'>> = { int: 'int', live: 'prod' };

/** NHS's environment name for a registration, or why there is none. */
export type NhsJwksEnvironment = { ok: true; name: 'int' | 'prod' } | { ok: false; reason: string };

/** Maps an API platform registration's environment to the name make_jwk.py takes (INT → `int`, production → `prod`). */
export function nhsJwksEnvironment(provider: string, environment: string): NhsJwksEnvironment {
  if (provider !== 'nhs-api-platform') return { ok: false, reason: 'NHS hosts JWKS files only for NHS England API platform (signed JWT) applications.' };
  const name = Object.hasOwn(ENVIRONMENT_NAMES, environment) ? ENVIRONMENT_NAMES[environment] : undefined;
  if (name) return { ok: true, name };
  if (environment === 'sandbox') {
    return {
      ok: false,
      reason:
        'The sandbox has no NHS-hosted key for a supplier to request: NHS hosts keys for the Developer Hub applications of INT (int) and production (prod). make_jwk.py still lists a "sandbox" folder (last added to in 2023) and NHS-internal ones (internal-dev, internal-qa, ref); ask NHS if you really need one of those.',
    };
  }
  return { ok: false, reason: `The environment "${environment}" has no NHS-hosted JWKS folder: NHS hosts keys for INT (int) and production (prod).` };
}
