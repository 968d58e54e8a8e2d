/**
 * The one rule engine: judges client metadata (any JSON value) against the standards and
 * a provider profile, and returns findings. It never throws: a wrong input is a finding.
 *
 * Every finding's severity, message, hint and source come from the rule catalogue; this
 * file only decides which rules fire, where (`path`) and with which detail.
 */
import type { Finding, ValidationReport } from '../../contract/schemas/findings';
import { escapeForDisplay, hasUnsafeDisplayChars } from '../../contract/text/display';
import { findEnvironment, AUTH_METHODS, type AuthMethod, type Profile, type ProfileEnvironment } from '../profiles/profile-schema';
import type { Source } from '../profiles/sources';
import { cannotSign, describeKey, type ValidationContext } from './key-facts';
import { memberSchema } from './metadata';
import { classifyRedirectUri } from './redirect-uri';
import { RULES, type RuleCode } from './rule-catalogue';
import { analyseUri, DANGEROUS_SCHEMES, type UriAnalysis } from './uri-analysis';

/** Names that reach `Object.prototype` machinery in careless consumers. */
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
/** JWS `alg` names: RFC 7518 §3.1 plus EdDSA (RFC 8037). */
const JWS_ALGS = new Set(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'EdDSA', 'none']);
/** JWK members that only private or symmetric keys carry (RFC 7518 §6.3.2, §6.4). */
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
/** Display URIs shown to users by the provider (and their language-tagged variants). */
const DISPLAY_URI_MEMBERS = ['logo_uri', 'policy_uri', 'tos_uri', 'client_uri'];
/** Other single-URI members: checked for structure and dangerous schemes only. */
const OTHER_URI_MEMBERS = ['sector_identifier_uri', 'initiate_login_uri', 'frontchannel_logout_uri'];
/** Over this many characters the client name warns (sign-in pages truncate). */
export const CLIENT_NAME_MAX = 100;
// WHATWG "valid e-mail address", plus a dot in the domain: registrations need a routable address.
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

type Json = Record<string, unknown>;

/**
 * Collects findings with their text from the catalogue. Messages and paths echo the user's
 * values and member names, so both are escaped for display (bidi, control, invisible characters).
 */
class Findings {
  readonly list: Finding[] = [];

  add(code: RuleCode, path: string, options: { detail?: string; source?: Source } = {}): void {
    const rule = RULES[code];
    this.list.push({
      code,
      severity: rule.severity,
      path: escapeForDisplay(path),
      message: escapeForDisplay(options.detail ? `${rule.explanation} ${options.detail}` : rule.explanation),
      hint: rule.hint,
      source: { ...(options.source ?? rule.source) },
    });
  }
}

/** Quotes a value for a message: JSON-escaped (control characters visible), truncated. */
function quote(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  const short = text.length > 120 ? `${text.slice(0, 120)}…` : text;
  return JSON.stringify(short);
}

