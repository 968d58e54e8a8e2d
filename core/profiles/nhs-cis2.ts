/**
 * NHS CIS2 Authentication (Care Identity Service 2): the healthcare-worker identity provider.
 * Facts and their sources: project reference `domain.md` (Corrections, then §1), checked against
 * the digital.nhs.uk CIS2 pages on 2026-12-01.
 */
import type { AuthMethodPolicy, KeyDefaults, Profile } from './profile-schema';
import { SOURCES } from './sources';

const HEALTHCARE_REALM_PATH = '/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare';
const INT_HOST = 'am.nhsint.auth-ptl.cis2.spineservices.nhs.uk';
const DEP_HOST = 'am.nhsdep.auth-ptl.cis2.spineservices.nhs.uk';
const LIVE_HOST = 'am.nhsidentity.spineservices.nhs.uk';

// The current CIS2 pages (register-to-access-an-environment) offer two client-authentication
// patterns: "Private Key JWT" and "Client Secret". "Client Secret JWT" appears only on the older
// registration page, so it is not offered here: a registration NHS's current process does not
// describe would be refused or queried. "Client Secret" is not said to be the Basic header or the
// form field; NHS's own example token request sends client_secret as a form field.
const AUTH_METHODS: AuthMethodPolicy[] = [
  {
    method: 'private_key_jwt',
    status: 'recommended',
    note: 'Recommended by NHS ("Private Key JWT"): stronger than a shared secret and allows seamless key roll-over.',
    source: SOURCES.cis2Registration,
  },
  {
    method: 'client_secret_post',
    status: 'discouraged',
    note: 'NHS\'s "Client Secret" pattern (e.g. to start in the Simple OIDC realm); NHS recommends Private Key JWT. NHS examples send client_secret as a form field.',
    source: SOURCES.cis2Registration,
  },
  {
    method: 'client_secret_basic',
    status: 'discouraged',
    note: 'NHS\'s "Client Secret" pattern: the pages do not say whether the secret goes in the Basic header or the form field; confirm with NHS. Private Key JWT is recommended.',
    source: SOURCES.cis2Registration,
  },
];

const KEYS: KeyDefaults = {
  keySource: 'jwks_uri',
  inlineJwksAccepted: false,
  defaultAlg: 'RS256',
  allowedAlgs: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384'],
  algsPublished: false,
  algNote:
    'CIS2 asks you to declare your client-assertion algorithm at registration but does not publish the list it accepts. This list is not published by NHS: verify it with the live discovery document (token_endpoint_auth_signing_alg_values_supported). RS256 is what CIS2 itself uses and what community traffic shows.',
  rsaDefaultSize: 2048,
  rsaAllowedSizes: [2048, 3072, 4096],
  ecAllowed: true,
  ecCurves: ['P-256', 'P-384'],
  kidRequired: true,
  source: SOURCES.cis2Signatures,
};

const PTL_SUBMISSION =
  'Path to Live: enter the registration yourself in NHS "Connection Manager" (the online tool). Access is granted after you send the Team ID from your "Welcome to CIS2" e-mail to NHS.';

