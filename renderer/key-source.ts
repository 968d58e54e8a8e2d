/**
 * How a provider environment takes the public key: a jwks_uri it fetches, or a PEM file. One
 * answer for every screen that shows or hides jwks_uri things (the wizard's check step, the
 * Registrations list's "jwks_uri checked" chip).
 */
import type { Environment, Profile } from './types';

/** Whether `environment` takes a jwks_uri (not a PEM file). Unknown (profiles still loading) counts as yes, so nothing flickers away. */
export function usesJwksUri(environment: Pick<Environment, 'keys'> | undefined): boolean {
  return environment?.keys.keySource !== 'pem';
}

/** The environment `environmentId` of provider `providerId`, if the profiles are loaded and have it. */
export function findEnvironment(profiles: readonly Profile[] | undefined, providerId: string, environmentId: string): Environment | undefined {
  return profiles?.find((p) => p.id === providerId)?.environments.find((env) => env.id === environmentId);
}
