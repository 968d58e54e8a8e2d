/**
 * The rule catalogue: every finding the registration rule engine can produce, in one table.
 *
 * Each finding's severity, message, hint and source come from here, and `docs/rules.md` is
 * generated from it (scripts/gen-docs.ts), so the documentation cannot drift from
 * the engine. Codes are stable identifiers: the UI, the CLI `--json` output and saved
 * reports refer to them; never rename one, add a new code instead.
 */
import { SOURCES, type Source } from '../profiles/sources';

/** How bad a finding is. `error` blocks a valid report; `warning` and `info` do not. */
export type Severity = 'error' | 'warning' | 'info';

/** One rule: what it means, how to fix it, and where it comes from. */
export interface RuleDefinition {
  /** Stable code, e.g. `redirect_uri.fragment`. */
  readonly code: string;
  /** Default severity of the finding. */
  readonly severity: Severity;
  /** Short title for tables and lists. */
  readonly title: string;
  /** The finding's message: what is wrong and why it matters. */
  readonly explanation: string;
  /** What to do about it. */
  readonly hint: string;
  /**
   * The rule's source. Provider rules (`provider: true`) use the provider profile's own
   * source at run time; this one is shown in the generated table.
   */
  readonly source: Source;
  /** True when the rule depends on the provider profile, not only on the standards. */
  readonly provider?: boolean;
}

const OWASP_PROTOTYPE: Source = {
  title: 'OWASP Prototype Pollution Prevention Cheat Sheet',
  url: 'https://cheatsheetseries.owasp.org/cheatsheets/Prototype_Pollution_Prevention_Cheat_Sheet.html',
};

