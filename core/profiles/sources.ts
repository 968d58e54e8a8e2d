/**
 * Every public document a profile fact or a validation rule is based on, in one table.
 *
 * Keeping titles and URLs here (not scattered in rules) lets the UI show "why" next to each
 * finding and lets a reviewer re-check all NHS facts in one pass when the pages change.
 * Only official hosts: NHS's own pages and repositories (code pinned to the commit that was read)
 * and the standards' own sites; `test/unit/gates/official-sources.test.ts` fails on any other host.
 */

/** A citable document: what the user can open to check a rule. */
export interface Source {
  /** Short human title, e.g. "RFC 8252 §7.3 (loopback redirect)". */
  readonly title: string;
  /** Absolute https URL of the document (with a fragment where it helps). */
  readonly url: string;
}

const CIS2 = 'https://digital.nhs.uk/services/care-identity-service/applications-and-services/cis2-authentication';
/** The older "detailed guidance" section of the CIS2 pages, still published on digital.nhs.uk. */
const CIS2_DETAILED = `${CIS2}/guidance-for-developers/detailed-guidance`;
const NHS_LOGIN = 'https://nhsconnect.github.io/nhslogin';
/** nhsconnect/nhslogin as checked: the EIS .docx moves between versions, so links are pinned. */
const NHS_LOGIN_REPO_AT = 'https://github.com/nhsconnect/nhslogin/blob/8563198dbf713173d3d8ee7214f59c235235c31f';
/** NHSDigital/identity-service-api as checked (the API platform's OAuth server code). */
const IDENTITY_API_AT = 'https://github.com/NHSDigital/identity-service-api/blob/5100cca38064ce76077390e43162c543c367f617';
/** NHSDigital/identity-service-jwks as checked (NHS-hosted public keys). */
const IDENTITY_JWKS_AT = 'https://github.com/NHSDigital/identity-service-jwks/blob/d6609ad97d853e905f4fd4f7999d40b11488840a';

