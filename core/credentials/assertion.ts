/**
 * RFC 7523 client assertions for `private_key_jwt` registrations: a JWT the developer's
 * backend would send to the token endpoint, signed here with the registration's ACTIVE key so
 * the user can test the key, the published JWKS and the registration before writing code.
 *
 * Claims are exactly `iss` = `sub` = client_id, `aud` = the token endpoint (a single string,
 * as NHS servers compare it with the URL they serve; draft-ietf-oauth-rfc7523bis also prefers
 * a single-string aud), `jti` (random UUID), `iat`, `exp`. The header is exactly `alg`, `kid`
 * and `typ: "JWT"` (the NHS API platform rejects assertions without `typ`).
 *
 * Lifetime: 290 s by default, at most 300 s. The NHS API platform refuses `exp` more than
 * 300 s (+10 s grace) after ITS clock; 290 s keeps a 20 s margin for a client clock running
 * fast, while staying close to the "now + 5 minutes" NHS guidance.
 */
import { decodeProtectedHeader } from 'jose';
import { AppError } from '../../contract/errors';
import type { Registration } from '../../contract/schemas/registration';
import { activeKey, parseKeyRecord, type KeyRecord, type KeyService, type Unlock } from '../keys';
import { parseTargetUrl } from '../net/url-policy';
import type { Clock, Random } from '../ports';
import { findEnvironment } from '../profiles';
import { profileFor } from '../registration/profile-for';
import type { RegistrationRepository } from '../storage/registrations';
import { credentialFieldsFor } from './issued';
import { normaliseClientId } from './validate';

/** Default assertion lifetime in seconds (see the module comment for why not 300). */
export const DEFAULT_ASSERTION_LIFETIME_SECONDS = 290;
/** The only header members an assertion should carry. */
export const ASSERTION_HEADER_MEMBERS = ['alg', 'kid', 'typ'] as const;

/** Longest lifetime accepted: NHS platforms refuse assertions valid for more than 5 minutes. */
export const MAX_ASSERTION_LIFETIME_SECONDS = 300;
/** The `client_assertion_type` of RFC 7523 §2.2. */
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** The placeholder for the authorization code in generated curl commands. */
export const AUTHORIZATION_CODE_PLACEHOLDER = '<AUTHORIZATION_CODE>';

/** Options of {@link createClientAssertion}. */
export interface ClientAssertionOptions {
  /** `aud` and the URL to POST to; default the profile environment's token endpoint. */
  audience?: string;
  /** Seconds from `iat` to `exp`, 1..300; default {@link DEFAULT_ASSERTION_LIFETIME_SECONDS}. */
  lifetimeSeconds?: number;
  /** Client ID for `iss`/`sub`; default the saved credentials' Client ID. */
  clientId?: string;
  /** Passphrase for a passphrase-custody key. */
  unlock?: Unlock;
}

/** The protected header of an assertion (exactly these members). */
export interface ClientAssertionHeader {
  alg: string;
  kid: string;
  typ: 'JWT';
}

/** The claims of an assertion (exactly these members). */
export interface ClientAssertionClaims {
  iss: string;
  sub: string;
  aud: string;
  jti: string;
  iat: number;
  exp: number;
}

/** A signed client assertion and a ready-to-run token request. */
export interface ClientAssertion {
  /** The compact JWS. */
  jwt: string;
  header: ClientAssertionHeader;
  claims: ClientAssertionClaims;
  /** The grant the curl command uses: client_credentials for the NHS API platform, else authorization_code. */
  grantType: 'client_credentials' | 'authorization_code';
  /** A one-line curl command POSTing the assertion to `aud`. */
  curl: string;
  /** ISO time the assertion expires. */
  expiresAt: string;
  /** Non-fatal remarks (e.g. the key's alg is not one the environment accepts). */
  warnings: string[];
}

/** What {@link createClientAssertion} needs. */
export interface AssertionDeps {
  registrations: RegistrationRepository;
  keys: KeyService;
  clock: Clock;
  random: Random;
}

/** Quotes `value` for a POSIX shell only when it needs it. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The one-line curl command POSTing `jwt` to `tokenEndpoint` with `grantType`. */
export function curlCommand(tokenEndpoint: string, jwt: string, grantType: ClientAssertion['grantType'], redirectUri?: string): string {
  const parts = ['curl', '-X', 'POST', shellQuote(tokenEndpoint), '-d', `grant_type=${grantType}`];
  if (grantType === 'authorization_code') {
    parts.push('-d', shellQuote(`code=${AUTHORIZATION_CODE_PLACEHOLDER}`));
    if (redirectUri !== undefined) parts.push('--data-urlencode', shellQuote(`redirect_uri=${redirectUri}`));
  }
  parts.push('-d', `client_assertion_type=${CLIENT_ASSERTION_TYPE}`, '-d', shellQuote(`client_assertion=${jwt}`));
  return parts.join(' ');
}

function signingKey(registration: Registration): KeyRecord {
  const active = activeKey(registration.keys.map(parseKeyRecord));
  if (!active) {
    throw new AppError('NOT_FOUND', `${registration.id} has no active signing key. Generate a key and make it active first; assertions are signed only with the active key.`, {
      details: { id: registration.id, reason: 'no-active-key', kids: registration.keys.map((k) => k.kid) },
    });
  }
  return active;
}