/** `redirect_uris[1]`, `jwks.keys[0].kty`, `["odd name"]` */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][A-Za-z0-9_$#-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an own member only: inherited names like "constructor" must never be seen as input. */
function own(object: Json, name: string): unknown {
  return Object.hasOwn(object, name) ? object[name] : undefined;
}

function ownString(object: Json, name: string): string | undefined {
  const value = own(object, name);
  return typeof value === 'string' ? value : undefined;
}

/**
 * Validates client metadata against the standards and `profile`'s rules for `environment`.
 *
 * Accepts any value (the parsed JSON of a draft, a file, a CLI argument); never throws.
 * `valid` is true when no finding is an error. `context.keys` (the registration's keys, built
 * by the service that owns them) lets the values be judged against the key that will sign.
 */
export function validateMetadata(metadata: unknown, profile: Profile, environment: string, context: ValidationContext = {}): ValidationReport {
  const findings = new Findings();
  try {
    check(metadata, profile, environment, context, findings);
  } catch (error) {
    // A bug must not turn a check into a crash of the UI or CLI; the finding says so.
    findings.add('validator.internal', '', { detail: error instanceof Error ? `(${error.name}: ${error.message.slice(0, 200)})` : '' });
  }
  return { valid: !findings.list.some((finding) => finding.severity === 'error'), findings: findings.list };
}

function check(metadata: unknown, profile: Profile, environment: string, context: ValidationContext, findings: Findings): void {
  if (!isPlainObject(metadata)) {
    const kind = metadata === null ? 'null' : Array.isArray(metadata) ? 'an array' : `a ${typeof metadata}`;
    findings.add('metadata.not_object', '', { detail: `Got ${kind}.` });
    return;
  }
  let env = findEnvironment(profile, environment);
  if (!env) {
    findings.add('profile.environment_unknown', '', {
      detail: `"${environment}" is not one of ${profile.environments.map((e) => e.id).join(', ')}; checked against ${profile.defaultEnvironment}.`,
    });
    env = findEnvironment(profile, profile.defaultEnvironment) ?? profile.environments[0];
  }
  if (!env) return;

  checkMemberTypes(metadata, findings);
  checkClientName(metadata, findings);
  const applicationType = checkApplicationType(metadata, profile, findings);
  const method = checkAuthMethod(metadata, env, findings);
  checkKeys(metadata, profile, env, method, findings);
  checkSigningAlgs(metadata, profile, env, method, findings);
  checkActiveKey(metadata, method, context, findings);
  checkRedirectUris(metadata, profile, applicationType, findings);
  checkContacts(metadata, findings);
  checkOtherUris(metadata, profile, findings);
}

function checkMemberTypes(metadata: Json, findings: Findings): void {
  for (const name of Object.keys(metadata)) {
    if (RESERVED_NAMES.has(name)) {
      findings.add('metadata.reserved_member', formatPath([name]));
      continue;
    }
    // `undefined` is how JS callers drop a member; JSON.stringify would omit it too.
    if (metadata[name] === undefined) continue;
    const schema = memberSchema(name);
    if (!schema) {
      findings.add('metadata.unknown_member', formatPath([name]));
      continue;
    }
    const parsed = schema.safeParse(metadata[name]);
    if (parsed.success) continue;
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const path = formatPath([name, ...issue.path]);
      if (seen.has(path)) continue;
      seen.add(path);
      findings.add('metadata.wrong_type', path, { detail: `(${issue.message})` });
    }
  }
}

function checkClientName(metadata: Json, findings: Findings): void {
  if (own(metadata, 'client_name') === undefined) findings.add('client_name.missing', 'client_name');
  for (const name of Object.keys(metadata)) {
    if (name !== 'client_name' && !name.startsWith('client_name#')) continue;
    const value = metadata[name];
    if (typeof value !== 'string') continue;
    const path = formatPath([name]);
    // Control and invisible formatting characters (bidi overrides, zero-width): the one shared set.
    if (hasUnsafeDisplayChars(value)) findings.add('client_name.control_chars', path, { detail: `Value: ${quote(value)}.` });
    if (value.trim() === '') {
      findings.add('client_name.blank', path);
      continue;
    }
    if (value !== value.trim()) findings.add('client_name.untrimmed', path, { detail: `Value: ${quote(value)}.` });
    const length = [...value].length;
    if (length > CLIENT_NAME_MAX) findings.add('client_name.too_long', path, { detail: `It has ${length} characters.` });
  }
}

function checkApplicationType(metadata: Json, profile: Profile, findings: Findings): 'web' | 'native' {
  const value = own(metadata, 'application_type');
  if (typeof value === 'string' && value !== 'web' && value !== 'native') {
    findings.add('application_type.invalid', 'application_type', { detail: `Value: ${quote(value)}.` });
  }
  if (value === 'native' && profile.confidentialOnly.value) {
    findings.add('application_type.confidential_only', 'application_type', { source: profile.confidentialOnly.source });
  }
  return value === 'native' ? 'native' : 'web';
}

