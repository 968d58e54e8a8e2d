/**
 * NHS England API platform, application-restricted "signed JWT" pattern (client credentials
 * with private_key_jwt). Facts and their sources: project reference `domain.md` (Corrections, then
 * §3), checked on 2026-12-01 against NHSDigital/identity-service-api at 5100cca (the platform's
 * OAuth server) and NHSDigital/identity-service-jwks at d6609ad (NHS-hosted public keys).
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
  source: SOURCES.apiVerifyJwtPolicy,
};

const SUBMISSION =
  'In the NHS Developer Hub: Environment Access → your application → "Public key URL" → Edit, and enter your jwks_uri. Alternatively ask NHS to host your public key: NHS adds it to its identity-service-jwks repository (you send the PEM public key, the KID, the environment and your application id).';


/** The NHS England API platform (signed JWT) profile (built-in data). */
export const nhsApiPlatformProfile: Profile = {
  id: 'nhs-api-platform',
  name: 'NHS England API platform (signed JWT)',
  description: 'Application-restricted RESTful APIs: OAuth client credentials with a signed JWT (private_key_jwt).',
  profileVersion: '2.0.0',
  updated: '2026-12-01',
  defaultEnvironment: 'int',
  defaultAuthMethod: 'private_key_jwt',
  environments: [
    {
      id: 'sandbox',
      label: 'Sandbox',
      description: 'The sandbox of the platform\'s OAuth server, for trying requests.',
      tokenEndpoint: 'https://sandbox.api.service.nhs.uk/oauth2/token',
      dataSource: 'built-in',
      authMethods: AUTH_METHODS,
      keys: KEYS,
      submission: { text: SUBMISSION, known: true, source: SOURCES.apiSignedJwtGuide },
      notes: ['Token endpoint from the identity service\'s OpenAPI specification (server https://sandbox.api.service.nhs.uk/oauth2, POST /token).'],
    },
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
  jwksReachability: { publicInternet: true, source: SOURCES.apiJwksFetch },
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
      text: 'The Developer Hub "Public key URL" is your jwks_uri; with none registered every token request fails with 403 "You need to register a public key", and an unreachable one fails too.',
      source: SOURCES.apiPublicKeyMissing,
    },
    {
      id: 'api.jwks-cache',
      text: 'The platform caches your JWKS for 3600 s per URL, so a new kid may be unseen for up to an hour: publish a new key at least an hour before signing with it.',
      source: SOURCES.apiJwksCache,
    },
    {
      id: 'api.jwks-timeout',
      text: 'The platform fetches your JWKS with a 55 s timeout, verifying TLS against NHS\'s own trust store.',
      source: SOURCES.apiJwksFetch,
    },
    {
      id: 'api.iss-sub-api-key',
      text: 'The assertion\'s iss and sub are both your application\'s API key (not the application id, a UUID), and aud is the token URL.',
      source: SOURCES.apiClientAssertionCode,
    },
    {
      id: 'api.hosted-jwks',
      text: 'NHS can host your public key: you send NHS your PEM public key, KID, environment and application id, and NHS raises the change in identity-service-jwks (its make_jwk.py builds an RSA 4096, RS512 JWK).',
      source: SOURCES.apiHostedJwksScript,
    },
    {
      id: 'api.client-credentials',
      text: 'Client credentials grant: no redirect URIs are needed.',
      source: SOURCES.apiSignedJwtGuide,
    },
  ],
  issued: [
    {
      methods: ['private_key_jwt'],
      identifierLabel: 'API key',
      secret: 'not-issued',
      applicationId: true,
      kid: true,
      text: 'Your Developer Hub application\'s API key — the assertion\'s iss and sub — and the KID of your key. The application id (a UUID) is not the API key; keep it for support requests.',
      source: SOURCES.apiClientAssertionCode,
    },
  ],
  jwksFetch: {
    cacheSeconds: 3600,
    cacheSource: SOURCES.apiJwksCache,
  },
};
