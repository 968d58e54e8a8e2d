/**
 * NHS login: the citizen identity provider. Facts and their sources: project reference
 * `domain.md` §2.
 */
import type { AuthMethodPolicy, KeyDefaults, Profile } from './profile-schema';
import { SOURCES } from './sources';

const AUTH_METHODS: AuthMethodPolicy[] = [
  {
    method: 'private_key_jwt',
    status: 'recommended',
    note: 'The only method: confidential clients authenticate with a JWT signed by the key agreed at onboarding (RFC 7523).',
    source: SOURCES.nhsLoginEis3,
  },
];

const KEYS: KeyDefaults = {
  keySource: 'pem',
  inlineJwksAccepted: false,
  defaultAlg: 'RS512',
  allowedAlgs: ['RS512'],
  algsPublished: false,
  algNote:
    'NHS login signs its own tokens with RS512; the client-assertion algorithm is not stated in the public EIS pages, and clients in use sign with RS512.',
  rsaDefaultSize: 2048,
  rsaAllowedSizes: [2048],
  ecAllowed: false,
  ecCurves: [],
  kidRequired: false,
  source: SOURCES.nhsLoginPem,
};

const ISSUER_NOTE = 'Issuer as used by third-party clients; the discovery URL is derived from it (issuer + /.well-known/openid-configuration). Verify it.';

/** The NHS login profile (built-in data). */
export const nhsLoginProfile: Profile = {
  id: 'nhs-login',
  name: 'NHS login',
  description: 'Sign-in for members of the public (patients and citizens).',
  profileVersion: '1.0.0',
  updated: '2026-11-27',
  defaultEnvironment: 'sandpit',
  defaultAuthMethod: 'private_key_jwt',
  environments: [
    {
      id: 'mock',
      label: 'Mock',
      description: 'Self-service mock for early development; no registration needed.',
      dataSource: 'built-in',
      authMethods: AUTH_METHODS,
      keys: KEYS,
      submission: {
        text: 'No registration: the mock is self-service. Configure your client at the mock client page.',
        known: true,
        url: 'https://oidc.mock.signin.nhs.uk/client',
        source: SOURCES.nhsLoginEnvironments,
      },
      notes: ['The mock discovery document URL is not published in the pages we read.'],
    },
    {
      id: 'sandpit',
      label: 'Sandpit',
      description: 'First integration environment; needs a client ID and a registered public key.',
      issuer: 'https://auth.sandpit.signin.nhs.uk',
      discoveryUrl: 'https://auth.sandpit.signin.nhs.uk/.well-known/openid-configuration',
      tokenEndpoint: 'https://auth.sandpit.signin.nhs.uk/token',
      dataSource: 'built-in',
      authMethods: AUTH_METHODS,
      keys: KEYS,
      submission: {
        text: 'Fill in the NHS login sandpit request form: service friendly name, redirect URI(s), the public key as PEM (RSA 2048) pasted as text, contact name and e-mail, and scopes. Requests are processed within about 24 hours.',
        known: true,
        url: 'https://nhsconnect.github.io/nhslogin/integrating-to-sandpit/',
        source: SOURCES.nhsLoginSandpit,
      },
      notes: ['Token endpoint derived from the EIS endpoint list (/token); the discovery document is authoritative.'],
    },
    {
      id: 'integration',
      label: 'Integration (AOS)',
      description: 'Conformance testing; needs an ODS code and a DSPT submission.',
      issuer: 'https://auth.aos.signin.nhs.uk',
      discoveryUrl: 'https://auth.aos.signin.nhs.uk/.well-known/openid-configuration',
      tokenEndpoint: 'https://auth.aos.signin.nhs.uk/token',
      dataSource: 'built-in',
      authMethods: AUTH_METHODS,
      keys: KEYS,
      submission: {
        text: 'Offline onboarding with the NHS login partner team (you need an ODS code and a DSPT submission). The address or form for integration requests is not published in the pages we read: ask your NHS login onboarding contact.',
        known: false,
        source: SOURCES.nhsLoginEnvironments,
      },
      notes: [ISSUER_NOTE],
    },
    {
      id: 'live',
      label: 'Live (production)',
      description: 'Production, after Partner Integration Board approval.',
      issuer: 'https://auth.login.nhs.uk',
      discoveryUrl: 'https://auth.login.nhs.uk/.well-known/openid-configuration',
      tokenEndpoint: 'https://auth.login.nhs.uk/token',
      dataSource: 'built-in',
      authMethods: AUTH_METHODS,
      keys: KEYS,
      submission: {
        text: 'Offline onboarding after Partner Integration Board approval; NHS login allocates the client_id. Send the redirect URIs, client name, public key (PEM, RSA 2048) and scopes through your NHS login onboarding contact; no public address is published.',
        known: false,
        source: SOURCES.nhsLoginEis7,
      },
      notes: ['Issuer as in the NHS login EIS examples; the discovery URL is derived from it.'],
    },
  ],
  redirectUris: {
    required: true,
    httpsOnly: true,
    allowQuery: false,
    customSchemes: 'refuse',
    maxCount: 10,
    source: SOURCES.nhsLoginEis7,
  },
  confidentialOnly: { value: true, source: SOURCES.nhsLoginEis7 },
  signedUserinfo: { supported: false, source: SOURCES.nhsLoginEis4 },
  backchannelLogout: { supported: false, source: SOURCES.nhsLoginEis7 },
  rules: [
    {
      id: 'nhs-login.private-key-jwt',
      text: 'Confidential clients only, authenticating with private_key_jwt (RFC 7523); "none" and public clients are not supported.',
      source: SOURCES.nhsLoginEis7,
    },
    {
      id: 'nhs-login.pem',
      text: 'The public key is sent as a PEM (RSA 2048-bit) at onboarding, not as a jwks_uri.',
      source: SOURCES.nhsLoginPem,
    },
    {
      id: 'nhs-login.redirect-exact',
      text: 'Redirect URIs are pre-agreed and matched exactly: https only, no wildcards, no query strings (use state).',
      source: SOURCES.nhsLoginEis7,
    },
    {
      id: 'nhs-login.redirect-max',
      text: 'If you would need more than 10 redirect URIs, register one and route with state.',
      source: SOURCES.nhsLoginMultipleRedirects,
    },
    {
      id: 'nhs-login.rs512',
      text: 'NHS login signs with RS512; clients sign their assertions with RS512 too (not stated explicitly for assertions).',
      source: SOURCES.nhsLoginEis4,
    },
    {
      id: 'nhs-login.tls',
      text: 'All flows use HTTPS (TLS 1.2+) and the Authorization Code flow only.',
      source: SOURCES.nhsLoginEis2,
    },
  ],
};
