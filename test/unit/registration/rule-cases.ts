/**
 * One refused and one accepted case for every rule code, keyed by code so TypeScript
 * fails to compile when a catalogue entry has no cases.
 */
import { getProfile, type Profile } from '../../../core/profiles';
import type { RuleCode, SigningKeyFacts, ValidationContext } from '../../../core/registration';

/** A metadata value to validate against a profile environment. */
export interface RuleCase {
  readonly profile: Profile;
  readonly environment: string;
  readonly metadata: unknown;
  /** Expected path of the finding (refused cases only). */
  readonly path?: string;
  /** What validation knows beyond the values (the registration's keys). */
  readonly context?: ValidationContext;
}

export const cis2 = getProfile('nhs-cis2');
export const nhsLogin = getProfile('nhs-login');
export const apiPlatform = getProfile('nhs-api-platform');
export const generic = getProfile('generic-oidc');

/** A valid CIS2 registration (only an info finding: the unpublished algorithm list). */
export const CIS2_VALID = {
  client_name: 'Ward Rounds',
  redirect_uris: ['https://wards.example.org/callback'],
  jwks_uri: 'https://wards.example.org/.well-known/jwks.json',
  contacts: ['ops@example.org'],
  token_endpoint_auth_method: 'private_key_jwt',
  token_endpoint_auth_signing_alg: 'RS256',
  application_type: 'web',
} as const;

/** A valid NHS login registration. */
export const NHS_LOGIN_VALID = {
  client_name: 'Book A Clinic',
  redirect_uris: ['https://clinic.example.org/auth/callback'],
  contacts: ['ops@example.org'],
  token_endpoint_auth_method: 'private_key_jwt',
  token_endpoint_auth_signing_alg: 'RS512',
  application_type: 'web',
} as const;

/** A valid API platform (client credentials) registration. */
export const API_VALID = {
  client_name: 'Referral Sync',
  jwks_uri: 'https://keys.example.org/jwks.json',
  contacts: ['ops@example.org'],
  token_endpoint_auth_method: 'private_key_jwt',
  token_endpoint_auth_signing_alg: 'RS512',
} as const;

/** CIS2 int with `patch` merged over the valid values (`undefined` removes a member). */
export function c(patch: Record<string, unknown>, path?: string): RuleCase {
  return { profile: cis2, environment: 'int', metadata: merge(CIS2_VALID, patch), ...(path === undefined ? {} : { path }) };
}
/** NHS login sandpit with `patch`. */
export function l(patch: Record<string, unknown>, path?: string): RuleCase {
  return { profile: nhsLogin, environment: 'sandpit', metadata: merge(NHS_LOGIN_VALID, patch), ...(path === undefined ? {} : { path }) };
}
/** API platform int with `patch`. */
export function a(patch: Record<string, unknown>, path?: string): RuleCase {
  return { profile: apiPlatform, environment: 'int', metadata: merge(API_VALID, patch), ...(path === undefined ? {} : { path }) };
}
/** The generic profile (template) with `patch` over the CIS2 values. */
export function g(patch: Record<string, unknown>, path?: string, profile: Profile = generic): RuleCase {
  return { profile, environment: 'default', metadata: merge(CIS2_VALID, patch), ...(path === undefined ? {} : { path }) };
}

function merge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

/** A generic profile whose provider refuses custom schemes but not loopback (a synthetic policy). */
export const refusesCustomSchemes: Profile = {
  ...structuredClone(generic),
  redirectUris: { ...generic.redirectUris, customSchemes: 'refuse' },
};

const throwingGetter = Object.defineProperty({}, 'client_name', {
  enumerable: true,
  get() {
    throw new Error('hostile getter');
  },
});

const ru = (uri: string) => ({ redirect_uris: [uri] });

/** An active RSA 2048 key pinned to RS256, and an active EC P-256 key pinned to ES256. */
const RSA_RS256: SigningKeyFacts = { kid: 'rsa-1', kty: 'RSA', size: 2048, alg: 'RS256', state: 'active' };
const EC_P256: SigningKeyFacts = { kid: 'ec-1', kty: 'EC', crv: 'P-256', alg: 'ES256', state: 'active' };

