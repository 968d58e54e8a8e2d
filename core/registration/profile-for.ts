/**
 * The profile a registration is judged by: the built-in provider data, refreshed by the
 * discovery document the user fetched for it (or, for a generic provider, built from it).
 */
import type { Registration } from '../../contract/schemas/registration';
import { applyDiscovery, buildGenericProfile, getProfile, type Profile } from '../profiles';

/** The effective profile of `registration`. */
export function profileFor(registration: Pick<Registration, 'provider' | 'environment' | 'discovery'>): Profile {
  const { discovery } = registration;
  if (!discovery) return getProfile(registration.provider);
  const appliedAt = new Date(discovery.fetchedAt);
  return registration.provider === 'generic-oidc'
    ? buildGenericProfile(discovery.metadata, { discoveryUrl: discovery.url, now: appliedAt })
    : applyDiscovery(getProfile(registration.provider), registration.environment, discovery.metadata, { now: appliedAt });
}
