/**
 * NHS England API platform, application-restricted "signed JWT" pattern (client credentials
 * with private_key_jwt). Facts and their sources: project reference `domain.md` §3.
 */
import type { AuthMethodPolicy, KeyDefaults, Profile } from './profile-schema';
import { SOURCES } from './sources';

const AUTH_METHODS: AuthMethodPolicy[] = [
  {
    method: 'private_key_jwt',
    status: 'recommended',
    note: 'Client credentials with a signed JWT; the platform verifies it against your "Public key URL".',
    source: SOURCES.apiSignedJwtGuide,
  },
];

const KEYS: KeyDefaults = {
  keySource: 'jwks_uri',
  inlineJwksAccepted: false,
  defaultAlg: 'RS512',
  allowedAlgs: ['RS512'],
  algsPublished: true,
  algNote: 'The platform rejects any client assertion whose header alg is not exactly RS512.',
  rsaDefaultSize: 4096,
  rsaAllowedSizes: [2048, 3072, 4096],
  rsaRecommendedSize: 4096,
  ecAllowed: false,
  ecCurves: [],
  kidRequired: true,
  source: SOURCES.apiClientAssertionCode,
};

const SUBMISSION =
  'In the NHS Developer Hub: Environment Access → your application → "Public key URL" → Edit, and enter your jwks_uri. Alternatively NHS can host your JWKS in its identity-service-jwks repository (request through a pull request linked to a Jira ticket).';

/** The NHS England API platform (signed JWT) profile (built-in data). */
export const nhsApiPlatformProfile: Profile = {
  id: 'nhs-api-platform',
  name: 'NHS England API platform (signed JWT)',
  description: 'Application-restricted RESTful APIs: OAuth client credentials with a signed JWT (private_key_jwt).',
  profileVersion: '1.0.0',
  updated: '2026-11-27',
  defaultEnvironment: 'int',
  defaultAuthMethod: 'private_key_jwt',
  environments: [
    {
      id: 'int',
      label: 'Integration (INT)',
      description: 'Integration testing environment.',
      tokenEndpoint: 'https://int.api.service.nhs.uk/oauth2/token',
      dataSource: 'built-in',
      authMethods: AUTH_METHODS,
      keys: KEYS,
      submission: { text: SUBMISSION, known: true, source: SOURCES.apiSignedJwtGuide },
      notes: ['The assertion aud must be exactly this token URL (with https://, int. host).'],
    },
    {
      id: 'live',
      label: 'Production',
      description: 'Production environment.',
      tokenEndpoint: 'https://api.service.nhs.uk/oauth2/token',
      dataSource: 'built-in',
      authMethods: AUTH_METHODS,
      keys: KEYS,
      submission: { text: SUBMISSION, known: true, source: SOURCES.apiSignedJwtGuide },
      notes: ['Use the production application\'s API key as iss/sub, never the INT one.'],
    },
  ],
  redirectUris: {
    required: false,
    httpsOnly: false,
    allowQuery: true,
    customSchemes: 'allow',
    source: SOURCES.apiSignedJwtGuide,
  },
  confidentialOnly: { value: true, source: SOURCES.apiSignedJwtGuide },
  signedUserinfo: { supported: false, source: SOURCES.apiSignedJwtGuide },
  backchannelLogout: { supported: false, source: SOURCES.apiSignedJwtGuide },
  rules: [
    {
      id: 'api.rs512',
      text: 'The client assertion header alg must be exactly RS512 (RS256/384, PS*, HS* are rejected).',
      source: SOURCES.apiClientAssertionCode,
    },
    {
      id: 'api.kid',
      text: 'The client assertion header must carry a kid present in your JWKS; an unknown kid is refused.',
      source: SOURCES.apiClientAssertionCode,
    },
    {
      id: 'api.rsa-4096',
      text: 'NHS key-generation steps use RSA 4096.',
      source: SOURCES.apiSignedJwtGuide,
    },
    {
      id: 'api.public-key-url',
      text: 'The Developer Hub "Public key URL" is your jwks_uri; it must be reachable by the platform or every token request fails with 403.',
      source: SOURCES.apiHostedJwks,
    },
    {
      id: 'api.client-credentials',
      text: 'Client credentials grant: no redirect URIs are needed.',
      source: SOURCES.apiSignedJwtGuide,
    },
  ],
};