/**
 * Builds and signs a client assertion for `registrationId`.
 *
 * @throws AppError `NOT_FOUND` (no registration, no Client ID saved, no active key),
 *   `VALIDATION_FAILED` (not a private_key_jwt registration, bad lifetime, no token endpoint known),
 *   `NETWORK_URL_REFUSED` (an `audience` that is not an https URL), and the key service's errors
 *   (`KEYCHAIN_UNAVAILABLE`, `PASSPHRASE_REQUIRED`, `SECRET_TAMPERED`, ...).
 */
export async function createClientAssertion(deps: AssertionDeps, registrationId: string, options: ClientAssertionOptions = {}): Promise<ClientAssertion> {
  const registration = deps.registrations.get(registrationId);
  const profile = profileFor(registration);
  const environment = findEnvironment(profile, registration.environment);

  const method = typeof registration.metadata.token_endpoint_auth_method === 'string' ? registration.metadata.token_endpoint_auth_method : profile.defaultAuthMethod;
  if (method !== 'private_key_jwt') {
    throw new AppError('VALIDATION_FAILED', `${registrationId} uses ${method}; client assertions are for private_key_jwt registrations.`, {
      details: { id: registrationId, method },
    });
  }

  const lifetime = options.lifetimeSeconds ?? DEFAULT_ASSERTION_LIFETIME_SECONDS;
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > MAX_ASSERTION_LIFETIME_SECONDS) {
    throw new AppError('VALIDATION_FAILED', `The assertion lifetime must be a whole number of seconds from 1 to ${MAX_ASSERTION_LIFETIME_SECONDS}.`, { details: { field: 'lifetimeSeconds' } });
  }

  const rawClientId = options.clientId ?? registration.credentials?.clientId;
  if (rawClientId === undefined) {
    const label = credentialFieldsFor(registration).identifierLabel;
    const flag = label === 'API key' ? '--api-key <api key>' : '--client-id <id>';
    throw new AppError('NOT_FOUND', `No ${label} is saved for ${registrationId}. Save what the provider issued first (oidc-onboard credentials save ${registrationId} ${flag}).`, {
      details: { id: registrationId, reason: 'no-client-id' },
    });
  }
  const clientId = normaliseClientId(rawClientId);

  const audience = options.audience ?? environment?.tokenEndpoint;
  if (audience === undefined) {
    throw new AppError('VALIDATION_FAILED', `No token endpoint is known for ${profile.name} (${registration.environment}). Give it explicitly (--aud <token endpoint URL from the discovery document>).`, {
      details: { id: registrationId, reason: 'no-token-endpoint' },
    });
  }
  // Vet it like any URL we might POST to, but sign exactly the string given: aud is compared verbatim.
  parseTargetUrl(audience);

  const record = signingKey(registration);
  const warnings: string[] = [];
  if (environment && !(environment.keys.allowedAlgs as readonly string[]).includes(record.alg)) {
    warnings.push(`The active key uses ${record.alg}; ${profile.name} (${environment.label}) accepts ${environment.keys.allowedAlgs.join(', ')}.`);
  }
  const declared = registration.metadata.token_endpoint_auth_signing_alg;
  if (typeof declared === 'string' && declared !== record.alg) {
    warnings.push(`The values declare token_endpoint_auth_signing_alg ${declared} but the active key signs ${record.alg}: a provider that registered ${declared} refuses this assertion ("alg mismatch"). Generate a ${declared} key, or change the declaration.`);
  }

  const iat = Math.floor(deps.clock.now().getTime() / 1000);
  const claims: ClientAssertionClaims = { iss: clientId, sub: clientId, aud: audience, jti: deps.random.uuid(), iat, exp: iat + lifetime };
  const header: ClientAssertionHeader = { alg: record.alg, kid: record.kid, typ: 'JWT' };
  const jwt = await deps.keys.sign(registrationId, record, { ...claims }, { header: { typ: 'JWT' }, ...(options.unlock ? { unlock: options.unlock } : {}) });
  // NHS ignores jku/x5u and documents alg, kid, typ only: nothing else may ever reach the header.
  const sent = Object.keys(decodeProtectedHeader(jwt)).filter((name) => !(ASSERTION_HEADER_MEMBERS as readonly string[]).includes(name));
  if (sent.length > 0) throw new AppError('INTERNAL', 'The assertion header would carry more than alg, kid and typ.', { details: { members: sent } });

  const grantType = registration.provider === 'nhs-api-platform' ? 'client_credentials' : 'authorization_code';
  const redirectUris = registration.metadata.redirect_uris;
  const redirectUri = Array.isArray(redirectUris) && typeof redirectUris[0] === 'string' ? redirectUris[0] : undefined;
  return {
    jwt,
    header,
    claims,
    grantType,
    curl: curlCommand(audience, jwt, grantType, redirectUri),
    expiresAt: new Date(claims.exp * 1000).toISOString(),
    warnings,
  };
}
