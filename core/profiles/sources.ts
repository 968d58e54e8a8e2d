/**
 * Every public document a profile fact or a validation rule is based on, in one table.
 *
 * Keeping titles and URLs here (not scattered in rules) lets the UI show "why" next to each
 * finding and lets a reviewer re-check all NHS facts in one pass when the pages change.
 * URLs are the ones recorded in the project's domain reference; NHS pages move often.
 */

/** A citable document: what the user can open to check a rule. */
export interface Source {
  /** Short human title, e.g. "RFC 8252 §7.3 (loopback redirect)". */
  readonly title: string;
  /** Absolute https URL of the document (with a fragment where it helps). */
  readonly url: string;
}

const CIS2_PTL = 'https://nhsd-proxy.dokku3.ebmdatalab.net/services/care-identity-service/applications-and-services/cis2-authentication';
const CIS2_LEGACY = 'https://production-like.nhsd.io/services/care-identity-service/applications-and-services/cis2-authentication/guidance-for-developers/detailed-guidance';
const NHS_LOGIN = 'https://nhsconnect.github.io/nhslogin';

/** The source table, keyed by a stable short name. */
export const SOURCES = {
  cis2RegisterEnvironment: {
    title: 'NHS CIS2 Authentication — register to access an environment',
    url: `${CIS2_PTL}/integrate/design-and-build/register-to-access-an-environment`,
  },
  cis2Discovery: {
    title: 'NHS CIS2 Authentication — discovery',
    url: `${CIS2_PTL}/integrate/design-and-build/discovery`,
  },
  cis2DiscoveryUrls: {
    title: 'NHS CIS2 Authentication — published discovery URLs (detailed guidance)',
    url: `${CIS2_LEGACY}/discovery`,
  },
  cis2Registration: {
    title: 'NHS CIS2 Authentication — registration (detailed guidance)',
    url: 'https://digital.nhs.uk/services/identity-and-access-management/nhs-care-identity-service-2/care-identity-authentication/guidance-for-developers/detailed-guidance/registration',
  },
  cis2Signatures: {
    title: 'NHS CIS2 Authentication — signatures (detailed guidance)',
    url: `${CIS2_LEGACY}/signatures`,
  },
  cis2KeyManagement: {
    title: 'NHS CIS2 Authentication — key management',
    url: `${CIS2_PTL}/integrate/design-and-build/key-management`,
  },
  cis2CommunityToken: {
    title: 'NHS developer community — token request with private key JWT fails (CIS2)',
    url: 'https://developer.community.nhs.uk/t/token-request-with-private-key-jwt-fails/6283',
  },
  cis2CommunityInt: {
    title: 'NHS developer community — CIS2 exchanging code for tokens (INT endpoints)',
    url: 'https://developer.community.nhs.uk/t/cis2-exchanging-code-with-id-token-and-refresh-token/1018',
  },
  cis2LegacyCas: {
    title: 'NHS Identity (legacy CAS) implementation guide',
    url: 'https://github.com/nhsconnect/national-authentication',
  },
  nhsLoginEis7: {
    title: 'NHS login interface specification — onboarding (EIS doc 7)',
    url: `${NHS_LOGIN}/interface-spec-doc-7/`,
  },
  nhsLoginEis3: {
    title: 'NHS login interface specification — federation/token endpoint (EIS doc 3)',
    url: `${NHS_LOGIN}/interface-spec-doc-3/`,
  },
  nhsLoginEis4: {
    title: 'NHS login interface specification — tokens and algorithms (EIS doc 4)',
    url: `${NHS_LOGIN}/interface-spec-doc-4/`,
  },
  nhsLoginEis2: {
    title: 'NHS login interface specification — flows and TLS (EIS doc 2)',
    url: `${NHS_LOGIN}/interface-spec-doc-2/`,
  },
  nhsLoginSandpit: {
    title: 'NHS login — integrating to sandpit',
    url: `${NHS_LOGIN}/integrating-to-sandpit/`,
  },
  nhsLoginPem: {
    title: 'NHS login — generating a PEM public key',
    url: `${NHS_LOGIN}/generating-pem/`,
  },
  nhsLoginEnvironments: {
    title: 'NHS login — compare environments',
    url: `${NHS_LOGIN}/compare-environments`,
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
    url: 'https://github.com/NHSDigital/identity-service-api/blob/master/proxies/live/apiproxy/resources/jsc/validate-client-assertion-claims.js',
  },
  apiEnvironments: {
    title: 'NHS developer community — API platform token endpoints per environment',
    url: 'https://developer.community.nhs.uk/t/why-am-i-getting-this-error-when-trying-to-auth/668',
  },
  apiHostedJwks: {
    title: 'NHSDigital identity-service-jwks (NHS-hosted public keys)',
    url: 'https://github.com/NHSDigital/identity-service-jwks',
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