/** `testCase` judged with the registration's keys. */
function withKeys(testCase: RuleCase, keys: readonly Partial<SigningKeyFacts>[]): RuleCase {
  return { ...testCase, context: { keys: keys.map((key) => Object.fromEntries(Object.entries(key).filter(([, v]) => v !== undefined)) as unknown as SigningKeyFacts) } };
}

/** Every rule: cases that must produce it, and close cases that must not. */
export const RULE_CASES: Record<RuleCode, { refused: RuleCase[]; accepted: RuleCase[] }> = {
  'metadata.not_object': {
    refused: [null, ['https://x.org'], 'text', 42, true, undefined].map((value) => ({ ...c({}), metadata: value, path: '' })),
    accepted: [c({})],
  },
  'metadata.wrong_type': {
    refused: [c({ redirect_uris: 'https://x.org/cb' }, 'redirect_uris'), c({ redirect_uris: ['https://x.org/cb', 7] }, 'redirect_uris[1]'), c({ backchannel_logout_session_required: 'yes' }, 'backchannel_logout_session_required'), c({ jwks: [] }, 'jwks'), c({ client_name: 5 }, 'client_name')],
    accepted: [c({ backchannel_logout_session_required: true, backchannel_logout_uri: 'https://wards.example.org/logout' })],
  },
  'metadata.unknown_member': {
    refused: [c({ client_nmae: 'typo' }, 'client_nmae'), c({ 'odd key': 1 }, '["odd key"]')],
    accepted: [c({ 'client_name#en-GB': 'Ward Rounds', grant_types: ['authorization_code'], scope: 'openid' })],
  },
  'metadata.reserved_member': {
    refused: [{ ...c({}), metadata: JSON.parse('{"__proto__": {"admin": true}, "client_name": "x"}'), path: '__proto__' }, c({ constructor: 'x' }, 'constructor')],
    accepted: [c({ prototype_name: 'x' })],
  },
  'profile.environment_unknown': {
    refused: [{ ...c({}), environment: 'prod', path: '' }],
    accepted: [{ ...c({}), environment: 'live' }, { ...c({}), environment: 'dep' }],
  },
  'client_name.missing': {
    refused: [c({ client_name: undefined }, 'client_name')],
    accepted: [c({})],
  },
  'client_name.blank': {
    refused: [c({ client_name: '' }, 'client_name'), c({ client_name: ' \t ' }, 'client_name'), c({ 'client_name#cy': '' }, 'client_name#cy')],
    accepted: [c({ client_name: 'A' })],
  },
  'client_name.untrimmed': {
    refused: [c({ client_name: ' Ward Rounds' }, 'client_name'), c({ client_name: 'Ward Rounds\u00a0' }, 'client_name')],
    accepted: [c({ client_name: 'Ward  Rounds' })],
  },
  'client_name.too_long': {
    refused: [c({ client_name: 'x'.repeat(101) }, 'client_name')],
    accepted: [c({ client_name: 'x'.repeat(100) }), c({ client_name: '🏥'.repeat(100) })],
  },
  'client_name.control_chars': {
    refused: [c({ client_name: 'Ward\nRounds' }, 'client_name'), c({ client_name: 'Ward \u202eRounds' }, 'client_name')],
    accepted: [c({ client_name: 'Ward Rounds — Café' })],
  },
  'uri.invalid': {
    refused: [c(ru('/callback'), 'redirect_uris[0]'), c(ru('localhost:3000/cb'), 'redirect_uris[0]'), c(ru(''), 'redirect_uris[0]'), c({ jwks_uri: 'keys.example.org/jwks' }, 'jwks_uri'), c(ru('https://'), 'redirect_uris[0]'), c({ logo_uri: 'http//x' }, 'logo_uri')],
    accepted: [c(ru('https://wards.example.org/cb'))],
  },
  'uri.whitespace': {
    refused: [c(ru(' https://wards.example.org/cb'), 'redirect_uris[0]'), c(ru('https://wards.example.org/c\tb'), 'redirect_uris[0]'), c({ jwks_uri: 'https://keys.example.org/jwks.json\n' }, 'jwks_uri'), c(ru('https://wards.example.org/\u200bcb'), 'redirect_uris[0]')],
    accepted: [c(ru('https://wards.example.org/c%20b'))],
  },
  'uri.too_long': {
    refused: [c(ru(`https://wards.example.org/${'a'.repeat(2100)}`), 'redirect_uris[0]')],
    accepted: [c(ru(`https://wards.example.org/${'a'.repeat(1000)}`))],
  },
  'uri.userinfo': {
    refused: [c(ru('https://user:pw@wards.example.org/cb'), 'redirect_uris[0]'), c({ jwks_uri: 'https://@keys.example.org/jwks' }, 'jwks_uri')],
    accepted: [c(ru('https://wards.example.org/cb?u=a@b'))],
  },
  'uri.idn': {
    refused: [c(ru('https://bücher.example/cb'), 'redirect_uris[0]'), c(ru('https://xn--bcher-kva.example/cb'), 'redirect_uris[0]')],
    accepted: [c(ru('https://buecher.example/cb'))],
  },
  'uri.dangerous_scheme': {
    refused: [c(ru('javascript:alert(1)'), 'redirect_uris[0]'), c(ru('DATA:text/html,x'), 'redirect_uris[0]'), c({ logo_uri: 'file:///etc/passwd' }, 'logo_uri'), c(ru('vbscript:x'), 'redirect_uris[0]'), c(ru('blob:https://x.org/1'), 'redirect_uris[0]')],
    accepted: [c({ logo_uri: 'https://wards.example.org/logo.png' })],
  },
  'redirect_uris.missing': {
    refused: [c({ redirect_uris: undefined }, 'redirect_uris'), c({ redirect_uris: [] }, 'redirect_uris'), l({ redirect_uris: [] }, 'redirect_uris')],
    accepted: [c({}), a({})],
  },
  'redirect_uris.not_needed': {
    refused: [a({ redirect_uris: ['https://x.example.org/cb'] }, 'redirect_uris')],
    accepted: [a({}), c({})],
  },
  'redirect_uris.too_many': {
    refused: [l({ redirect_uris: Array.from({ length: 11 }, (_, i) => `https://clinic.example.org/cb${i}`) }, 'redirect_uris')],
    accepted: [l({ redirect_uris: Array.from({ length: 10 }, (_, i) => `https://clinic.example.org/cb${i}`) }), c({ redirect_uris: Array.from({ length: 11 }, (_, i) => `https://wards.example.org/cb${i}`) })],
  },
  'redirect_uri.fragment': {
    refused: [c(ru('https://wards.example.org/cb#top'), 'redirect_uris[0]'), c(ru('https://wards.example.org/cb#'), 'redirect_uris[0]')],
    accepted: [c(ru('https://wards.example.org/cb?x=%23'))],
  },
  'redirect_uri.wildcard': {
    refused: [c(ru('https://*.example.org/cb'), 'redirect_uris[0]'), c(ru('https://wards.example.org/*'), 'redirect_uris[0]'), c(ru('https://wards.example.org/%2A'), 'redirect_uris[0]')],
    accepted: [c(ru('https://wards.example.org/cb?q=*'))],
  },
  'redirect_uri.duplicate': {
    refused: [c({ redirect_uris: ['https://wards.example.org/cb', 'https://wards.example.org/cb'] }, 'redirect_uris[1]'), c({ redirect_uris: ['https://wards.example.org/cb', 'HTTPS://Wards.Example.org:443/cb'] }, 'redirect_uris[1]')],
    accepted: [c({ redirect_uris: ['https://wards.example.org/cb', 'https://wards.example.org/cb/'] })],
  },
  'redirect_uri.http_non_loopback': {
    refused: [c(ru('http://wards.example.org/cb'), 'redirect_uris[0]'), c({ ...ru('http://192.168.1.5/cb'), application_type: 'native' }, 'redirect_uris[0]')],
    accepted: [c({ ...ru('http://127.0.0.1:8765/cb'), application_type: 'native' })],
  },
  'redirect_uri.localhost': {
    refused: [c({ ...ru('http://localhost:8765/cb'), application_type: 'native' }, 'redirect_uris[0]')],
    accepted: [c({ ...ru('http://[::1]:8765/cb'), application_type: 'native' })],
  },
  'redirect_uri.private_use_not_reverse_dns': {
    refused: [c({ ...ru('clientapp://connect/authresponse'), application_type: 'native' }, 'redirect_uris[0]'), g({ ...ru('myapp:/cb'), application_type: 'native' }, 'redirect_uris[0]')],
    accepted: [g({ ...ru('org.example.wards:/cb'), application_type: 'native' })],
  },
  'redirect_uri.custom_scheme': {
    refused: [c({ ...ru('org.example.wards:/cb'), application_type: 'native' }, 'redirect_uris[0]')],
    accepted: [g({ ...ru('org.example.wards:/cb'), application_type: 'native' }), c(ru('https://wards.example.org/cb'))],
  },
  'redirect_uri.custom_scheme_refused': {
    refused: [g({ ...ru('org.example.wards:/cb'), application_type: 'native' }, 'redirect_uris[0]', refusesCustomSchemes)],
    accepted: [g({ ...ru('http://127.0.0.1:9000/cb'), application_type: 'native' }, undefined, refusesCustomSchemes)],
  },
  'redirect_uri.https_only': {
    refused: [l(ru('http://127.0.0.1:8080/cb'), 'redirect_uris[0]'), l(ru('uk.nhs.clinic:/cb'), 'redirect_uris[0]')],
    accepted: [l({}), c({ ...ru('http://127.0.0.1:8080/cb'), application_type: 'native' })],
  },
  'redirect_uri.query_not_allowed': {
    refused: [l(ru('https://clinic.example.org/cb?from=nhs'), 'redirect_uris[0]'), l(ru('https://clinic.example.org/cb?'), 'redirect_uris[0]')],
    accepted: [l({}), c(ru('https://wards.example.org/cb?from=nhs'))],
  },
  'redirect_uri.loopback_for_web': {
    refused: [c(ru('http://127.0.0.1:8080/cb'), 'redirect_uris[0]')],
    accepted: [c({ ...ru('http://127.0.0.1:8080/cb'), application_type: 'native' })],
  },
  'redirect_uri.custom_scheme_for_web': {
    refused: [g(ru('org.example.wards:/cb'), 'redirect_uris[0]')],
    accepted: [g({ ...ru('org.example.wards:/cb'), application_type: 'native' })],
  },
  'redirect_uri.native_https': {
    refused: [c({ application_type: 'native' }, 'redirect_uris[0]')],
    accepted: [c({ application_type: 'web' })],
  },
  'jwks_uri.not_https': {
    refused: [c({ jwks_uri: 'http://keys.example.org/jwks.json' }, 'jwks_uri'), c({ jwks_uri: 'ftp://keys.example.org/jwks.json' }, 'jwks_uri')],
    accepted: [c({})],
  },
  'jwks_uri.fragment': {
    refused: [c({ jwks_uri: 'https://keys.example.org/jwks.json#k1' }, 'jwks_uri')],
    accepted: [c({ jwks_uri: 'https://keys.example.org/jwks.json?v=1' })],
  },
  'jwks_uri.not_public': {
    // A generic provider may sit in the same network: a warning there.
    refused: [g({ jwks_uri: 'https://127.0.0.1/jwks.json' }, 'jwks_uri'), g({ jwks_uri: 'https://10.1.2.3/jwks.json' }, 'jwks_uri'), g({ jwks_uri: 'https://keys.local/jwks.json' }, 'jwks_uri'), g({ jwks_uri: 'https://localhost/jwks.json' }, 'jwks_uri'), g({ jwks_uri: 'https://[fd00::1]/jwks.json' }, 'jwks_uri')],
    accepted: [g({ jwks_uri: 'https://8.8.8.8/jwks.json' }), g({}), c({ jwks_uri: 'https://127.0.0.1/jwks.json' })],
  },
  'jwks_uri.not_public_for_provider': {
    // NHS providers fetch keys from the internet: never reachable, so an error.
    refused: [c({ jwks_uri: 'https://127.0.0.1/jwks.json' }, 'jwks_uri'), c({ jwks_uri: 'https://10.1.2.3/jwks.json' }, 'jwks_uri'), a({ jwks_uri: 'https://keys.local/jwks.json' }, 'jwks_uri'), a({ jwks_uri: 'https://localhost:8443/jwks.json' }, 'jwks_uri'), c({ jwks_uri: 'https://[fd00::1]/jwks.json' }, 'jwks_uri'), l({ jwks_uri: 'https://192.168.1.4/jwks.json' }, 'jwks_uri')],
    accepted: [c({ jwks_uri: 'https://8.8.8.8/jwks.json' }), a({}), g({ jwks_uri: 'https://127.0.0.1/jwks.json' })],
  },
  'jwks.invalid': {
    refused: [g({ jwks_uri: undefined, jwks: {} }, 'jwks'), g({ jwks_uri: undefined, jwks: { keys: [] } }, 'jwks.keys'), g({ jwks_uri: undefined, jwks: { keys: ['x'] } }, 'jwks.keys')],
    accepted: [g({ jwks_uri: undefined, jwks: { keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB' }] } })],
  },
  'jwks.private_material': {
    refused: [g({ jwks_uri: undefined, jwks: { keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB', d: 'AQAB' }] } }, 'jwks.keys[0]'), g({ jwks_uri: undefined, jwks: { keys: [{ kty: 'oct', k: 'c2VjcmV0' }] } }, 'jwks.keys[0]')],
    accepted: [g({ jwks_uri: undefined, jwks: { keys: [{ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }] } })],
  },
  'keys.jwks_and_jwks_uri': {
    refused: [c({ jwks: { keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB' }] } }, 'jwks')],
    accepted: [c({}), g({ jwks_uri: undefined, jwks: { keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB' }] } })],
  },
  'keys.jwks_uri_required': {
    refused: [c({ jwks_uri: undefined }, 'jwks_uri'), a({ jwks_uri: undefined }, 'jwks_uri'), g({ jwks_uri: undefined }, 'jwks_uri')],
    accepted: [c({}), l({})],
  },
  'keys.inline_jwks_not_accepted': {
    refused: [c({ jwks_uri: undefined, jwks: { keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB' }] } }, 'jwks')],
    accepted: [g({ jwks_uri: undefined, jwks: { keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB' }] } })],
  },
  'keys.pem_expected': {
    refused: [l({ jwks_uri: 'https://clinic.example.org/jwks.json' }, 'jwks_uri'), l({ jwks: { keys: [{ kty: 'RSA', n: 'AQAB', e: 'AQAB' }] } }, 'jwks')],
    accepted: [l({}), c({})],
  },
  'keys.not_needed': {
    refused: [c({ token_endpoint_auth_method: 'client_secret_post' }, 'jwks_uri')],
    accepted: [c({ token_endpoint_auth_method: 'client_secret_post', jwks_uri: undefined })],
  },
  'auth_method.missing': {
    refused: [c({ token_endpoint_auth_method: undefined }, 'token_endpoint_auth_method')],
    accepted: [c({})],
  },
  'auth_method.unknown': {
    refused: [c({ token_endpoint_auth_method: 'private_key' }, 'token_endpoint_auth_method'), c({ token_endpoint_auth_method: 'PRIVATE_KEY_JWT' }, 'token_endpoint_auth_method')],
    accepted: [c({ token_endpoint_auth_method: 'client_secret_basic', jwks_uri: undefined })],
  },
  'auth_method.not_allowed': {
    refused: [l({ token_endpoint_auth_method: 'client_secret_post' }, 'token_endpoint_auth_method'), c({ token_endpoint_auth_method: 'none' }, 'token_endpoint_auth_method'), c({ token_endpoint_auth_method: 'client_secret_jwt', token_endpoint_auth_signing_alg: 'HS256', jwks_uri: undefined }, 'token_endpoint_auth_method'), a({ token_endpoint_auth_method: undefined }, 'token_endpoint_auth_method')],
    accepted: [l({}), g({ token_endpoint_auth_method: 'none', jwks_uri: undefined })],
  },
  'auth_method.not_recommended': {
    refused: [c({ token_endpoint_auth_method: 'client_secret_basic', jwks_uri: undefined }, 'token_endpoint_auth_method'), c({ token_endpoint_auth_method: 'client_secret_post', jwks_uri: undefined }, 'token_endpoint_auth_method')],
    accepted: [c({}), g({ token_endpoint_auth_method: 'client_secret_basic', jwks_uri: undefined })],
  },
  'application_type.invalid': {
    refused: [c({ application_type: 'desktop' }, 'application_type')],
    accepted: [c({ application_type: 'native', redirect_uris: ['http://127.0.0.1:9000/cb'] }), c({ application_type: undefined })],
  },
  'application_type.confidential_only': {
    refused: [c({ application_type: 'native', redirect_uris: ['http://127.0.0.1:9000/cb'] }, 'application_type'), l({ application_type: 'native' }, 'application_type')],
    accepted: [g({ application_type: 'native', redirect_uris: ['http://127.0.0.1:9000/cb'] })],
  },
  'signing_alg.missing': {
    refused: [c({ token_endpoint_auth_signing_alg: undefined }, 'token_endpoint_auth_signing_alg'), c({ token_endpoint_auth_method: 'client_secret_jwt', token_endpoint_auth_signing_alg: undefined, jwks_uri: undefined }, 'token_endpoint_auth_signing_alg')],
    accepted: [c({}), c({ token_endpoint_auth_method: 'client_secret_post', token_endpoint_auth_signing_alg: undefined, jwks_uri: undefined })],
  },
  'signing_alg.unknown': {
    refused: [c({ token_endpoint_auth_signing_alg: 'rs256' }, 'token_endpoint_auth_signing_alg'), c({ id_token_signed_response_alg: 'RSA256' }, 'id_token_signed_response_alg'), c({ userinfo_signed_response_alg: 'SHA256' }, 'userinfo_signed_response_alg')],
    accepted: [c({ id_token_signed_response_alg: 'RS256', userinfo_signed_response_alg: 'PS256' })],
  },
  'signing_alg.none': {
    refused: [c({ token_endpoint_auth_signing_alg: 'none' }, 'token_endpoint_auth_signing_alg'), c({ token_endpoint_auth_method: 'client_secret_post', token_endpoint_auth_signing_alg: 'none', jwks_uri: undefined }, 'token_endpoint_auth_signing_alg')],
    accepted: [c({})],
  },
  'signing_alg.hmac_with_private_key_jwt': {
    refused: [c({ token_endpoint_auth_signing_alg: 'HS256' }, 'token_endpoint_auth_signing_alg'), g({ token_endpoint_auth_signing_alg: 'HS512' }, 'token_endpoint_auth_signing_alg')],
    accepted: [c({ token_endpoint_auth_method: 'client_secret_jwt', token_endpoint_auth_signing_alg: 'HS256', jwks_uri: undefined })],
  },
  'signing_alg.asymmetric_with_client_secret_jwt': {
    refused: [c({ token_endpoint_auth_method: 'client_secret_jwt', token_endpoint_auth_signing_alg: 'RS256', jwks_uri: undefined }, 'token_endpoint_auth_signing_alg')],
    accepted: [c({ token_endpoint_auth_method: 'client_secret_jwt', token_endpoint_auth_signing_alg: 'HS384', jwks_uri: undefined })],
  },
  'signing_alg.not_allowed': {
    refused: [a({ token_endpoint_auth_signing_alg: 'RS256' }, 'token_endpoint_auth_signing_alg'), l({ token_endpoint_auth_signing_alg: 'PS512' }, 'token_endpoint_auth_signing_alg'), c({ token_endpoint_auth_signing_alg: 'ES512' }, 'token_endpoint_auth_signing_alg'), c({ token_endpoint_auth_signing_alg: 'EdDSA' }, 'token_endpoint_auth_signing_alg')],
    accepted: [a({}), c({ token_endpoint_auth_signing_alg: 'PS256' }), c({ token_endpoint_auth_signing_alg: 'ES384' })],
  },
  'signing_alg.key_mismatch': {
    refused: [
      withKeys(c({ token_endpoint_auth_signing_alg: 'RS256' }, 'token_endpoint_auth_signing_alg'), [EC_P256]),
      withKeys(c({ token_endpoint_auth_signing_alg: 'PS256' }, 'token_endpoint_auth_signing_alg'), [RSA_RS256]),
      withKeys(c({ token_endpoint_auth_signing_alg: 'ES384' }, 'token_endpoint_auth_signing_alg'), [{ ...EC_P256, alg: undefined }]),
      withKeys(c({ token_endpoint_auth_signing_alg: 'RS256' }, 'token_endpoint_auth_signing_alg'), [{ ...RSA_RS256, alg: undefined, size: 1024 }]),
      withKeys(a({}, 'token_endpoint_auth_signing_alg'), [RSA_RS256, { ...RSA_RS256, kid: 'next-1', alg: 'RS512', state: 'next' }]),
      withKeys(g({ token_endpoint_auth_signing_alg: 'ES256' }, 'token_endpoint_auth_signing_alg'), [{ ...RSA_RS256, alg: undefined }]),
    ],
    accepted: [
      withKeys(c({}), [RSA_RS256]),
      withKeys(c({ token_endpoint_auth_signing_alg: 'ES256' }), [EC_P256]),
      withKeys(c({ token_endpoint_auth_signing_alg: 'PS256' }), [{ ...RSA_RS256, alg: 'PS256' }]),
      // Only the active key signs; a retired one of another algorithm does not matter.
      withKeys(a({}), [{ ...RSA_RS256, alg: 'RS512' }, { ...EC_P256, state: 'retired' }]),
      // No key yet, or a client-secret method: nothing to compare.
      c({ token_endpoint_auth_signing_alg: 'ES256' }),
      withKeys(c({ token_endpoint_auth_method: 'client_secret_post', token_endpoint_auth_signing_alg: undefined, jwks_uri: undefined }), [EC_P256]),
    ],
  },
  'signing_alg.unverified': {
    refused: [c({}, 'token_endpoint_auth_signing_alg')],
    accepted: [a({})],
  },
  'response_alg.none': {
    refused: [c({ id_token_signed_response_alg: 'none' }, 'id_token_signed_response_alg'), c({ userinfo_signed_response_alg: 'none' }, 'userinfo_signed_response_alg')],
    accepted: [c({ id_token_signed_response_alg: 'RS256' })],
  },
  'userinfo.signed_unsupported': {
    refused: [l({ userinfo_signed_response_alg: 'RS512' }, 'userinfo_signed_response_alg')],
    accepted: [c({ userinfo_signed_response_alg: 'RS256' })],
  },
  'contacts.missing': {
    refused: [c({ contacts: undefined }, 'contacts'), c({ contacts: [] }, 'contacts'), c({ contacts: ['  '] }, 'contacts')],
    accepted: [c({})],
  },
  'contacts.invalid_email': {
    refused: [c({ contacts: ['ops'] }, 'contacts[0]'), c({ contacts: ['ops@example.org', 'mailto:ops@example.org'] }, 'contacts[1]'), c({ contacts: ['Ops <ops@example.org>'] }, 'contacts[0]'), c({ contacts: [' ops@example.org'] }, 'contacts[0]'), c({ contacts: ['ops@localhost'] }, 'contacts[0]')],
    accepted: [c({ contacts: ['first.last+nhs@sub.example.co.uk'] })],
  },
  'display_uri.not_https': {
    refused: [c({ logo_uri: 'http://wards.example.org/logo.png' }, 'logo_uri'), c({ policy_uri: 'http://wards.example.org/privacy' }, 'policy_uri'), c({ tos_uri: 'ftp://wards.example.org/tos' }, 'tos_uri'), c({ 'policy_uri#cy': 'http://wards.example.org/cy' }, 'policy_uri#cy')],
    accepted: [c({ logo_uri: 'https://wards.example.org/logo.png', policy_uri: 'https://wards.example.org/p', tos_uri: 'https://wards.example.org/t', client_uri: 'https://wards.example.org/' })],
  },
  'backchannel_logout_uri.not_https': {
    refused: [c({ backchannel_logout_uri: 'http://wards.example.org/logout' }, 'backchannel_logout_uri')],
    accepted: [c({ backchannel_logout_uri: 'https://wards.example.org/logout?tenant=1' })],
  },
  'backchannel_logout_uri.fragment': {
    refused: [c({ backchannel_logout_uri: 'https://wards.example.org/logout#x' }, 'backchannel_logout_uri')],
    accepted: [c({ backchannel_logout_uri: 'https://wards.example.org/logout' })],
  },
  'backchannel_logout.unsupported': {
    refused: [l({ backchannel_logout_uri: 'https://clinic.example.org/logout' }, 'backchannel_logout_uri'), a({ backchannel_logout_session_required: false }, 'backchannel_logout_session_required')],
    accepted: [c({ backchannel_logout_uri: 'https://wards.example.org/logout', backchannel_logout_session_required: true })],
  },
  'backchannel_logout.session_without_uri': {
    refused: [c({ backchannel_logout_session_required: true }, 'backchannel_logout_session_required')],
    accepted: [c({ backchannel_logout_session_required: false })],
  },
  'validator.internal': {
    refused: [{ ...c({}), metadata: throwingGetter, path: '' }],
    accepted: [c({})],
  },
};