function isAuthMethod(value: string): value is AuthMethod {
  return (AUTH_METHODS as readonly string[]).includes(value);
}

/** Returns the effective method (the OIDC default when absent), or undefined when unusable. */
function checkAuthMethod(metadata: Json, env: ProfileEnvironment, findings: Findings): AuthMethod | undefined {
  const raw = own(metadata, 'token_endpoint_auth_method');
  let method: AuthMethod;
  if (raw === undefined) {
    findings.add('auth_method.missing', 'token_endpoint_auth_method');
    method = 'client_secret_basic';
  } else if (typeof raw !== 'string') {
    return undefined;
  } else if (!isAuthMethod(raw)) {
    findings.add('auth_method.unknown', 'token_endpoint_auth_method', { detail: `Value: ${quote(raw)}.` });
    return undefined;
  } else {
    method = raw;
  }
  const policy = env.authMethods.find((entry) => entry.method === method);
  if (!policy) {
    const accepted = env.authMethods.map((entry) => entry.method).join(', ');
    findings.add('auth_method.not_allowed', 'token_endpoint_auth_method', {
      detail: `${raw === undefined ? `The default, ${method},` : quote(method)} is not accepted; accepted: ${accepted}.`,
      source: env.authMethods[0]?.source,
    });
  } else if (policy.status === 'discouraged') {
    findings.add('auth_method.not_recommended', 'token_endpoint_auth_method', {
      ...(policy.note ? { detail: policy.note } : {}),
      source: policy.source,
    });
  }
  return method;
}

function checkKeys(metadata: Json, profile: Profile, env: ProfileEnvironment, method: AuthMethod | undefined, findings: Findings): void {
  const jwksUri = own(metadata, 'jwks_uri');
  const jwks = own(metadata, 'jwks');
  const hasJwksUri = jwksUri !== undefined;
  const hasJwks = jwks !== undefined;
  if (hasJwksUri && hasJwks) findings.add('keys.jwks_and_jwks_uri', 'jwks');

  if (typeof jwksUri === 'string') {
    const analysis = analyseUri(jwksUri);
    if (checkUriBasics('jwks_uri', analysis, findings)) {
      if (analysis.scheme !== 'https') findings.add('jwks_uri.not_https', 'jwks_uri', { detail: `Scheme: "${analysis.scheme}".` });
      if (analysis.hasFragment) findings.add('jwks_uri.fragment', 'jwks_uri');
      if (analysis.isLoopbackIp || analysis.isLocalhostName || analysis.isPrivateHost) {
        // A provider on the internet can never reach it; a generic one may share the network.
        if (profile.jwksReachability?.publicInternet) findings.add('jwks_uri.not_public_for_provider', 'jwks_uri', { detail: `Host: ${quote(analysis.host)}.`, source: profile.jwksReachability.source });
        else findings.add('jwks_uri.not_public', 'jwks_uri', { detail: `Host: ${quote(analysis.host)}.` });
      }
    }
  }

  if (isPlainObject(jwks)) {
    const keys = own(jwks, 'keys');
    if (!Array.isArray(keys) || keys.length === 0 || !keys.every(isPlainObject)) {
      findings.add('jwks.invalid', Array.isArray(keys) ? 'jwks.keys' : 'jwks');
    }
    if (Array.isArray(keys)) {
      keys.forEach((key, index) => {
        if (!isPlainObject(key)) return;
        const privateMembers = PRIVATE_JWK_MEMBERS.filter((member) => Object.hasOwn(key, member));
        if (privateMembers.length > 0 || own(key, 'kty') === 'oct') {
          findings.add('jwks.private_material', formatPath(['jwks', 'keys', index]), {
            detail: privateMembers.length > 0 ? `Members: ${privateMembers.join(', ')}.` : 'A symmetric ("oct") key.',
          });
        }
      });
    }
  }

  if (method === 'private_key_jwt') {
    if (env.keys.keySource === 'pem') {
      if (hasJwksUri) findings.add('keys.pem_expected', 'jwks_uri', { source: env.keys.source });
      if (hasJwks) findings.add('keys.pem_expected', 'jwks', { source: env.keys.source });
    } else if (!hasJwksUri) {
      if (hasJwks && !env.keys.inlineJwksAccepted) findings.add('keys.inline_jwks_not_accepted', 'jwks', { source: env.keys.source });
      else if (!hasJwks) findings.add('keys.jwks_uri_required', 'jwks_uri', { source: env.keys.source });
    }
  } else if (method === 'client_secret_basic' || method === 'client_secret_post' || method === 'client_secret_jwt') {
    if (hasJwksUri) findings.add('keys.not_needed', 'jwks_uri');
    if (hasJwks) findings.add('keys.not_needed', 'jwks');
  }
}

