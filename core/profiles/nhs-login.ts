/**
 * NHS login: the citizen identity provider. Facts and their sources: project reference
 * `domain.md` (Corrections, then §2), checked on 2026-12-01 against nhsconnect/nhslogin at 8563198
 * (including its EIS .docx v2.1) and the NHS login integration toolkit on digital.nhs.uk.
 *
 * There is no mock environment: NHS removed it from its documentation on 2023-12-20. Drafts saved
 * for `mock` by earlier versions are moved to `sandpit` by the settings migration
 * (core/storage/removed-environments.ts), which tells the user so.
 */
import type { AuthMethodPolicy, KeyDefaults, Profile } from './profile-schema';
import { SOURCES } from './sources';

const AUTH_METHODS: AuthMethodPolicy[] = [
  {
    method: 'private_key_jwt',
    status: 'recommended',
    note: 'The only method: confidential clients authenticate with a JWT signed by the key agreed at onboarding (RFC 7523).',
    source: SOURCES.nhsLoginEis,
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
  profileVersion: '2.0.0',
  updated: '2026-12-01',
  defaultEnvironment: 'sandpit',
  defaultAuthMethod: 'private_key_jwt',
  environments: [
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
        text: 'Fill in the Sandpit Environment Request Form (linked from NHS login\'s "How do I integrate to the sandpit?" page): service friendly name, redirect URI(s), the public key as PEM (RSA 2048) and scopes. Requests are processed within about 24 hours.',
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
        text: 'Complete and submit the Integration Environment Request form (NHS login integration toolkit, "Integrate" step) through your NHS login project manager, after your sandpit integration. You need an ODS code and a Data Security and Protection Toolkit (DSPT) submission covering the service.',
        known: true,
        url: 'https://digital.nhs.uk/services/nhs-login/nhs-login-for-partners-and-developers/nhs-login-integration-toolkit/integrate',
        source: SOURCES.nhsLoginIntegrate,
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
        source: SOURCES.nhsLoginEis,
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
    source: SOURCES.nhsLoginEis,
  },
  confidentialOnly: { value: true, source: SOURCES.nhsLoginEis },
  signedUserinfo: { supported: false, source: SOURCES.nhsLoginEis },
  backchannelLogout: { supported: false, source: SOURCES.nhsLoginEis },
  jwksReachability: { publicInternet: true, source: SOURCES.nhsLoginPem },
  rules: [
    {
      id: 'nhs-login.private-key-jwt',
      text: 'Confidential clients only, authenticating with private_key_jwt (RFC 7523); "none" and public clients are not supported.',
      source: SOURCES.nhsLoginEis,
    },
    {
      id: 'nhs-login.pem',
      text: 'The public key is sent as a PEM (RSA 2048-bit) at onboarding, not as a jwks_uri.',
      source: SOURCES.nhsLoginPem,
    },
    {
      id: 'nhs-login.redirect-exact',
      text: 'Redirect URIs are pre-agreed and matched exactly: https only, no wildcards, no query strings (use state).',
      source: SOURCES.nhsLoginEis,
    },
    {
      id: 'nhs-login.redirect-max',
      text: 'If you would need more than 10 redirect URIs, register one and route with state.',
      source: SOURCES.nhsLoginMultipleRedirects,
    },
    {
      id: 'nhs-login.rs512',
      text: 'NHS login signs with RS512; clients sign their assertions with RS512 too (not stated explicitly for assertions).',
      source: SOURCES.nhsLoginEis,
    },
    {
      id: 'nhs-login.tls',
      text: 'All flows use HTTPS (TLS 1.2+) and the Authorization Code flow only.',
      source: SOURCES.nhsLoginEis,
    },
    {
      id: 'nhs-login.environments',
      text: 'Three environments: Sandpit, Integration and Live. The mock environment was removed from NHS login\'s documentation on 20 December 2023.',
      source: SOURCES.nhsLoginEnvironments,
    },
    {
      id: 'nhs-login.client-id-only',
      text: 'On registration NHS login allocates a client_id only (EIS Table 3): there is no client secret.',
      source: SOURCES.nhsLoginEis,
    },
  ],
  issued: [
    {
      methods: ['private_key_jwt'],
      identifierLabel: 'Client ID',
      secret: 'not-issued',
      applicationId: false,
      kid: false,
      text: 'A client_id only, allocated by NHS login (EIS Table 3): your assertions are verified with the PEM public key you sent, so no secret is issued.',
      source: SOURCES.nhsLoginEis,
    },
  ],
};
