/**
 * What a provider issues for a registration, and the checks of what the user enters against it.
 *
 * The fields follow the profile data (`issued` in core/profiles, per provider × auth method, with
 * its source): NHS login and CIS2 private_key_jwt issue a Client ID only; CIS2's "Client Secret"
 * pattern a Client ID and a secret; the NHS England API platform an API key (the assertion's iss
 * and sub) for an application that also has an application id (a UUID) and the supplier's KID.
 * Pure functions: the credential service, the CLI and the app all judge input the same way.
 */
import { AppError } from '../../contract/errors';
import type { Registration } from '../../contract/schemas/registration';
import { getProfile, isProfileId, issuedFor, type AuthMethod, type IssuedCredentials } from '../profiles';
import { isAuthMethod } from '../profiles/discovery';
import { checkClientSecret, normaliseClientId } from './validate';

/** The fields the provider issues for one registration, as the UI and the CLI ask for them. */
export interface CredentialFields {
  /** The auth method the fields follow (the draft's, or the profile's default). */
  method: AuthMethod;
  /** The provider's name for the identifier: "Client ID", or "API key" for the API platform. */
  identifierLabel: string;
  /** Whether a client secret is issued, hence asked for and kept in the keychain. */
  secret: 'required' | 'not-issued';
  /** Whether an application id (a UUID; optional, for support) may be recorded. */
  applicationId: boolean;
  /** Whether the KID of the supplier's key is part of what is recorded. */
  kid: boolean;
  /** Plain words: what the provider issues. */
  text: string;
  source: IssuedCredentials['source'];
}

/** The registration's auth method: its value when valid, else the profile's default. */
export function authMethodOf(registration: Pick<Registration, 'provider' | 'metadata'>): AuthMethod {
  const declared = registration.metadata.token_endpoint_auth_method;
  if (typeof declared === 'string' && isAuthMethod(declared)) return declared;
  return isProfileId(registration.provider) ? getProfile(registration.provider).defaultAuthMethod : 'client_secret_basic';
}

/** What the provider of `registration` issues for its auth method. */
export function credentialFieldsFor(registration: Pick<Registration, 'provider' | 'metadata'>): CredentialFields {
  const method = authMethodOf(registration);
  const profile = getProfile(isProfileId(registration.provider) ? registration.provider : 'generic-oidc');
  const issued = issuedFor(profile, method);
  return {
    method,
    identifierLabel: issued.identifierLabel,
    secret: issued.secret === 'issued' ? 'required' : 'not-issued',
    applicationId: issued.applicationId,
    kid: issued.kid,
    text: issued.text,
    source: issued.source,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` is written like a UUID (what the API platform's application id looks like). */
export function looksLikeUuid(value: string): boolean {
  return UUID.test(value.trim());
}

/** What the user entered (raw). */
export interface CredentialEntry {
  clientId: string;
  secret?: string | undefined;
  applicationId?: string | undefined;
  kid?: string | undefined;
}

/** The entry checked against what is issued. */
export interface CheckedCredentials {
  clientId: string;
  /** Present only where a secret is issued. */
  secret?: string;
  applicationId?: string;
  kid?: string;
  /** Non-fatal: e.g. a UUID typed as an API key. */
  warnings: string[];
}

function refuse(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { details: { field } });
}

function optionalText(value: string | undefined, field: string, label: string): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  // Same limits as a Client ID: short, printable, no line breaks.
  try {
    return normaliseClientId(trimmed);
  } catch {
    throw refuse(field, `The ${label} is longer than 512 characters or holds control characters.`);
  }
}

/**
 * Checks `entry` against `fields`. Throws `VALIDATION_FAILED` (a usage error: exit 2) when a
 * secret is required and missing, when one is given where the provider issues none (it would be
 * stored as a secret that is not one), when the application id is not a UUID, or for a malformed
 * value. A UUID typed as an API key is a warning naming the application id.
 */
export function checkCredentialEntry(fields: CredentialFields, entry: CredentialEntry): CheckedCredentials {
  let clientId: string;
  try {
    clientId = normaliseClientId(entry.clientId);
  } catch (error) {
    if (error instanceof AppError && fields.identifierLabel !== 'Client ID') {
      throw refuse('clientId', error.message.replace('The Client ID', `The ${fields.identifierLabel}`));
    }
    throw error;
  }
  const warnings: string[] = [];
  const secretGiven = entry.secret !== undefined && entry.secret !== '';
  let secret: string | undefined;
  if (fields.secret === 'required') {
    if (!secretGiven) {
      throw refuse('secret', `With ${fields.method} the provider issues a client secret with the ${fields.identifierLabel}: give the secret too (on stdin for the command line). ${fields.text}`);
    }
    secret = checkClientSecret(entry.secret);
  } else if (secretGiven) {
    throw refuse('secret', `With ${fields.method} this provider issues no client secret — only the ${fields.identifierLabel}. Nothing was saved; save the ${fields.identifierLabel} alone. ${fields.text}`);
  }

  let applicationId: string | undefined;
  if (entry.applicationId !== undefined && entry.applicationId.trim() !== '') {
    if (!fields.applicationId) throw refuse('applicationId', 'This provider issues no application id to record.');
    applicationId = optionalText(entry.applicationId, 'applicationId', 'application id');
    if (applicationId !== undefined && !looksLikeUuid(applicationId)) {
      throw refuse('applicationId', 'The application id is a UUID (e.g. 009c531e-072f-4468-a24c-4b6faab562da), as shown for your application in the Developer Hub.');
    }
  }
  let kid: string | undefined;
  if (entry.kid !== undefined && entry.kid.trim() !== '') {
    if (!fields.kid) throw refuse('kid', 'This provider does not tie the registration to a KID; leave it out.');
    kid = optionalText(entry.kid, 'kid', 'KID');
  }

  if (fields.applicationId && looksLikeUuid(clientId)) {
    warnings.push(
      `The ${fields.identifierLabel} you entered looks like a UUID — that is what the application id looks like, not the API key. The assertion's iss and sub must be the API key (Developer Hub → your application → API key); a UUID there is refused as "Invalid iss/sub claims".`,
    );
  }
  return { clientId, ...(secret === undefined ? {} : { secret }), ...(applicationId === undefined ? {} : { applicationId }), ...(kid === undefined ? {} : { kid }), warnings };
}
