/**
 * Inspecting a client assertion someone pasted or imported (from their backend, a log, a support
 * thread): decode its header and claims WITHOUT trusting them, and explain what an NHS token
 * endpoint would make of them. The signature is not checked here (that needs the registered
 * key); what is judged is the shape NHS documents: header alg, kid, typ only (`jku` "Not
 * supported" in the NHS login EIS; a key or key URL in the header is ignored by NHS and must
 * never be trusted by any verifier), iss = sub, one aud, a unique jti, a short lifetime.
 */
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { AppError } from '../../contract/errors';
import { ASSERTION_HEADER_MEMBERS, MAX_ASSERTION_LIFETIME_SECONDS } from './assertion';

/** One remark about an inspected assertion. */
export interface AssertionRemark {
  severity: 'error' | 'warning' | 'info';
  /** Stable code, e.g. `header.jku`. */
  code: string;
  message: string;
}

/** What {@link inspectAssertion} found. */
export interface AssertionInspection {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  remarks: AssertionRemark[];
  /** True when no remark is an error. */
  acceptable: boolean;
}


/** Header members that point a verifier at a key other than the registered one. */
const KEY_POINTERS: Readonly<Record<string, string>> = {
  jku: 'a URL of a JWK Set',
  x5u: 'a URL of an X.509 certificate',
  jwk: 'an embedded public key',
  x5c: 'an embedded certificate chain',
};

/**
 * Decodes and judges a compact JWS client assertion. Surrounding whitespace is ignored.
 *
 * @throws AppError `INPUT_UNREADABLE` when the text is not a compact JWS with a JSON header and claims.
 */
export function inspectAssertion(text: string, options: { now?: Date } = {}): AssertionInspection {
  const jwt = text.trim();
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    if (jwt.split('.').length !== 3) throw new Error('three dot-separated parts expected');
    header = decodeProtectedHeader(jwt) as Record<string, unknown>;
    claims = decodeJwt(jwt) as Record<string, unknown>;
  } catch (error) {
    throw new AppError('INPUT_UNREADABLE', `Not a signed JWT (compact JWS): ${error instanceof Error ? error.message : String(error)}.`, { details: { reason: 'not-a-jws' } });
  }
  const remarks: AssertionRemark[] = [];
  const add = (severity: AssertionRemark['severity'], code: string, message: string) => remarks.push({ severity, code, message });
  const own = (object: Record<string, unknown>, name: string) => (Object.hasOwn(object, name) ? object[name] : undefined);

  // ── Header ──
  const alg = own(header, 'alg');
  if (typeof alg !== 'string' || alg === 'none') add('error', 'header.alg', `The header alg is ${JSON.stringify(alg ?? null)}: an assertion must be signed (RS*, PS* or ES*; RS512 for the NHS England API platform).`);
  else if (/^HS/.test(alg)) add('warning', 'header.alg', `The header alg ${alg} is an HMAC (client_secret_jwt); private_key_jwt assertions are signed with the private key (RS*, PS*, ES*).`);
  if (typeof own(header, 'kid') !== 'string' || own(header, 'kid') === '') add('error', 'header.kid', 'The header has no kid: NHS token endpoints pick your key by kid (the API platform refuses an unknown or missing kid with 401).');
  if (own(header, 'typ') === undefined) add('warning', 'header.typ', 'The header has no typ: send "typ": "JWT" (the NHS England API platform checks it).');
  for (const [member, what] of Object.entries(KEY_POINTERS)) {
    if (!Object.hasOwn(header, member)) continue;
    add(
      'warning',
      `header.${member}`,
      `The header carries "${member}" (${what}). NHS ignores it ("jku: Not supported", NHS login EIS) and verifies with the key registered for your client (jwks_uri or PEM); a verifier that followed it would let anyone choose the key. Send alg, kid and typ only.`,
    );
  }
  const others = Object.keys(header).filter((name) => !(ASSERTION_HEADER_MEMBERS as readonly string[]).includes(name) && !(name in KEY_POINTERS));
  if (others.length > 0) add('info', 'header.extra', `The header also carries ${others.map((n) => JSON.stringify(n)).join(', ')}; NHS documents alg, kid and typ only.`);

  // ── Claims ──
  const iss = own(claims, 'iss');
  const sub = own(claims, 'sub');
  if (typeof iss !== 'string' || typeof sub !== 'string' || iss !== sub) add('error', 'claims.iss_sub', `iss and sub must both be your Client ID (the API key for the API platform); here iss is ${JSON.stringify(iss ?? null)} and sub ${JSON.stringify(sub ?? null)}.`);
  const aud = own(claims, 'aud');
  if (aud === undefined) add('error', 'claims.aud', 'There is no aud: it must be the token endpoint URL exactly as the provider publishes it.');
  else if (Array.isArray(aud)) add('warning', 'claims.aud', 'aud is an array; NHS token endpoints compare a single string with their token URL.');
  if (typeof own(claims, 'jti') !== 'string') add('error', 'claims.jti', 'There is no jti: each assertion needs a unique identifier (NHS refuses a reused or missing jti).');
  const exp = own(claims, 'exp');
  const iat = own(claims, 'iat');
  if (typeof exp !== 'number') add('error', 'claims.exp', 'There is no exp: assertions must expire (at most 5 minutes after they are made).');
  else {
    if (typeof iat === 'number' && exp - iat > MAX_ASSERTION_LIFETIME_SECONDS) {
      add('error', 'claims.lifetime', `It is valid for ${exp - iat} s: NHS token endpoints refuse assertions valid for more than ${MAX_ASSERTION_LIFETIME_SECONDS} s.`);
    }
    const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
    if (exp < now) add('info', 'claims.expired', `It expired at ${new Date(exp * 1000).toISOString()}; a token endpoint would refuse it now (fine for a pasted old example).`);
  }
  return { header, claims, remarks, acceptable: !remarks.some((r) => r.severity === 'error') };
}