function checkSigningAlgs(metadata: Json, profile: Profile, env: ProfileEnvironment, method: AuthMethod | undefined, findings: Findings): void {
  const path = 'token_endpoint_auth_signing_alg';
  const alg = ownString(metadata, path);
  const present = own(metadata, path) !== undefined;
  if (alg !== undefined && !JWS_ALGS.has(alg)) findings.add('signing_alg.unknown', path, { detail: `Value: ${quote(alg)}.` });
  if (alg === 'none') findings.add('signing_alg.none', path);
  const isHmac = alg !== undefined && /^HS\d+$/.test(alg);
  const isAsymmetric = alg !== undefined && JWS_ALGS.has(alg) && alg !== 'none' && !isHmac;

  if (method === 'private_key_jwt') {
    if (!present) findings.add('signing_alg.missing', path, { detail: `The profile default is ${env.keys.defaultAlg}.` });
    if (isHmac) findings.add('signing_alg.hmac_with_private_key_jwt', path, { detail: `Value: ${quote(alg)}.` });
    if (isAsymmetric && !(env.keys.allowedAlgs as readonly string[]).includes(alg)) {
      findings.add('signing_alg.not_allowed', path, {
        detail: `${quote(alg)} is not in ${env.keys.allowedAlgs.join(', ')}.${env.keys.algNote ? ` ${env.keys.algNote}` : ''}`,
        source: env.keys.source,
      });
    }
    if (!env.keys.algsPublished) {
      findings.add('signing_alg.unverified', path, { ...(env.keys.algNote ? { detail: env.keys.algNote } : {}), source: env.keys.source });
    }
  } else if (method === 'client_secret_jwt') {
    if (!present) findings.add('signing_alg.missing', path, { detail: 'client_secret_jwt normally uses HS256.' });
    if (isAsymmetric) findings.add('signing_alg.asymmetric_with_client_secret_jwt', path, { detail: `Value: ${quote(alg)}.` });
  }

  for (const member of ['id_token_signed_response_alg', 'userinfo_signed_response_alg']) {
    const value = ownString(metadata, member);
    if (value === undefined) continue;
    if (!JWS_ALGS.has(value)) findings.add('signing_alg.unknown', member, { detail: `Value: ${quote(value)}.` });
    else if (value === 'none') findings.add('response_alg.none', member);
  }
  if (own(metadata, 'userinfo_signed_response_alg') !== undefined && !profile.signedUserinfo.supported) {
    findings.add('userinfo.signed_unsupported', 'userinfo_signed_response_alg', { source: profile.signedUserinfo.source });
  }
}

/** The declared client-assertion algorithm against the key that signs (the active one). */
function checkActiveKey(metadata: Json, method: AuthMethod | undefined, context: ValidationContext, findings: Findings): void {
  if (method !== 'private_key_jwt') return;
  const alg = ownString(metadata, 'token_endpoint_auth_signing_alg');
  if (alg === undefined || !JWS_ALGS.has(alg) || alg === 'none' || alg.startsWith('HS')) return;
  const active = (context.keys ?? []).filter((key) => key.state === 'active');
  for (const key of active) {
    const reason = cannotSign(key, alg);
    if (reason !== undefined) {
      findings.add('signing_alg.key_mismatch', 'token_endpoint_auth_signing_alg', { detail: `Declared ${alg}; the active key ${quote(key.kid)} is ${describeKey(key)}. ${reason}` });
    }
  }
}