const DEFINITIONS = [
  // ── The document as a whole ───────────────────────────────────────────────────────────
  {
    code: 'metadata.not_object',
    severity: 'error',
    title: 'Not a JSON object',
    explanation: 'Client metadata must be a JSON object of named members.',
    hint: 'Provide an object such as {"client_name": "…", "redirect_uris": ["https://…"]}.',
    source: SOURCES.rfc7591,
  },
  {
    code: 'metadata.wrong_type',
    severity: 'error',
    title: 'Member has the wrong type',
    explanation: 'This member has the wrong JSON type for its definition.',
    hint: 'Use the type the specification defines (for example an array of strings for redirect_uris).',
    source: SOURCES.oidcRegistration,
  },
  {
    code: 'metadata.unknown_member',
    severity: 'info',
    title: 'Unknown member kept',
    explanation: 'This member is not defined by OIDC Registration, RFC 7591 or Back-Channel Logout; it is kept as-is and the provider will probably ignore it.',
    hint: 'Check the spelling; remove it if the provider does not ask for it.',
    source: SOURCES.rfc7591,
  },
  {
    code: 'metadata.reserved_member',
    severity: 'warning',
    title: 'Dangerous member name',
    explanation: 'A member named __proto__, constructor or prototype can corrupt objects in careless JSON consumers.',
    hint: 'Remove this member.',
    source: OWASP_PROTOTYPE,
  },
  {
    code: 'profile.environment_unknown',
    severity: 'error',
    title: 'Unknown environment',
    explanation: 'The provider profile has no environment by this name, so provider rules could not be fully applied.',
    hint: 'Choose one of the environments the profile lists.',
    source: SOURCES.oidcDiscovery,
    provider: true,
  },
  // ── client_name ───────────────────────────────────────────────────────────────────────
  {
    code: 'client_name.missing',
    severity: 'error',
    title: 'No client name',
    explanation: 'The provider shows the client name to users and needs it to identify your registration.',
    hint: 'Set client_name to the name of your service as users know it.',
    source: SOURCES.oidcRegistration,
  },
  {
    code: 'client_name.blank',
    severity: 'error',
    title: 'Client name is blank',
    explanation: 'The client name is empty or only whitespace.',
    hint: 'Set client_name to the name of your service as users know it.',
    source: SOURCES.oidcRegistration,
  },
  {
    code: 'client_name.untrimmed',
    severity: 'warning',
    title: 'Client name has surrounding whitespace',
    explanation: 'The client name starts or ends with whitespace, which is easy to miss and shows up in consent screens.',
    hint: 'Remove the leading and trailing spaces.',
    source: SOURCES.oidcRegistration,
  },
  {
    code: 'client_name.too_long',
    severity: 'warning',
    title: 'Client name is long',
    explanation: 'The client name is longer than 100 characters; sign-in pages may truncate it.',
    hint: 'Use a shorter name (100 characters or fewer).',
    source: SOURCES.oidcRegistration,
  },
  {
    code: 'client_name.control_chars',
    severity: 'error',
    title: 'Client name has control characters',
    explanation: 'The client name contains control or invisible formatting characters (line breaks, bidi overrides…) that can disguise what users see.',
    hint: 'Type the name again as plain text on one line.',
    source: SOURCES.oidcRegistration,
  },
  // ── Any URI member ────────────────────────────────────────────────────────────────────
  {
    code: 'uri.invalid',
    severity: 'error',
    title: 'Not an absolute URI',
    explanation: 'This value is not an absolute URI (scheme, then the rest).',
    hint: 'Write the full URI, e.g. https://app.example.org/callback.',
    source: SOURCES.rfc3986,
  },
  {
    code: 'uri.whitespace',
    severity: 'error',
    title: 'URI contains whitespace or control characters',
    explanation: 'The URI contains whitespace or control characters. Browsers silently drop some of them, so the URI used at run time would not equal the registered one.',
    hint: 'Remove spaces, tabs, line breaks and invisible characters (paste into a plain-text editor to see them).',
    source: SOURCES.whatwgUrl,
  },
  {
    code: 'uri.too_long',
    severity: 'warning',
    title: 'URI is very long',
    explanation: 'The URI is longer than 2,000 characters; servers and browsers commonly refuse longer request lines.',
    hint: 'Use a shorter URI.',
    source: SOURCES.rfc3986,
  },
  {
    code: 'uri.userinfo',
    severity: 'error',
    title: 'URI contains user information',
    explanation: 'The URI carries "user:password@" before the host. It is deprecated, leaks credentials and is a classic phishing disguise.',
    hint: 'Remove everything between "//" and "@".',
    source: SOURCES.rfc3986Userinfo,
  },
  {
    code: 'uri.idn',
    severity: 'info',
    title: 'Internationalised host name',
    explanation: 'The host is an internationalised domain name; providers compare and display its punycode (xn--) form.',
    hint: 'Register the punycode form shown here, and check that it is the domain you meant (look-alike characters).',
    source: SOURCES.rfc5891,
  },
  {
    code: 'uri.dangerous_scheme',
    severity: 'error',
    title: 'Dangerous URI scheme',
    explanation: 'javascript:, data:, file:, vbscript: and blob: URIs run or expose content; they are never valid endpoints.',
    hint: 'Use an https URI.',
    source: SOURCES.oauthSecurityBcp,
  },
  // ── redirect_uris ─────────────────────────────────────────────────────────────────────
  {
    code: 'redirect_uris.missing',
    severity: 'error',
    title: 'No redirect URI',
    explanation: 'At least one redirect URI is required for the authorization code flow.',
    hint: 'Add the URI of your callback endpoint, e.g. https://app.example.org/callback.',
    source: SOURCES.oidcRegistration,
  },
  {
    code: 'redirect_uris.not_needed',
    severity: 'info',
    title: 'Redirect URIs not used',
    explanation: 'This provider uses the client credentials grant; redirect URIs are not used and will be ignored.',
    hint: 'You can remove redirect_uris.',
    source: SOURCES.apiSignedJwtGuide,
    provider: true,
  },
  {
    code: 'redirect_uris.too_many',
    severity: 'error',
    title: 'Too many redirect URIs',
    explanation: 'The provider accepts a limited number of redirect URIs.',
    hint: 'Register one redirect URI and route to the right page with the state parameter.',
    source: SOURCES.nhsLoginMultipleRedirects,
    provider: true,
  },
  {
    code: 'redirect_uri.fragment',
    severity: 'error',
    title: 'Redirect URI has a fragment',
    explanation: 'A redirect URI must not include a fragment ("#…").',
    hint: 'Remove the "#" and everything after it.',
    source: SOURCES.rfc6749Redirect,
  },
  {
    code: 'redirect_uri.wildcard',
    severity: 'error',
    title: 'Wildcard in redirect URI',
    explanation: 'Redirect URIs are matched exactly; a "*" is not a wildcard and patterns open the door to code theft.',
    hint: 'Register every exact URI you use.',
    source: SOURCES.oauthSecurityBcp,
  },
  {
    code: 'redirect_uri.duplicate',
    severity: 'warning',
    title: 'Duplicate redirect URI',
    explanation: 'This redirect URI repeats (or is equivalent to) an earlier one.',
    hint: 'Remove the duplicate.',
    source: SOURCES.rfc8252ExactMatch,
  },
  {
    code: 'redirect_uri.http_non_loopback',
    severity: 'error',
    title: 'Plain http redirect URI',
    explanation: 'Plain http is only acceptable for a native app\'s loopback callback (127.0.0.1 or [::1]); elsewhere the authorization code travels unencrypted.',
    hint: 'Use https, or http://127.0.0.1:<port>/… for a native app.',
    source: SOURCES.rfc6749Tls,
  },
  {
    code: 'redirect_uri.localhost',
    severity: 'warning',
    title: '"localhost" redirect URI',
    explanation: 'Using "localhost" for a loopback redirect is NOT RECOMMENDED: the name can resolve elsewhere or to the wrong interface.',
    hint: 'Use the IP literal: http://127.0.0.1:<port>/… or http://[::1]:<port>/….',
    source: SOURCES.rfc8252Localhost,
  },
  {
    code: 'redirect_uri.private_use_not_reverse_dns',
    severity: 'warning',
    title: 'Private-use scheme is not reverse DNS',
    explanation: 'A private-use URI scheme should be the reverse of a domain you control (com.example.app:/callback); short names like "myapp" can be claimed by any other app.',
    hint: 'Use a scheme like com.example.app and the form com.example.app:/callback.',
    source: SOURCES.rfc8252PrivateUse,
  },
  {
    code: 'redirect_uri.custom_scheme',
    severity: 'warning',
    title: 'Custom-scheme redirect URI',
    explanation: 'The provider describes redirect URIs as HTTPS except loopback; custom schemes come only from its legacy guidance and may be refused.',
    hint: 'Prefer an https URI or a loopback http://127.0.0.1 URI; confirm with the provider before relying on a custom scheme.',
    source: SOURCES.cis2RegisterEnvironment,
    provider: true,
  },
  {
    code: 'redirect_uri.custom_scheme_refused',
    severity: 'error',
    title: 'Custom scheme not accepted',
    explanation: 'The provider does not accept custom-scheme redirect URIs.',
    hint: 'Use an https URI.',
    source: SOURCES.nhsLoginEis,
    provider: true,
  },
  {
    code: 'redirect_uri.https_only',
    severity: 'error',
    title: 'Provider requires https',
    explanation: 'The provider accepts only https redirect URIs (no http, not even loopback, and no custom schemes).',
    hint: 'Use an https URI on a host you control.',
    source: SOURCES.nhsLoginEis,
    provider: true,
  },
  {
    code: 'redirect_uri.query_not_allowed',
    severity: 'error',
    title: 'Query string not accepted',
    explanation: 'The provider does not accept redirect URIs with a query string.',
    hint: 'Remove the "?…" part and carry that information in the state parameter.',
    source: SOURCES.nhsLoginEis,
    provider: true,
  },
  {
    code: 'redirect_uri.loopback_for_web',
    severity: 'warning',
    title: 'Loopback redirect for a web application',
    explanation: 'Loopback redirect URIs are for native apps; a web client should not use localhost or 127.0.0.1.',
    hint: 'Use your public https callback, or set application_type to "native" if this is a desktop/mobile app.',
    source: SOURCES.oidcRegistration,
  },
  {
    code: 'redirect_uri.custom_scheme_for_web',
    severity: 'warning',
    title: 'Custom scheme for a web application',
    explanation: 'Custom-scheme redirect URIs are for native apps; a web client should use https.',
    hint: 'Use https, or set application_type to "native" if this is a desktop/mobile app.',
    source: SOURCES.oidcRegistration,
  },
  {
    code: 'redirect_uri.native_https',
    severity: 'warning',
    title: 'https redirect for a native application',
    explanation: 'OIDC Registration expects native clients to use custom schemes or loopback; an https URI works for a native app only as a claimed https URI (app link / universal link).',
    hint: 'Make sure the OS routes this URL to your app (Android App Links, iOS Universal Links), or use a loopback URI.',
    source: SOURCES.rfc8252Claimed,
  },
  // ── keys: jwks_uri / jwks ─────────────────────────────────────────────────────────────
  {
    code: 'jwks_uri.not_https',
    severity: 'error',
    title: 'jwks_uri is not https',
    explanation: 'The provider fetches your public keys from jwks_uri; it must be https so they cannot be swapped in transit.',
    hint: 'Publish the JWKS on an https URL.',
    source: SOURCES.oidcRegistration,
  },
  {
    code: 'jwks_uri.fragment',
    severity: 'error',
    title: 'jwks_uri has a fragment',
    explanation: 'A fragment is never sent to the server, so "#…" in jwks_uri is meaningless and often a copy-paste mistake.',
    hint: 'Remove the "#" and everything after it.',
    source: SOURCES.rfc3986,
  },
  {
    code: 'jwks_uri.not_public',
    severity: 'warning',
    title: 'jwks_uri is not publicly reachable',
    explanation: 'The host is a loopback, private-network or local name; the provider cannot fetch keys from it and token requests will fail.',
    hint: 'Publish the JWKS on a public https host.',
    source: SOURCES.oidcRegistration,
  },
  {
    code: 'jwks_uri.not_public_for_provider',
    severity: 'error',
    title: 'jwks_uri cannot be reached by the provider',
    explanation: 'The host is a loopback, private-network or local name, and this provider fetches your public keys from the internet: it can never reach them, so every token request would be refused.',
    hint: 'Publish the JWKS on a public https host (for the API platform, NHS can also host it) and set jwks_uri to that URL.',
    source: SOURCES.apiHostedJwks,
    provider: true,
  },
  {
    code: 'jwks.invalid',
    severity: 'error',
    title: 'jwks is not a JWK Set',
    explanation: 'jwks must be a JWK Set: an object with a non-empty "keys" array of key objects.',
    hint: 'Use the JWKS the app generated ({"keys":[{…}]}), or better, publish it and register jwks_uri.',
    source: SOURCES.rfc7517Set,
  },
  {
    code: 'jwks.private_material',
    severity: 'error',
    title: 'jwks contains private key material',
    explanation: 'A registered JWK Set must contain public keys only; this one contains private or symmetric members (d, p, q, dp, dq, qi, oth, k).',
    hint: 'Remove the private key from here at once and treat it as compromised: generate a new key pair.',
    source: SOURCES.rfc7517Private,
  },
  {
    code: 'keys.jwks_and_jwks_uri',
    severity: 'error',
    title: 'Both jwks and jwks_uri',
    explanation: 'jwks and jwks_uri must not both be present.',
    hint: 'Keep jwks_uri (it allows key rotation) and remove jwks.',
    source: SOURCES.oidcRegistration,
  },
  {
    code: 'keys.jwks_uri_required',
    severity: 'error',
    title: 'private_key_jwt needs a jwks_uri',
    explanation: 'With private_key_jwt the provider verifies your signed assertions with public keys it fetches from your jwks_uri.',
    hint: 'Publish the generated JWKS on an https URL and set jwks_uri.',
    source: SOURCES.cis2Signatures,
    provider: true,
  },
  {
    code: 'keys.inline_jwks_not_accepted',
    severity: 'error',
    title: 'Inline jwks not accepted',
    explanation: 'This provider needs a JWKS endpoint (jwks_uri) rather than keys pasted into the registration, so that keys can be rotated.',
    hint: 'Publish the JWKS on an https URL, set jwks_uri and remove jwks.',
    source: SOURCES.cis2KeyManagement,
    provider: true,
  },
  {
    code: 'keys.pem_expected',
    severity: 'warning',
    title: 'Provider takes a PEM key',
    explanation: 'This provider registers your public key as a PEM sent at onboarding; a jwks_uri or jwks here is not used.',
    hint: 'Remove jwks_uri/jwks and send the public key PEM (RSA 2048) with your request.',
    source: SOURCES.nhsLoginPem,
    provider: true,
  },
  {
    code: 'keys.not_needed',
    severity: 'info',
    title: 'Keys not needed for a client secret',
    explanation: 'With a client_secret_* method the provider does not need your public keys for client authentication.',
    hint: 'Remove jwks_uri/jwks unless you use them for something else (e.g. request objects).',
    source: SOURCES.oidcCoreClientAuth,
  },
  // ── Client authentication ─────────────────────────────────────────────────────────────
  {
    code: 'auth_method.missing',
    severity: 'warning',
    title: 'No token endpoint auth method',
    explanation: 'Without token_endpoint_auth_method the default is client_secret_basic, which is probably not what this provider expects.',
    hint: 'Set token_endpoint_auth_method explicitly (private_key_jwt is recommended).',
    source: SOURCES.oidcRegistration,
  },
  {
    code: 'auth_method.unknown',
    severity: 'error',
    title: 'Unknown auth method',
    explanation: 'token_endpoint_auth_method must be one of client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt or none.',
    hint: 'Pick one of the standard values.',
    source: SOURCES.oidcRegistration,
  },
  {
    code: 'auth_method.not_allowed',
    severity: 'error',
    title: 'Auth method not accepted by the provider',
    explanation: 'The provider does not accept this client authentication method.',
    hint: 'Use a method the provider lists (see the profile).',
    source: SOURCES.nhsLoginEis,
    provider: true,
  },
  {
    code: 'auth_method.not_recommended',
    severity: 'warning',
    title: 'Auth method not recommended',
    explanation: 'The provider accepts this method but recommends private_key_jwt (no shared secret to leak, seamless key rotation).',
    hint: 'Consider private_key_jwt.',
    source: SOURCES.cis2Registration,
    provider: true,
  },
  {
    code: 'application_type.invalid',
    severity: 'error',
    title: 'Unknown application type',
    explanation: 'application_type must be "web" or "native".',
    hint: 'Use "web" for server-side applications, "native" for desktop/mobile apps.',
    source: SOURCES.oidcRegistration,
  },
  {
    code: 'application_type.confidential_only',
    severity: 'warning',
    title: 'Provider supports confidential clients only',
    explanation: 'The provider supports only confidential clients: the credential must be held by a trusted backend, never inside a distributed native app.',
    hint: 'Let your backend perform the token exchange, or contact the provider before registering a public/native client.',
    source: SOURCES.cis2Registration,
    provider: true,
  },
  // ── Algorithms ────────────────────────────────────────────────────────────────────────
  {
    code: 'signing_alg.missing',
    severity: 'warning',
    title: 'Client-assertion algorithm not declared',
    explanation: 'A signed client assertion is used but token_endpoint_auth_signing_alg is not set; some providers require the algorithm to be declared at registration.',
    hint: 'Set token_endpoint_auth_signing_alg (the profile\'s default is suggested).',
    source: SOURCES.oidcRegistration,
  },
  {
    code: 'signing_alg.unknown',
    severity: 'error',
    title: 'Unknown JWS algorithm',
    explanation: 'This is not a JWS algorithm name registered in RFC 7518.',
    hint: 'Use a name such as RS256, RS512, PS256 or ES256 (case-sensitive).',
    source: SOURCES.rfc7518Algs,
  },
  {
    code: 'signing_alg.none',
    severity: 'error',
    title: '"none" for client authentication',
    explanation: 'token_endpoint_auth_signing_alg must not be "none": an unsigned assertion proves nothing.',
    hint: 'Use the profile\'s algorithm (e.g. RS256 or RS512).',
    source: SOURCES.oidcRegistration,
  },
  {
    code: 'signing_alg.hmac_with_private_key_jwt',
    severity: 'error',
    title: 'HMAC algorithm with private_key_jwt',
    explanation: 'HS256/384/512 are keyed with a shared secret (client_secret_jwt); private_key_jwt needs an asymmetric algorithm.',
    hint: 'Use RS256/RS512/PS256/ES256 with private_key_jwt.',
    source: SOURCES.rfc7523,
  },
  {
    code: 'signing_alg.asymmetric_with_client_secret_jwt',
    severity: 'error',
    title: 'Asymmetric algorithm with client_secret_jwt',
    explanation: 'client_secret_jwt signs the assertion with HMAC keyed by the client secret; RS/PS/ES algorithms need a key pair (private_key_jwt).',
    hint: 'Use HS256 with client_secret_jwt, or switch to private_key_jwt.',
    source: SOURCES.oidcCoreClientAuth,
  },
  {
    code: 'signing_alg.not_allowed',
    severity: 'error',
    title: 'Algorithm not accepted by the provider',
    explanation: 'The provider does not accept client assertions signed with this algorithm.',
    hint: 'Use one of the algorithms the profile lists.',
    source: SOURCES.apiClientAssertionCode,
    provider: true,
  },
  {
    code: 'signing_alg.key_mismatch',
    severity: 'error',
    title: 'Active key cannot sign with the declared algorithm',
    explanation: 'token_endpoint_auth_signing_alg declares one algorithm but the active key is of another type, curve or size, or is pinned to another "alg": every assertion it signs would be refused ("alg mismatch").',
    hint: 'Generate a key for the declared algorithm (oidc-onboard keys generate <id>) and make it active, or change the declaration to the key\'s algorithm (oidc-onboard set <id> --signing-alg <alg>).',
    source: SOURCES.rfc7518Algs,
  },
  {
    code: 'signing_alg.unverified',
    severity: 'info',
    title: 'Algorithm list not published by the provider',
    explanation: 'The provider does not publish which client-assertion algorithms it accepts; the built-in list is a best reading of its documentation.',
    hint: 'Load the environment\'s discovery document to check token_endpoint_auth_signing_alg_values_supported.',
    source: SOURCES.cis2Signatures,
    provider: true,
  },
  {
    code: 'response_alg.none',
    severity: 'warning',
    title: 'Unsigned responses requested',
    explanation: '"none" asks the provider not to sign ID tokens or UserInfo responses; NHS providers sign with RS256/RS512 and most refuse "none".',
    hint: 'Remove the member (the default is RS256) or name a signing algorithm.',
    source: SOURCES.oidcRegistration,
  },
  {
    code: 'userinfo.signed_unsupported',
    severity: 'warning',
    title: 'Signed UserInfo not offered',
    explanation: 'This provider does not offer signed UserInfo responses as a registration option.',
    hint: 'Remove userinfo_signed_response_alg.',
    source: SOURCES.nhsLoginEis,
    provider: true,
  },
  // ── contacts ──────────────────────────────────────────────────────────────────────────
  {
    code: 'contacts.missing',
    severity: 'warning',
    title: 'No contact',
    explanation: 'No contact e-mail address is given; the provider needs someone to reach about the registration (NHS forms ask for one).',
    hint: 'Add at least one monitored e-mail address, ideally a team mailbox.',
    source: SOURCES.oidcRegistration,
  },
  {
    code: 'contacts.invalid_email',
    severity: 'error',
    title: 'Invalid e-mail address',
    explanation: 'contacts holds e-mail addresses; this one is not a valid address.',
    hint: 'Write a plain address like team@example.org (no name, no "mailto:").',
    source: SOURCES.rfc5322Email,
  },
  // ── Display URIs ──────────────────────────────────────────────────────────────────────
  {
    code: 'display_uri.not_https',
    severity: 'warning',
    title: 'Display URI is not https',
    explanation: 'logo_uri, policy_uri, tos_uri and client_uri are shown to users on the provider\'s pages; anything but https triggers mixed-content blocking or can be tampered with.',
    hint: 'Use an https URL.',
    source: SOURCES.oidcRegistration,
  },
  // ── Back-channel logout ───────────────────────────────────────────────────────────────
  {
    code: 'backchannel_logout_uri.not_https',
    severity: 'error',
    title: 'Back-channel logout URI is not https',
    explanation: 'The provider POSTs logout tokens to this URI; it must be an absolute https URL.',
    hint: 'Use an https URL on your backend.',
    source: SOURCES.backchannelLogout,
  },
  {
    code: 'backchannel_logout_uri.fragment',
    severity: 'error',
    title: 'Back-channel logout URI has a fragment',
    explanation: 'The back-channel logout URI must not include a fragment.',
    hint: 'Remove the "#" and everything after it.',
    source: SOURCES.backchannelLogout,
  },
  {
    code: 'backchannel_logout.unsupported',
    severity: 'warning',
    title: 'Back-channel logout not offered',
    explanation: 'This provider does not offer back-channel logout as a registration option.',
    hint: 'Remove backchannel_logout_uri and backchannel_logout_session_required.',
    source: SOURCES.nhsLoginEis,
    provider: true,
  },
  {
    code: 'backchannel_logout.session_without_uri',
    severity: 'warning',
    title: 'Session requirement without a logout URI',
    explanation: 'backchannel_logout_session_required has no effect without backchannel_logout_uri.',
    hint: 'Add backchannel_logout_uri or remove backchannel_logout_session_required.',
    source: SOURCES.backchannelLogout,
  },
  // ── Safety net ────────────────────────────────────────────────────────────────────────
  {
    code: 'validator.internal',
    severity: 'error',
    title: 'Validator failure',
    explanation: 'The validator failed on this input; the values could not be fully checked.',
    hint: 'Report this as a bug with the values that caused it (remove anything confidential).',
    source: SOURCES.rfc7591,
  },
] as const satisfies readonly RuleDefinition[];

/** A rule code from the catalogue. */
export type RuleCode = (typeof DEFINITIONS)[number]['code'];

/** The rule catalogue, keyed by code, in a stable order. */
export const RULES: Readonly<Record<RuleCode, RuleDefinition>> = Object.freeze(
  Object.fromEntries(DEFINITIONS.map((rule) => [rule.code, Object.freeze({ ...rule })])) as Record<RuleCode, RuleDefinition>,
);

/** Every rule, in catalogue order (for tables and coverage tests). */
export const RULE_LIST: readonly RuleDefinition[] = Object.freeze(DEFINITIONS.map((rule) => RULES[rule.code]));

/** Every rule code, in catalogue order. */
export const RULE_CODES: readonly RuleCode[] = Object.freeze(DEFINITIONS.map((rule) => rule.code));
