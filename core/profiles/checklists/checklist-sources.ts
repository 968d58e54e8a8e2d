/**
 * The official pages the submission checklists cite. Kept apart from the profile source table
 * (`../sources.ts`) so the checklist data can change without touching profile facts. Hosts are
 * NHS's own (digital.nhs.uk, nhsconnect.github.io, github.com/NHSDigital pinned to a commit);
 * developer.community.nhs.uk appears only as corroboration.
 */
import type { Source } from '../sources';

const CIS2 = 'https://digital.nhs.uk/services/care-identity-service/applications-and-services/cis2-authentication';
/** NHSDigital/identity-service-jwks at the commit whose scripts the hosting request follows. */
export const IDENTITY_SERVICE_JWKS_COMMIT = 'd6609ad97d853e905f4fd4f7999d40b11488840a';
/** NHSDigital/identity-service-api at the commit whose proxy policies are cited. */
export const IDENTITY_SERVICE_API_COMMIT = '5100cca38064ce76077390e43162c543c367f617';

/** The checklist source table. */
export const CHECKLIST_SOURCES = {
  cis2RegisterEnvironment: {
    title: 'NHS CIS2 Authentication — register to access an environment',
    url: `${CIS2}/integrate/design-and-build/register-to-access-an-environment`,
  },
  cis2Discovery: {
    title: 'NHS CIS2 Authentication — discovery (lists the INT, DEP and live configuration documents)',
    url: `${CIS2}/integrate/design-and-build/discovery`,
  },
  cis2KeyManagement: {
    title: 'NHS CIS2 Authentication — key management',
    url: `${CIS2}/integrate/design-and-build/key-management`,
  },
  cis2TestYourSoftware: {
    title: 'NHS CIS2 Authentication — test your software',
    url: `${CIS2}/integrate/test-your-software`,
  },
  cis2Assurance: {
    title: 'NHS CIS2 Authentication — get your software assured',
    url: `${CIS2}/integrate/get-your-software-assured`,
  },
  cis2PutLive: {
    title: 'NHS CIS2 Authentication — put your software live',
    url: `${CIS2}/integrate/put-your-software-live`,
  },
  cis2Onboarding: {
    title: 'NHS CIS2 Authentication — onboarding journey',
    url: `${CIS2}/onboarding-journey`,
  },
  cis2CommunityToken: {
    title: 'NHS developer community — token request with private key JWT fails (CIS2; corroboration only)',
    url: 'https://developer.community.nhs.uk/t/token-request-with-private-key-jwt-fails/6283',
  },
  nhsLoginSandpit: {
    title: 'NHS login — integrating to sandpit (links the sandpit request form)',
    url: 'https://nhsconnect.github.io/nhslogin/integrating-to-sandpit/',
  },
  nhsLoginIntegrate: {
    title: 'NHS login integration toolkit — integrate (Integration Environment Request form, ODS code, DSPT)',
    url: 'https://digital.nhs.uk/services/nhs-login/nhs-login-for-partners-and-developers/nhs-login-integration-toolkit/integrate',
  },
  nhsLoginEnvironments: {
    title: 'NHS login — compare environments',
    url: 'https://nhsconnect.github.io/nhslogin/compare-environments/',
  },
  nhsLoginPem: {
    title: 'NHS login — generating a PEM public key',
    url: 'https://nhsconnect.github.io/nhslogin/generating-pem/',
  },
  nhsLoginEis: {
    title: 'NHS login — interface specification (federated)',
    url: 'https://nhsconnect.github.io/nhslogin/interface-spec-doc/',
  },
  apiSignedJwtGuide: {
    title: 'NHS England API platform — application-restricted RESTful APIs: signed JWT authentication',
    url: 'https://digital.nhs.uk/developer/guides-and-documentation/security-and-authorisation/application-restricted-restful-apis-signed-jwt-authentication',
  },
  apiPublicKeyMissing: {
    title: 'NHSDigital identity-service-api — RaiseFault.PublicKeyMisconfigured.xml (403 without a Public key URL)',
    url: `https://github.com/NHSDigital/identity-service-api/blob/${IDENTITY_SERVICE_API_COMMIT}/proxies/live/apiproxy/policies/RaiseFault.PublicKeyMisconfigured.xml`,
  },
  apiJwksCache: {
    title: 'NHSDigital identity-service-api — PopulateCache.CCJWKS.xml (the platform caches your JWKS for 3600 s)',
    url: `https://github.com/NHSDigital/identity-service-api/blob/${IDENTITY_SERVICE_API_COMMIT}/proxies/live/apiproxy/policies/PopulateCache.CCJWKS.xml`,
  },
  hostedJwksMakeJwk: {
    title: 'NHSDigital identity-service-jwks — scripts/make_jwk.py (what NHS needs to host your key)',
    url: `https://github.com/NHSDigital/identity-service-jwks/blob/${IDENTITY_SERVICE_JWKS_COMMIT}/scripts/make_jwk.py`,
  },
  hostedJwksExpiry: {
    title: 'NHSDigital identity-service-jwks — scripts/check_public_key_expiry.py (expiry read from the kid)',
    url: `https://github.com/NHSDigital/identity-service-jwks/blob/${IDENTITY_SERVICE_JWKS_COMMIT}/scripts/check_public_key_expiry.py`,
  },
} as const satisfies Record<string, Source>;

/** Corroboration: an NHS team's own notes of the sandpit form's fields (pinned). */
export const NHS_LOGIN_FORM_NOTES: Source = {
  title: 'NHSDigital vaccinations-app — docs/NHSLOGIN.md (an NHS team\'s notes of the sandpit form fields)',
  url: 'https://github.com/NHSDigital/vaccinations-app/blob/5ece35f463b791bf83585eca96d0e2a28c44431b/docs/NHSLOGIN.md',
};