/**
 * Structural checks common to every URI member. Returns true when the URI parsed and its
 * scheme is not dangerous, i.e. when member-specific rules make sense.
 */
function checkUriBasics(path: string, analysis: UriAnalysis, findings: Findings, reason?: string): boolean {
  if (!analysis.parsed) {
    findings.add('uri.invalid', path, { detail: reason ?? `Value: ${quote(analysis.raw)}.` });
    return false;
  }
  if (analysis.hasWhitespaceOrControl) findings.add('uri.whitespace', path, { detail: `Value: ${quote(analysis.raw)}.` });
  if (analysis.tooLong) findings.add('uri.too_long', path, { detail: `It has ${analysis.raw.length} characters.` });
  if (analysis.hasUserinfo) findings.add('uri.userinfo', path);
  if (analysis.isIdn) {
    findings.add('uri.idn', path, {
      detail: `Registered form: ${analysis.host}${analysis.unicodeHost ? ` (displayed as ${analysis.unicodeHost})` : ''}.`,
    });
  }
  if (DANGEROUS_SCHEMES.includes(analysis.scheme ?? '')) {
    findings.add('uri.dangerous_scheme', path, { detail: `Scheme: "${analysis.scheme}".` });
    return false;
  }
  return true;
}

function checkRedirectUris(metadata: Json, profile: Profile, applicationType: 'web' | 'native', findings: Findings): void {
  const policy = profile.redirectUris;
  const value = own(metadata, 'redirect_uris');
  const list = Array.isArray(value) ? value : undefined;
  if (!policy.required) {
    if (list && list.length > 0) findings.add('redirect_uris.not_needed', 'redirect_uris', { source: policy.source });
  } else if (value === undefined || (list && list.length === 0)) {
    findings.add('redirect_uris.missing', 'redirect_uris');
  }
  if (!list) return;
  if (policy.maxCount !== undefined && list.length > policy.maxCount) {
    findings.add('redirect_uris.too_many', 'redirect_uris', { detail: `${list.length} given; at most ${policy.maxCount}.`, source: policy.source });
  }

  const seen = new Map<string, number>();
  list.forEach((uri, index) => {
    if (typeof uri !== 'string') return;
    const path = formatPath(['redirect_uris', index]);
    const classified = classifyRedirectUri(uri, { applicationType });
    const analysis = classified.analysis;

    const key = normalisedKey(analysis);
    const first = seen.get(key);
    if (first !== undefined) findings.add('redirect_uri.duplicate', path, { detail: `Same as redirect_uris[${first}].` });
    else seen.set(key, index);

    if (!checkUriBasics(path, analysis, findings, classified.reasons[0])) return;
    if (classified.kind === 'invalid' && !analysis.hasWhitespaceOrControl) {
      findings.add('uri.invalid', path, { ...(classified.reasons[0] ? { detail: classified.reasons[0] } : {}) });
    }
    if (analysis.hasFragment) findings.add('redirect_uri.fragment', path);
    if (analysis.hasWildcard) findings.add('redirect_uri.wildcard', path);
    if (analysis.hasQuery && !policy.allowQuery) findings.add('redirect_uri.query_not_allowed', path, { source: policy.source });

    switch (classified.kind) {
      case 'https':
      case 'invalid':
      case 'dangerous':
        break;
      case 'claimed-https':
        findings.add('redirect_uri.native_https', path);
        break;
      case 'loopback-ip':
      case 'localhost':
        if (policy.httpsOnly) {
          findings.add('redirect_uri.https_only', path, { source: policy.source });
          break;
        }
        if (classified.kind === 'localhost') findings.add('redirect_uri.localhost', path);
        if (applicationType === 'web') findings.add('redirect_uri.loopback_for_web', path);
        break;
      case 'http-non-loopback':
        findings.add('redirect_uri.http_non_loopback', path, { detail: `Host: ${quote(analysis.host)}.` });
        break;
      case 'private-use-reverse-dns':
      case 'private-use-other':
        if (policy.httpsOnly) {
          findings.add('redirect_uri.https_only', path, { source: policy.source });
          break;
        }
        if (policy.customSchemes === 'refuse') {
          findings.add('redirect_uri.custom_scheme_refused', path, { source: policy.source });
          break;
        }
        if (policy.customSchemes === 'warn') findings.add('redirect_uri.custom_scheme', path, { source: policy.source });
        if (classified.kind === 'private-use-other') {
          findings.add('redirect_uri.private_use_not_reverse_dns', path, { detail: `Scheme: "${classified.scheme}".` });
        }
        if (applicationType === 'web') findings.add('redirect_uri.custom_scheme_for_web', path);
        break;
    }
  });
}