/** The NHS CIS2 Authentication profile (built-in data). */
export const nhsCis2Profile: Profile = {
  id: 'nhs-cis2',
  name: 'NHS CIS2 Authentication',
  description: 'Care Identity Service 2: sign-in for health and care staff (smartcard, security key, app).',
  profileVersion: '2.0.0',
  updated: '2026-12-01',
  defaultEnvironment: 'int',
  defaultAuthMethod: 'private_key_jwt',
  environments: [
    {
      id: 'int',
      label: 'Integration (INT, Path to Live)',
      description: 'The Path to Live environment for integration testing.',
      issuer: `https://${INT_HOST}:443${HEALTHCARE_REALM_PATH}`,
      discoveryUrl: `https://${INT_HOST}${HEALTHCARE_REALM_PATH}/.well-known/openid-configuration`,
      tokenEndpoint: `https://${INT_HOST}:443${HEALTHCARE_REALM_PATH}/access_token`,
      dataSource: 'built-in',
      authMethods: AUTH_METHODS,
      keys: KEYS,
      submission: { text: PTL_SUBMISSION, known: true, source: SOURCES.cis2RegisterEnvironment },
      notes: [
        'The issuer carries an explicit ":443" while the discovery URL does not; compare issuers as NHS returns them.',
        'The token endpoint was seen in community traffic; the discovery document is authoritative.',
      ],
    },
    {
      id: 'dep',
      label: 'Deployment (DEP, Path to Live)',
      description: 'Path to Live environment used for testing and training; not the preferred one.',
      discoveryUrl: `https://${DEP_HOST}${HEALTHCARE_REALM_PATH}/.well-known/openid-configuration`,
      dataSource: 'built-in',
      authMethods: AUTH_METHODS,
      keys: KEYS,
      submission: { text: PTL_SUBMISSION, known: true, source: SOURCES.cis2RegisterEnvironment },
      notes: [
        'The CIS2 Discovery page lists a Deployment configuration document on am.nhsdep.auth-ptl.cis2.spineservices.nhs.uk (same realm path as Integration); the issuer and token endpoint are read from it.',
      ],
    },
    {
      id: 'live',
      label: 'Production (live)',
      description: 'The production environment.',
      issuer: `https://${LIVE_HOST}:443${HEALTHCARE_REALM_PATH}`,
      discoveryUrl: `https://${LIVE_HOST}${HEALTHCARE_REALM_PATH}/.well-known/openid-configuration`,
      dataSource: 'built-in',
      authMethods: AUTH_METHODS,
      keys: KEYS,
      submission: {
        text: 'Production: once the Connection Agreement is signed, send NHS the production registration — production redirect URIs, back-channel logout URI, security pattern, JWKS URI, token-endpoint signing algorithm and whether userinfo is signed. Allow 2 weeks; production should replicate your Integration configuration.',
        known: true,
        source: SOURCES.cis2GoLive,
      },
      notes: ['The token endpoint is read from the live discovery document.'],
    },
  ],
  redirectUris: {
    required: true,
    httpsOnly: false,
    allowQuery: true,
    customSchemes: 'warn',
    source: SOURCES.cis2RegisterEnvironment,
  },
  confidentialOnly: { value: true, source: SOURCES.cis2Registration },
  signedUserinfo: { supported: true, source: SOURCES.cis2Registration },
  backchannelLogout: { supported: true, source: SOURCES.cis2Registration },
  jwksReachability: { publicInternet: true, source: SOURCES.cis2KeyManagement },
  rules: [
    {
      id: 'cis2.redirect-https',
      text: 'Redirect URIs should be HTTPS, except native apps that handle their own loopback (localhost) callback.',
      source: SOURCES.cis2RegisterEnvironment,
    },
    {
      id: 'cis2.custom-scheme',
      text: 'Custom-scheme redirect URIs (e.g. clientapp://connect/authresponse) come from the legacy NHS Identity guide; current CIS2 wording is "HTTPS except localhost", so they are accepted with a warning.',
      source: SOURCES.cis2LegacyCas,
    },
    {
      id: 'cis2.private-key-jwt',
      text: 'Private Key JWT is the recommended client authentication; Client Secret is also offered. Client Secret JWT appears only on an older registration page and is not offered by the current pages.',
      source: SOURCES.cis2Registration,
    },
    {
      id: 'cis2.discovery',
      text: 'Configuration documents are published for Integration, Deployment and Production; read them at run time (caching up to an hour is reasonable).',
      source: SOURCES.cis2Discovery,
    },
    {
      id: 'cis2.client-secret-jwt-legacy',
      text: 'Client Secret JWT is listed only on the older registration page; ask NHS before relying on it.',
      source: SOURCES.cis2RegistrationLegacy,
    },
    {
      id: 'cis2.declare-alg',
      text: 'RPs using signed client-authentication JWTs must declare their signing algorithm at registration (RS256 by default).',
      source: SOURCES.cis2Signatures,
    },
    {
      id: 'cis2.jwks-endpoint',
      text: 'RPs using Private Key JWT must provide a JWKS endpoint (jwks_uri) so keys can be rotated without re-registering.',
      source: SOURCES.cis2Signatures,
    },
    {
      id: 'cis2.kid',
      text: 'Every signed JWT carries the kid of a key published at the JWKS endpoint.',
      source: SOURCES.cis2KeyManagement,
    },
    {
      id: 'cis2.optional-features',
      text: 'Signed UserInfo responses and Back-Channel Logout (with its URI) are optional registration choices.',
      source: SOURCES.cis2Registration,
    },
    {
      id: 'cis2.confidential',
      text: 'Only confidential clients (credential held on a trusted backend) are supported; public clients must contact NHS first.',
      source: SOURCES.cis2Registration,
    },
  ],
  issued: [
    {
      methods: ['private_key_jwt'],
      identifierLabel: 'Client ID',
      secret: 'not-issued',
      applicationId: false,
      kid: false,
      text: 'A Client ID only: your assertions are verified with the public keys at your JWKS endpoint, so no secret is issued.',
      source: SOURCES.cis2Registration,
    },
    {
      methods: ['client_secret_post', 'client_secret_basic'],
      identifierLabel: 'Client ID',
      secret: 'issued',
      applicationId: false,
      kid: false,
      text: 'A Client ID and a client secret (the "Client Secret" pattern).',
      source: SOURCES.cis2Registration,
    },
  ],
};