/** The source table, keyed by a stable short name. */
export const SOURCES = {
  cis2RegisterEnvironment: {
    title: 'NHS CIS2 Authentication — register to access an environment',
    url: `${CIS2}/integrate/design-and-build/register-to-access-an-environment`,
  },
  cis2Discovery: {
    title: 'NHS CIS2 Authentication — discovery (configuration documents for Integration, Deployment and Production)',
    url: `${CIS2}/integrate/design-and-build/discovery`,
  },
  cis2DiscoveryUrls: {
    title: 'NHS CIS2 Authentication — detailed guidance: discovery (well-known endpoints)',
    url: `${CIS2_DETAILED}/discovery`,
  },
  cis2Registration: {
    title: 'NHS CIS2 Authentication — register to access an environment (registration information)',
    url: `${CIS2}/integrate/design-and-build/register-to-access-an-environment`,
  },
  cis2RegistrationLegacy: {
    title: 'NHS CIS2 Authentication — older registration page (the only one that lists Client Secret JWT)',
    url: 'https://digital.nhs.uk/services/identity-and-access-management/nhs-care-identity-service-2/care-identity-authentication/guidance-for-developers/detailed-guidance/registration',
  },
  cis2Signatures: {
    title: 'NHS CIS2 Authentication — detailed guidance: signatures',
    url: `${CIS2_DETAILED}/signatures`,
  },
  cis2KeyManagement: {
    title: 'NHS CIS2 Authentication — key management',
    url: `${CIS2}/integrate/design-and-build/key-management`,
  },
  cis2TestSoftware: {
    title: 'NHS CIS2 Authentication — test your software',
    url: `${CIS2}/integrate/test-your-software`,
  },
  cis2GoLive: {
    title: 'NHS CIS2 Authentication — put your software live',
    url: `${CIS2}/integrate/put-your-software-live`,
  },
  cis2Assurance: {
    title: 'NHS CIS2 Authentication — get your software assured',
    url: `${CIS2}/integrate/get-your-software-assured`,
  },
  cis2Onboarding: {
    title: 'NHS CIS2 Authentication — onboarding journey',
    url: `${CIS2}/onboarding-journey`,
  },
  cis2CommunityToken: {
    title: 'NHS developer community — token request with private key JWT fails (CIS2; corroboration only)',
    url: 'https://developer.community.nhs.uk/t/token-request-with-private-key-jwt-fails/6283',
  },
  cis2CommunityInt: {
    title: 'NHS developer community — CIS2 exchanging code for tokens (INT endpoints; corroboration only)',
    url: 'https://developer.community.nhs.uk/t/cis2-exchanging-code-with-id-token-and-refresh-token/1018',
  },
  cis2LegacyCas: {
    title: 'NHS Identity (legacy CAS) implementation guide',
    url: 'https://github.com/nhsconnect/national-authentication/blob/dd9fc0d3002f86d43c668074a317e33d27e61fff/pages/develop/develop_nhs_impl.md',
  },
  nhsLoginEis: {
    title: 'NHS login External Interface Specification (Identity Federation) v2.1, §7 Partner Services and Security',
    url: `${NHS_LOGIN_REPO_AT}/NHS%20login%20-%20Interface%20Specification%20-%20Federation.docx`,
  },
  nhsLoginEisPage: {
    title: 'NHS login — Identity Federation External Interface Specification',
    url: `${NHS_LOGIN}/interface-spec-doc/`,
  },
  nhsLoginSandpit: {
    title: 'NHS login — how do I integrate to the sandpit? (Sandpit Environment Request Form)',
    url: `${NHS_LOGIN}/integrating-to-sandpit/`,
  },
  nhsLoginFormNotes: {
    title: "NHSDigital vaccinations-app — docs/NHSLOGIN.md (an NHS team's notes of the sandpit form fields; corroboration only)",
    url: 'https://github.com/NHSDigital/vaccinations-app/blob/5ece35f463b791bf83585eca96d0e2a28c44431b/docs/NHSLOGIN.md',
  },
  nhsLoginIntegrate: {
    title: 'NHS login integration toolkit — Integrate (Integration Environment Request form)',
    url: 'https://digital.nhs.uk/services/nhs-login/nhs-login-for-partners-and-developers/nhs-login-integration-toolkit/integrate',
  },
  nhsLoginPem: {
    title: 'NHS login — generating a PEM public key',
    url: `${NHS_LOGIN}/generating-pem/`,
  },
  nhsLoginEnvironments: {
    title: 'NHS login — compare environments (sandpit, integration, live)',
    url: `${NHS_LOGIN}/compare-environments/`,
  },
  nhsLoginMockRemoved: {
    title: 'nhsconnect/nhslogin commit "remove-mock-environment" (20 Dec 2023)',
    url: 'https://github.com/nhsconnect/nhslogin/commit/5283eb33ccb06955787911276f936b708e971aa0',
  },
  nhsLoginMultipleRedirects: {
    title: 'NHS login — multiple redirect URIs',
    url: `${NHS_LOGIN}/multiple-redirect-uris/`,
  },
  apiSignedJwtGuide: {
    title: 'NHS England API platform — application-restricted RESTful APIs: signed JWT authentication',
    url: 'https://digital.nhs.uk/developer/guides-and-documentation/security-and-authorisation/application-restricted-restful-apis-signed-jwt-authentication',
  },
  apiClientAssertionCode: {
    title: 'NHSDigital identity-service-api — validate-client-assertion-claims.js',
    url: `${IDENTITY_API_AT}/proxies/live/apiproxy/resources/jsc/validate-client-assertion-claims.js`,
  },
  apiVerifyJwtPolicy: {
    title: 'NHSDigital identity-service-api — VerifyJWT.ClientCredentials.xml (RS512 only)',
    url: `${IDENTITY_API_AT}/proxies/live/apiproxy/policies/VerifyJWT.ClientCredentials.xml`,
  },
  apiJwksCache: {
    title: 'NHSDigital identity-service-api — PopulateCache.CCJWKS.xml (client JWKS cached 3600 s per URL)',
    url: `${IDENTITY_API_AT}/proxies/live/apiproxy/policies/PopulateCache.CCJWKS.xml`,
  },
  apiJwksFetch: {
    title: 'NHSDigital identity-service-api — ServiceCallout.ClientCredentialsGrantGetJWKS.xml (55 s timeout, NHS trust store)',
    url: `${IDENTITY_API_AT}/proxies/live/apiproxy/policies/ServiceCallout.ClientCredentialsGrantGetJWKS.xml`,
  },
  apiPublicKeyMissing: {
    title: 'NHSDigital identity-service-api — RaiseFault.PublicKeyMisconfigured.xml ("You need to register a public key")',
    url: `${IDENTITY_API_AT}/proxies/live/apiproxy/policies/RaiseFault.PublicKeyMisconfigured.xml`,
  },
  apiSandbox: {
    title: 'NHSDigital identity-service-api — OpenAPI specification (sandbox server https://sandbox.api.service.nhs.uk/oauth2)',
    url: `${IDENTITY_API_AT}/specification/identity-service.yaml`,
  },
  apiHostedJwks: {
    title: 'NHSDigital identity-service-jwks (NHS-hosted public keys)',
    url: 'https://github.com/NHSDigital/identity-service-jwks/tree/d6609ad97d853e905f4fd4f7999d40b11488840a',
  },
  apiHostedJwksScript: {
    title: 'NHSDigital identity-service-jwks — scripts/make_jwk.py (NHS builds the JWK from your PEM public key, KID, environment and application id)',
    url: `${IDENTITY_JWKS_AT}/scripts/make_jwk.py`,
  },
  apiHostedJwksOwners: {
    title: 'NHSDigital identity-service-jwks — CODEOWNERS (/jwks/prod/ owned by NHS API gateway admins)',
    url: `${IDENTITY_JWKS_AT}/CODEOWNERS`,
  },
  apiHostedJwksExpiry: {
    title: 'NHSDigital identity-service-jwks — scripts/check_public_key_expiry.py (expiry read from a YYYY-MM-DD date in the kid)',
    url: `${IDENTITY_JWKS_AT}/scripts/check_public_key_expiry.py`,
  },
  rfc6749Redirect: {
    title: 'RFC 6749 §3.1.2 (redirection endpoint)',
    url: 'https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2',
  },
  rfc6749Tls: {
    title: 'RFC 6749 §3.1.2.1 (endpoint request confidentiality)',
    url: 'https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2.1',
  },
  rfc3986: {
    title: 'RFC 3986 (URI generic syntax)',
    url: 'https://www.rfc-editor.org/rfc/rfc3986#section-4.3',
  },
  rfc3986Userinfo: {
    title: 'RFC 3986 §3.2.1 (user information is deprecated)',
    url: 'https://www.rfc-editor.org/rfc/rfc3986#section-3.2.1',
  },
  whatwgUrl: {
    title: 'WHATWG URL Standard (how browsers parse URLs)',
    url: 'https://url.spec.whatwg.org/#concept-basic-url-parser',
  },
  rfc5891: {
    title: 'RFC 5891 (IDNA: internationalised domain names)',
    url: 'https://www.rfc-editor.org/rfc/rfc5891',
  },
  rfc8252PrivateUse: {
    title: 'RFC 8252 §7.1 (private-use URI scheme redirection)',
    url: 'https://www.rfc-editor.org/rfc/rfc8252#section-7.1',
  },
  rfc8252Claimed: {
    title: 'RFC 8252 §7.2 (claimed "https" scheme redirection)',
    url: 'https://www.rfc-editor.org/rfc/rfc8252#section-7.2',
  },
  rfc8252Loopback: {
    title: 'RFC 8252 §7.3 (loopback interface redirection)',
    url: 'https://www.rfc-editor.org/rfc/rfc8252#section-7.3',
  },
  rfc8252Localhost: {
    title: 'RFC 8252 §8.3 (loopback redirect considerations: localhost NOT RECOMMENDED)',
    url: 'https://www.rfc-editor.org/rfc/rfc8252#section-8.3',
  },
  rfc8252ExactMatch: {
    title: 'RFC 8252 §8.4 (registration of native app clients)',
    url: 'https://www.rfc-editor.org/rfc/rfc8252#section-8.4',
  },
  oauthSecurityBcp: {
    title: 'RFC 9700 §4.1 (OAuth security BCP: exact redirect URI matching)',
    url: 'https://www.rfc-editor.org/rfc/rfc9700#section-4.1',
  },
  oidcCoreAuthRequest: {
    title: 'OpenID Connect Core 1.0 §3.1.2.1 (authentication request, redirect_uri)',
    url: 'https://openid.net/specs/openid-connect-core-1_0.html#AuthRequest',
  },
  oidcCoreClientAuth: {
    title: 'OpenID Connect Core 1.0 §9 (client authentication)',
    url: 'https://openid.net/specs/openid-connect-core-1_0.html#ClientAuthentication',
  },
  oidcRegistration: {
    title: 'OpenID Connect Dynamic Client Registration 1.0 §2 (client metadata)',
    url: 'https://openid.net/specs/openid-connect-registration-1_0.html#ClientMetadata',
  },
  oidcRegistrationResponse: {
    title: 'OpenID Connect Dynamic Client Registration 1.0 §3.2 (client information response: client_id, client_secret)',
    url: 'https://openid.net/specs/openid-connect-registration-1_0.html#RegistrationResponse',
  },
  rfc7591: {
    title: 'RFC 7591 §2 (client metadata)',
    url: 'https://www.rfc-editor.org/rfc/rfc7591#section-2',
  },
  backchannelLogout: {
    title: 'OpenID Connect Back-Channel Logout 1.0 §2.2 (RP logout metadata)',
    url: 'https://openid.net/specs/openid-connect-backchannel-1_0.html#BCRegistration',
  },
  rfc7518Algs: {
    title: 'RFC 7518 §3.1 (JWS "alg" values)',
    url: 'https://www.rfc-editor.org/rfc/rfc7518#section-3.1',
  },
  rfc7523: {
    title: 'RFC 7523 §2.2 (JWT for client authentication)',
    url: 'https://www.rfc-editor.org/rfc/rfc7523#section-2.2',
  },
  rfc7517Private: {
    title: 'RFC 7517 / RFC 7518 §6.3.2 (private key members)',
    url: 'https://www.rfc-editor.org/rfc/rfc7518#section-6.3.2',
  },
  rfc7517Set: {
    title: 'RFC 7517 §5 (JWK Set format)',
    url: 'https://www.rfc-editor.org/rfc/rfc7517#section-5',
  },
  oidcDiscovery: {
    title: 'OpenID Connect Discovery 1.0 §3 (provider metadata)',
    url: 'https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata',
  },
  rfc5322Email: {
    title: 'RFC 5322 §3.4.1 (addr-spec) / HTML e-mail syntax',
    url: 'https://html.spec.whatwg.org/multipage/input.html#valid-e-mail-address',
  },
} as const satisfies Record<string, Source>;

/** Name of an entry in {@link SOURCES}. */
export type SourceId = keyof typeof SOURCES;