/** Equivalent URIs (case of scheme/host, default port) compare equal; unparsed ones by text. */
function normalisedKey(analysis: UriAnalysis): string {
  if (!analysis.parsed || analysis.hasWhitespaceOrControl) return `raw:${analysis.raw}`;
  try {
    return `url:${new URL(analysis.raw).href}`;
  } catch {
    return `raw:${analysis.raw}`;
  }
}

function checkContacts(metadata: Json, findings: Findings): void {
  const value = own(metadata, 'contacts');
  const list = Array.isArray(value) ? value : undefined;
  if (value === undefined || (list && !list.some((entry) => typeof entry === 'string' && entry.trim() !== ''))) {
    findings.add('contacts.missing', 'contacts');
  }
  list?.forEach((entry, index) => {
    if (typeof entry !== 'string') return;
    if (entry.length > 254 || !EMAIL.test(entry)) findings.add('contacts.invalid_email', formatPath(['contacts', index]), { detail: `Value: ${quote(entry)}.` });
  });
}

function checkOtherUris(metadata: Json, profile: Profile, findings: Findings): void {
  for (const name of Object.keys(metadata)) {
    const base = name.includes('#') ? name.slice(0, name.indexOf('#')) : name;
    if (!DISPLAY_URI_MEMBERS.includes(base) || memberSchema(name) === undefined) continue;
    const value = metadata[name];
    if (typeof value !== 'string') continue;
    const path = formatPath([name]);
    const analysis = analyseUri(value);
    if (checkUriBasics(path, analysis, findings) && analysis.scheme !== 'https') {
      findings.add('display_uri.not_https', path, { detail: `Scheme: "${analysis.scheme}".` });
    }
  }

  for (const name of OTHER_URI_MEMBERS) {
    const value = ownString(metadata, name);
    if (value !== undefined) checkUriBasics(name, analyseUri(value), findings);
  }

  const logoutUri = own(metadata, 'backchannel_logout_uri');
  const sessionRequired = own(metadata, 'backchannel_logout_session_required');
  if (typeof logoutUri === 'string') {
    const analysis = analyseUri(logoutUri);
    if (checkUriBasics('backchannel_logout_uri', analysis, findings)) {
      if (analysis.scheme !== 'https') findings.add('backchannel_logout_uri.not_https', 'backchannel_logout_uri', { detail: `Scheme: "${analysis.scheme}".` });
      if (analysis.hasFragment) findings.add('backchannel_logout_uri.fragment', 'backchannel_logout_uri');
    }
  }
  if (!profile.backchannelLogout.supported) {
    if (logoutUri !== undefined) findings.add('backchannel_logout.unsupported', 'backchannel_logout_uri', { source: profile.backchannelLogout.source });
    else if (sessionRequired !== undefined) findings.add('backchannel_logout.unsupported', 'backchannel_logout_session_required', { source: profile.backchannelLogout.source });
  }
  if (sessionRequired === true && logoutUri === undefined) {
    findings.add('backchannel_logout.session_without_uri', 'backchannel_logout_session_required');
  }
}
