/**
 * Refreshing profiles from an OpenID Connect Discovery document, and the document's shape.
 *
 * Built-in profile data is a best reading of public pages; the provider's own discovery
 * document is authoritative for endpoints and algorithms, so when one is available the
 * profile is refreshed from it and marked `dataSource: 'discovery'` for the UI to say so.
 * Fetching is someone else's job (core/net): this module only takes the parsed JSON.
 */
import { z } from 'zod';
import { AppError } from '../../contract/errors';
import {
  ASYMMETRIC_ALGS,
  AUTH_METHODS,
  findEnvironment,
  type AsymmetricAlg,
  type AuthMethod,
  type KeyDefaults,
  type Profile,
} from './profile-schema';

const httpsUrl = z.url({ protocol: /^https$/ });
const stringList = z.array(z.string());

/**
 * The Discovery 1.0 members this app reads (others are kept). `issuer` and `token_endpoint`
 * are required here because registration is meaningless without them.
 */
export const discoveryDocumentSchema = z.looseObject({
  issuer: httpsUrl,
  token_endpoint: httpsUrl,
  authorization_endpoint: z.string().optional(),
  jwks_uri: z.string().optional(),
  userinfo_endpoint: z.string().optional(),
  end_session_endpoint: z.string().optional(),
  token_endpoint_auth_methods_supported: stringList.optional(),
  token_endpoint_auth_signing_alg_values_supported: stringList.optional(),
  id_token_signing_alg_values_supported: stringList.optional(),
  userinfo_signing_alg_values_supported: stringList.optional(),
  backchannel_logout_supported: z.boolean().optional(),
  backchannel_logout_session_supported: z.boolean().optional(),
});

/** A parsed discovery document (the members this app reads, plus any others). */
export type DiscoveryDocument = z.infer<typeof discoveryDocumentSchema>;

/** Parses an untrusted discovery document or throws `AppError('DISCOVERY_INVALID')` with the issues. */
export function parseDiscoveryDocument(input: unknown): DiscoveryDocument {
  const parsed = discoveryDocumentSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('DISCOVERY_INVALID', 'The discovery document lacks a valid https issuer or token_endpoint, or has wrongly typed members.', {
      details: { issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })) },
    });
  }
  return parsed.data;
}

/** True when `value` is one of the five standard token endpoint auth methods. */
export function isAuthMethod(value: string): value is AuthMethod {
  return (AUTH_METHODS as readonly string[]).includes(value);
}

const isAsymmetricAlg = (value: string): value is AsymmetricAlg => (ASYMMETRIC_ALGS as readonly string[]).includes(value);

/**
 * The asymmetric algorithms in a discovery list that a key of this kind can use
 * (`none` and HMAC never qualify for a key pair; EC only where the profile allows EC keys).
 */
export function usableAlgs(listed: readonly string[], ecAllowed: boolean): AsymmetricAlg[] {
  const out: AsymmetricAlg[] = [];
  for (const alg of listed) {
    if (isAsymmetricAlg(alg) && (ecAllowed || !alg.startsWith('ES')) && !out.includes(alg)) out.push(alg);
  }
  return out;
}

/** Options of {@link applyDiscovery}. */
export interface ApplyDiscoveryOptions {
  /** When the document was fetched; recorded as `discoveryAppliedAt`. */
  readonly now?: Date;
}

/**
 * Returns a copy of `profile` whose environment `environmentId` is refreshed from `discovery`:
 * issuer and token endpoint, accepted auth methods and client-assertion algorithms, and
 * `dataSource: 'discovery'`. The input profile is not modified.
 *
 * Where the built-in allow-list is authoritative (`algsPublished`, e.g. the API platform's
 * RS512-only rule enforced in NHS code), discovery can only narrow it; otherwise the
 * document's list replaces our guess. A document that lists nothing usable leaves the
 * built-in values and says so in the environment's notes.
 *
 * @throws AppError `DISCOVERY_INVALID` for a malformed document, `NOT_FOUND` for an unknown environment.
 */
export function applyDiscovery(profile: Profile, environmentId: string, discovery: unknown, options: ApplyDiscoveryOptions = {}): Profile {
  const doc = parseDiscoveryDocument(discovery);
  if (!findEnvironment(profile, environmentId)) {
    throw new AppError('NOT_FOUND', `Profile ${profile.id} has no environment "${environmentId}".`, { details: { profile: profile.id, environment: environmentId } });
  }
  const copy = structuredClone(profile);
  const env = findEnvironment(copy, environmentId)!;
  const notes: string[] = env.notes.filter((note) => !note.startsWith('Discovery:'));

  env.issuer = doc.issuer;
  env.tokenEndpoint = doc.token_endpoint;

  const listedMethods = doc.token_endpoint_auth_methods_supported;
  if (listedMethods !== undefined) {
    const kept = env.authMethods.filter((policy) => listedMethods.includes(policy.method));
    if (kept.length > 0) env.authMethods = kept;
    else notes.push(`Discovery: the document lists none of the methods this profile expects (${listedMethods.join(', ') || 'empty list'}); built-in methods kept.`);
  }

  const listedAlgs = doc.token_endpoint_auth_signing_alg_values_supported;
  if (listedAlgs !== undefined) {
    const usable = usableAlgs(listedAlgs, env.keys.ecAllowed);
    const next = env.keys.algsPublished ? env.keys.allowedAlgs.filter((alg) => usable.includes(alg)) : usable;
    if (next.length > 0) {
      env.keys = refreshedKeys(env.keys, next, `From the discovery document: ${listedAlgs.join(', ')}.`);
    } else {
      notes.push(`Discovery: none of the listed client-assertion algorithms (${listedAlgs.join(', ') || 'empty list'}) is usable with this profile; built-in list kept.`);
    }
  }

  env.notes = notes;
  env.dataSource = 'discovery';
  if (options.now) env.discoveryAppliedAt = options.now.toISOString();
  else delete env.discoveryAppliedAt;
  return copy;
}

function refreshedKeys(keys: KeyDefaults, allowed: AsymmetricAlg[], note: string): KeyDefaults {
  const first = allowed[0] as AsymmetricAlg;
  return {
    ...keys,
    allowedAlgs: allowed,
    algsPublished: true,
    algNote: note,
    defaultAlg: allowed.includes(keys.defaultAlg) ? keys.defaultAlg : first,
  };
}
