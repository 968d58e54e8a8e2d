/**
 * `validateJwks`: the pure checks of a JWK Set (RFC 7517/7518) — structure, encoding,
 * published private material, kid, use/key_ops/alg, x5c, key strength and the fit with
 * the registration's algorithm. Accepts any value (it comes from an untrusted server)
 * and never throws: a check that crashes becomes a failed check saying so.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { has, isPlainObject, makeCheck, own, PRIVATE_MEMBERS, redactJwk, shorten, skipCheck } from './check';
import {
  base64urlProblem,
  bitLength,
  CURVE_BYTES,
  decodeBase64url,
  ES_CURVES,
  JWE_ALGS,
  JWS_ALGS,
  nodePublicKey,
  REQUIRED_MEMBERS,
  toBigInt,
} from './jwk-facts';
import type { Check, CheckStatus } from '../../contract/schemas/jwks-check';
import { MIN_RSA_BITS } from '../crypto/jwa';

/** Options of {@link validateJwks}. */
export interface ValidateJwksOptions {
  /** The registration's signing algorithm (e.g. `RS512`); enables `strength.alg-suitable`. */
  profileAlg?: string;
}

/** A key of the set with its position, for messages and evidence. */
interface KeyEntry {
  index: number;
  jwk: Record<string, unknown>;
  label: string;
}

/** One problem found on one key. */
interface Problem {
  status: Exclude<CheckStatus, 'pass' | 'skip'>;
  key: string;
  problem: string;
  [extra: string]: unknown;
}

/** Most entries listed in one check's evidence: reports stay small whatever the set holds. */
const EVIDENCE_CAP = 50;
const KEY_OPS = new Set(['sign', 'verify', 'encrypt', 'decrypt', 'wrapKey', 'unwrapKey', 'deriveKey', 'deriveBits']);
const SIG_OPS = new Set(['sign', 'verify']);
const STANDARD_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function label(index: number, jwk: Record<string, unknown>): string {
  const kid = own(jwk, 'kid');
  return typeof kid === 'string' ? `key #${index} (kid "${shorten(kid, 60)}")` : `key #${index}`;
}

/** The object entries of `value.keys`, or `undefined` when there is no usable `keys` array. */
export function keysOf(value: unknown): KeyEntry[] | undefined {
  if (!isPlainObject(value)) return undefined;
  const keys = own(value, 'keys');
  if (!Array.isArray(keys) || keys.length === 0) return undefined;
  const entries: KeyEntry[] = [];
  keys.forEach((jwk: unknown, index) => {
    if (isPlainObject(jwk)) entries.push({ index, jwk, label: label(index, jwk) });
  });
  return entries.length > 0 ? entries : undefined;
}

/** Turns problems into one check: the worst status wins; none means pass. */
function fromProblems(id: string, problems: Problem[], passMessage: string, evidence: Record<string, unknown> = {}): Check {
  if (problems.length === 0) return makeCheck(id, 'pass', passMessage, Object.keys(evidence).length > 0 ? { evidence } : {});
  const status = problems.some((p) => p.status === 'fail') ? 'fail' : 'warn';
  const shown = problems.slice(0, 5).map((p) => `${p.key}: ${p.problem}`);
  const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
  return makeCheck(id, status, `${shown.join('; ')}${more}.`, { evidence: { ...evidence, problems: problems.slice(0, EVIDENCE_CAP) } });
}

/** Runs `build`; a crash becomes a failed check instead of an exception. */
function guard(id: string, build: () => Check): Check {
  try {
    return build();
  } catch (err) {
    const reason = err instanceof Error ? err.message : 'unknown error';
    return makeCheck(id, 'fail', `The check could not complete on this input (${shorten(reason, 200)}).`);
  }
}

function jwkSetCheck(value: unknown): Check {
  const id = 'body.jwk-set';
  if (!isPlainObject(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return makeCheck(id, 'fail', `The body is ${kind}, not a JSON object with a "keys" array.`, { evidence: { type: kind } });
  }
  if (!has(value, 'keys')) {
    return makeCheck(id, 'fail', 'The JSON object has no "keys" member (a bare JWK instead of a JWK Set?).', {
      evidence: { members: Object.keys(value).slice(0, 20) },
    });
  }
  const keys = own(value, 'keys');
  if (!Array.isArray(keys)) return makeCheck(id, 'fail', `"keys" is ${keys === null ? 'null' : typeof keys}, not an array.`);
  if (keys.length === 0) return makeCheck(id, 'fail', '"keys" is empty: there is no key to verify with.');
  const notObjects = keys.flatMap((k: unknown, i) => (isPlainObject(k) ? [] : [i]));
  if (notObjects.length > 0) {
    return makeCheck(id, 'fail', `${notObjects.length} of ${keys.length} entries of "keys" are not JSON objects (index ${notObjects.slice(0, 10).join(', ')}).`, {
      evidence: { keyCount: keys.length, notObjects: notObjects.slice(0, 50) },
    });
  }
  return makeCheck(id, 'pass', `A JWK Set with ${keys.length} key${keys.length === 1 ? '' : 's'}.`, { evidence: { keyCount: keys.length } });
}

function keyMembersCheck(keys: KeyEntry[]): Check {
  const problems: Problem[] = [];
  for (const { jwk, label: key } of keys) {
    const kty = own(jwk, 'kty');
    if (typeof kty !== 'string') {
      problems.push({ status: 'fail', key, problem: kty === undefined ? 'no "kty"' : '"kty" is not a string', jwk: redactJwk(jwk) });
      continue;
    }
    if (kty === 'oct') continue; // judged by keys.private-material
    const required = REQUIRED_MEMBERS[kty];
    if (!required) {
      problems.push({ status: 'warn', key, problem: `unknown key type "${shorten(kty, 40)}" (verifiers skip it)` });
      continue;
    }
    const missing = required.filter((m) => !has(jwk, m));
    if (missing.length > 0) problems.push({ status: 'fail', key, problem: `${kty} key without ${missing.map((m) => `"${m}"`).join(', ')}`, jwk: redactJwk(jwk) });
  }
  return fromProblems('body.key-members', problems, 'Every key has "kty" and the members its type requires.');
}

function publicMembersOf(jwk: Record<string, unknown>): string[] {
  const kty = own(jwk, 'kty');
  const base = kty === 'RSA' ? ['n', 'e'] : kty === 'EC' ? ['x', 'y'] : kty === 'OKP' ? ['x'] : [];
  return [...base, 'x5t', 'x5t#S256'].filter((m) => has(jwk, m));
}

function base64urlCheck(keys: KeyEntry[]): Check {
  const problems: Problem[] = [];
  for (const { jwk, label: key } of keys) {
    for (const member of publicMembersOf(jwk)) {
      const value = own(jwk, member);
      const problem = base64urlProblem(value);
      if (problem !== undefined) {
        problems.push({ status: 'fail', key, problem: `"${member}" ${problem}`, member, value: typeof value === 'string' ? shorten(value, 60) : typeof value });
      }
    }
  }
  return fromProblems('body.base64url', problems, 'Every key value is unpadded base64url.');
}

function rsaKeys(keys: KeyEntry[]): KeyEntry[] {
  return keys.filter((k) => own(k.jwk, 'kty') === 'RSA');
}

function minimalIntegersCheck(keys: KeyEntry[]): Check {
  const rsa = rsaKeys(keys);
  if (rsa.length === 0) return skipCheck('body.minimal-integers', 'No RSA key in the set.');
  const problems: Problem[] = [];
  for (const { jwk, label: key } of rsa) {
    for (const member of ['n', 'e']) {
      const bytes = decodeBase64url(own(jwk, member));
      if (bytes && bytes.length > 1 && bytes[0] === 0) {
        problems.push({ status: 'fail', key, problem: `"${member}" starts with a zero octet (${bytes.length} octets instead of ${bytes.length - 1})`, member });
      }
    }
  }
  return fromProblems('body.minimal-integers', problems, 'RSA "n" and "e" have no leading zero octet.');
}

function rsaExponentCheck(keys: KeyEntry[]): Check {
  const rsa = rsaKeys(keys);
  if (rsa.length === 0) return skipCheck('body.rsa-exponent', 'No RSA key in the set.');
  const problems: Problem[] = [];
  const exponents: Record<string, string> = {};
  for (const { jwk, label: key } of rsa) {
    const bytes = decodeBase64url(own(jwk, 'e'));
    if (!bytes) continue; // reported by body.base64url / body.key-members
    if (bytes.length > 64) {
      problems.push({ status: 'fail', key, problem: `"e" is implausibly long (${bytes.length} octets)` });
      continue;
    }
    const e = toBigInt(bytes);
    if (Object.keys(exponents).length < EVIDENCE_CAP) exponents[key] = e.toString();
    if (e <= 1n) problems.push({ status: 'fail', key, problem: `"e" is ${e.toString()}, it must be greater than 1` });
    else if (e % 2n === 0n) problems.push({ status: 'fail', key, problem: `"e" is ${e.toString()}, an even number` });
  }
  return fromProblems('body.rsa-exponent', problems, 'Every RSA exponent is odd and greater than 1.', { exponents });
}

function ecPointCheck(keys: KeyEntry[]): Check {
  const curveKeys = keys.filter((k) => own(k.jwk, 'kty') === 'EC' || own(k.jwk, 'kty') === 'OKP');
  if (curveKeys.length === 0) return skipCheck('body.ec-point', 'No EC or OKP key in the set.');
  const problems: Problem[] = [];
  for (const { jwk, label: key } of curveKeys) {
    const kty = own(jwk, 'kty') as string;
    const crv = own(jwk, 'crv');
    const coords = kty === 'EC' ? ['x', 'y'] : ['x'];
    const decoded = coords.map((m) => decodeBase64url(own(jwk, m)));
    if (typeof crv !== 'string' || decoded.some((d) => d === undefined)) continue; // reported elsewhere
    const size = CURVE_BYTES[crv];
    if (size === undefined) {
      problems.push({ status: 'warn', key, problem: `unknown curve "${shorten(crv, 40)}"` });
      continue;
    }
    const wrong = coords.filter((_, i) => decoded[i]?.length !== size);
    if (wrong.length > 0) {
      problems.push({ status: 'fail', key, problem: `${wrong.map((m) => `"${m}"`).join(' and ')} not ${size} octets as ${crv} requires` });
      continue;
    }
    const node = nodePublicKey(jwk);
    if ('error' in node) problems.push({ status: 'fail', key, problem: `not a valid point on ${crv} (${shorten(node.error, 100)})` });
  }
  return fromProblems('body.ec-point', problems, 'Every EC/OKP key is a valid point on its curve.');
}

function privateMaterialCheck(keys: KeyEntry[]): Check {
  const offending = keys.flatMap(({ jwk, label: key }) => {
    const members = PRIVATE_MEMBERS.filter((m) => has(jwk, m));
    const symmetric = own(jwk, 'kty') === 'oct';
    return members.length > 0 || symmetric ? [{ key, members, symmetric, jwk: redactJwk(jwk) }] : [];
  });
  if (offending.length === 0) return makeCheck('keys.private-material', 'pass', 'No private or symmetric key material is published.');
  const parts = offending.map((o) => `${o.key}: ${o.symmetric ? 'a symmetric (oct) key' : ''}${o.symmetric && o.members.length > 0 ? ' with ' : ''}${o.members.length > 0 ? `private members ${o.members.join(', ')}` : ''}`);
  return makeCheck('keys.private-material', 'fail', `CRITICAL: the set publishes secret key material — ${parts.slice(0, 5).join('; ')}. The key is compromised.`, {
    evidence: { severity: 'critical', keys: offending.slice(0, 20) },
  });
}

function kidPresentCheck(keys: KeyEntry[]): Check {
  const missing = keys.filter(({ jwk }) => {
    const kid = own(jwk, 'kid');
    return typeof kid !== 'string' || kid === '';
  });
  if (missing.length === 0) return makeCheck('keys.kid-present', 'pass', 'Every key has a kid.');
  const status = keys.length > 1 ? 'fail' : 'warn';
  const why = keys.length > 1 ? 'with several keys, the provider cannot tell which one verifies your JWT' : 'the provider may require a kid to select the key';
  const named = `${missing.slice(0, 5).map((k) => k.label).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`;
  return makeCheck('keys.kid-present', status, `${named} ha${missing.length === 1 ? 's' : 've'} no usable kid: ${why}.`, {
    evidence: { keysWithoutKid: missing.slice(0, EVIDENCE_CAP).map((k) => k.index), keyCount: keys.length },
  });
}

function kidUniqueCheck(keys: KeyEntry[]): Check {
  const byKid = new Map<string, KeyEntry[]>();
  for (const entry of keys) {
    const kid = own(entry.jwk, 'kid');
    if (typeof kid !== 'string' || kid === '') continue;
    byKid.set(kid, [...(byKid.get(kid) ?? []), entry]);
  }
  const problems: Problem[] = [];
  for (const [kid, entries] of byKid) {
    if (entries.length < 2) continue;
    const ktys = new Set(entries.map((e) => String(own(e.jwk, 'kty'))));
    // RFC 7517 §4.5 tolerates a shared kid only across different key types.
    const status = ktys.size === entries.length ? 'warn' : 'fail';
    problems.push({ status, key: `kid "${shorten(kid, 60)}"`, problem: `used by ${entries.length} keys (#${entries.map((e) => e.index).join(', #')})` });
  }
  return fromProblems('keys.kid-unique', problems, 'Every kid is unique.');
}

function useKeyOpsProblems(entry: KeyEntry): Problem[] {
  const { jwk, label: key } = entry;
  const problems: Problem[] = [];
  const use = own(jwk, 'use');
  if (has(jwk, 'use')) {
    if (typeof use !== 'string') problems.push({ status: 'fail', key, problem: '"use" is not a string' });
    else if (use !== 'sig' && use !== 'enc') problems.push({ status: 'warn', key, problem: `unknown "use" value "${shorten(use, 40)}"` });
  }
  const ops = own(jwk, 'key_ops');
  if (has(jwk, 'key_ops')) {
    if (!Array.isArray(ops) || ops.some((o) => typeof o !== 'string')) {
      problems.push({ status: 'fail', key, problem: '"key_ops" is not an array of strings' });
    } else {
      const list = ops as string[];
      const unknown = list.filter((o) => !KEY_OPS.has(o));
      if (unknown.length > 0) problems.push({ status: 'warn', key, problem: `unknown key_ops ${unknown.map((o) => `"${shorten(o, 30)}"`).join(', ')}` });
      if (new Set(list).size !== list.length) problems.push({ status: 'fail', key, problem: '"key_ops" repeats a value' });
      if (use === 'sig' || use === 'enc') {
        const agree = use === 'sig' ? list.every((o) => SIG_OPS.has(o)) : list.every((o) => !SIG_OPS.has(o));
        problems.push(
          agree
            ? { status: 'warn', key, problem: '"use" and "key_ops" should not both be present' }
            : { status: 'fail', key, problem: `"use": "${use}" contradicts key_ops [${list.join(', ')}]` },
        );
      }
    }
  }
  const alg = own(jwk, 'alg');
  if (has(jwk, 'alg')) {
    const kty = own(jwk, 'kty');
    if (typeof alg !== 'string') problems.push({ status: 'fail', key, problem: '"alg" is not a string' });
    else if (alg === 'none') problems.push({ status: 'fail', key, problem: '"alg" is "none"' });
    else if (JWS_ALGS[alg] !== undefined) {
      if (JWS_ALGS[alg] !== kty) problems.push({ status: 'fail', key, problem: `"alg" ${alg} needs a ${JWS_ALGS[alg]} key, not ${String(kty)}` });
      else if (ES_CURVES[alg] !== undefined && own(jwk, 'crv') !== ES_CURVES[alg]) {
        problems.push({ status: 'fail', key, problem: `"alg" ${alg} needs curve ${ES_CURVES[alg]}, not ${String(own(jwk, 'crv'))}` });
      }
      if (use === 'enc') problems.push({ status: 'fail', key, problem: `signature "alg" ${alg} on a key with "use": "enc"` });
    } else if (JWE_ALGS[alg] !== undefined) {
      if (JWE_ALGS[alg] !== kty) problems.push({ status: 'fail', key, problem: `"alg" ${alg} needs a ${JWE_ALGS[alg]} key, not ${String(kty)}` });
      if (use === 'sig') problems.push({ status: 'fail', key, problem: `encryption "alg" ${alg} on a key with "use": "sig"` });
    } else {
      problems.push({ status: 'warn', key, problem: `unknown "alg" "${shorten(alg, 40)}"` });
    }
  }
  return problems;
}

/** Why a key cannot verify JWS signatures, or `undefined` when it can. */
export function cannotVerifyReason(jwk: Record<string, unknown>): string | undefined {
  const kty = own(jwk, 'kty');
  if (kty === 'oct') return 'a symmetric key';
  if (kty !== 'RSA' && kty !== 'EC' && kty !== 'OKP') return 'an unusable key type';
  if (PRIVATE_MEMBERS.some((m) => has(jwk, m))) return 'it carries private members (verifiers refuse it)';
  const use = own(jwk, 'use');
  if (has(jwk, 'use') && use !== 'sig') return `"use" is ${JSON.stringify(use)}`;
  const ops = own(jwk, 'key_ops');
  if (has(jwk, 'key_ops') && !(Array.isArray(ops) && ops.includes('verify'))) return '"key_ops" does not include "verify"';
  const alg = own(jwk, 'alg');
  if (has(jwk, 'alg') && (typeof alg !== 'string' || JWS_ALGS[alg] === undefined || JWS_ALGS[alg] === 'oct')) return `"alg" ${JSON.stringify(alg)} is not a public-key signature algorithm`;
  return undefined;
}

function canVerifyCheck(keys: KeyEntry[]): Check {
  const unable = keys.flatMap((k) => {
    const reason = cannotVerifyReason(k.jwk);
    return reason === undefined ? [] : [{ status: 'warn' as const, key: k.label, problem: `cannot verify signatures: ${reason}` }];
  });
  if (unable.length === keys.length) {
    return makeCheck('keys.can-verify', 'fail', `No key in the set can verify a signature (${unable.slice(0, 5).map((u) => `${u.key}: ${u.problem.replace('cannot verify signatures: ', '')}`).join('; ')}).`, {
      evidence: { problems: unable.slice(0, 50) },
    });
  }
  return fromProblems('keys.can-verify', unable, `${keys.length} key${keys.length === 1 ? '' : 's'} can verify signatures.`);
}

function certPublicJwk(b64: string): Record<string, unknown> | string {
  try {
    const cert = new X509Certificate(Buffer.from(b64, 'base64'));
    return cert.publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
  } catch (err) {
    return `the first certificate cannot be parsed (${shorten(err instanceof Error ? err.message : String(err), 80)})`;
  }
}

function x5cCheck(keys: KeyEntry[]): Check {
  const withX5c = keys.filter((k) => has(k.jwk, 'x5c'));
  if (withX5c.length === 0) return skipCheck('keys.x5c', 'No key carries x5c.');
  const problems: Problem[] = [];
  for (const { jwk, label: key } of withX5c) {
    const x5c = own(jwk, 'x5c');
    if (!Array.isArray(x5c) || x5c.length === 0 || x5c.some((c) => typeof c !== 'string' || !STANDARD_BASE64.test(c))) {
      problems.push({ status: 'fail', key, problem: '"x5c" is not a non-empty array of standard-base64 certificates' });
      continue;
    }
    const first = x5c[0] as string;
    const certJwk = certPublicJwk(first);
    if (typeof certJwk === 'string') {
      problems.push({ status: 'fail', key, problem: certJwk });
      continue;
    }
    const members = REQUIRED_MEMBERS[String(own(jwk, 'kty'))] ?? [];
    const differs = members.length === 0 || members.some((m) => certJwk[m] !== own(jwk, m));
    if (differs) problems.push({ status: 'fail', key, problem: 'the first x5c certificate carries a different public key' });
    const der = Buffer.from(first, 'base64');
    const s256 = own(jwk, 'x5t#S256');
    if (typeof s256 === 'string' && s256 !== createHash('sha256').update(der).digest('base64url')) {
      problems.push({ status: 'fail', key, problem: '"x5t#S256" is not the SHA-256 of the first x5c certificate' });
    }
    const s1 = own(jwk, 'x5t');
    if (typeof s1 === 'string' && s1 !== createHash('sha1').update(der).digest('base64url')) {
      problems.push({ status: 'fail', key, problem: '"x5t" is not the SHA-1 of the first x5c certificate' });
    }
  }
  return fromProblems('keys.x5c', problems, `x5c matches the key on ${withX5c.length} key${withX5c.length === 1 ? '' : 's'}.`);
}

/** RSA modulus bits of a key, when its `n` decodes. */
export function rsaBits(jwk: Record<string, unknown>): number | undefined {
  const n = decodeBase64url(own(jwk, 'n'));
  return n ? bitLength(n) : undefined;
}

function rsaSizeCheck(keys: KeyEntry[]): Check {
  const rsa = rsaKeys(keys);
  if (rsa.length === 0) return skipCheck('strength.rsa-size', 'No RSA key in the set.');
  const sizes: Record<string, number> = {};
  const problems: Problem[] = [];
  for (const { jwk, label: key } of rsa) {
    const bits = rsaBits(jwk);
    if (bits === undefined) continue;
    if (Object.keys(sizes).length < EVIDENCE_CAP) sizes[key] = bits;
    if (bits < MIN_RSA_BITS) problems.push({ status: 'fail', key, problem: `${bits}-bit RSA key, below the ${MIN_RSA_BITS}-bit minimum`, bits });
  }
  return fromProblems('strength.rsa-size', problems, `Every RSA key has ${MIN_RSA_BITS} bits or more.`, { bits: sizes });
}

function algSuitableCheck(keys: KeyEntry[], alg: string | undefined): Check {
  const id = 'strength.alg-suitable';
  if (alg === undefined) return skipCheck(id, 'No registration algorithm was given.');
  const kty = JWS_ALGS[alg];
  if (kty === undefined || kty === 'oct') return makeCheck(id, 'fail', `"${shorten(alg, 40)}" is not a public-key signature algorithm.`, { evidence: { alg } });
  const reasons: string[] = [];
  const suitable = keys.filter(({ jwk, label: key }) => {
    const why = cannotVerifyReason(jwk);
    const keyAlg = own(jwk, 'alg');
    let reason: string | undefined;
    if (why !== undefined) reason = `cannot verify (${why})`;
    else if (own(jwk, 'kty') !== kty) reason = `is ${String(own(jwk, 'kty'))}, ${alg} needs ${kty}`;
    else if (ES_CURVES[alg] !== undefined && own(jwk, 'crv') !== ES_CURVES[alg]) reason = `is on ${String(own(jwk, 'crv'))}, ${alg} needs ${ES_CURVES[alg]}`;
    else if (kty === 'RSA' && (rsaBits(jwk) ?? 0) < MIN_RSA_BITS) reason = `is shorter than ${MIN_RSA_BITS} bits`;
    else if (has(jwk, 'alg') && keyAlg !== alg) reason = `is restricted to "alg" ${JSON.stringify(keyAlg)}`;
    if (reason !== undefined) reasons.push(`${key} ${reason}`);
    return reason === undefined;
  });
  if (suitable.length === 0) {
    return makeCheck(id, 'fail', `No key suits ${alg}: ${reasons.slice(0, 5).join('; ')}.`, { evidence: { alg, reasons: reasons.slice(0, 50) } });
  }
  const named = `${suitable.slice(0, 5).map((k) => k.label).join(', ')}${suitable.length > 5 ? ` and ${suitable.length - 5} more` : ''}`;
  return makeCheck(id, 'pass', `${named} suit${suitable.length === 1 ? 's' : ''} ${alg}.`, { evidence: { alg } });
}

/** Ids of the checks {@link validateJwks} returns, in order. */
export const VALIDATE_JWKS_IDS = [
  'body.jwk-set',
  'body.key-members',
  'body.base64url',
  'body.minimal-integers',
  'body.rsa-exponent',
  'body.ec-point',
  'keys.private-material',
  'keys.kid-present',
  'keys.kid-unique',
  'keys.use-key-ops',
  'keys.can-verify',
  'keys.x5c',
  'strength.rsa-size',
  'strength.alg-suitable',
] as const;

/**
 * Validates a parsed JWK Set. Pure: accepts any value, never throws, never mutates the
 * input. Returns one check per id of {@link VALIDATE_JWKS_IDS}, in that order; when
 * there is no usable `keys` array the key checks are `skip`.
 */
export function validateJwks(value: unknown, options: ValidateJwksOptions = {}): Check[] {
  const setCheck = guard('body.jwk-set', () => jwkSetCheck(value));
  let keys: KeyEntry[] | undefined;
  try {
    keys = keysOf(value);
  } catch {
    keys = undefined;
  }
  if (!keys) {
    return [setCheck, ...VALIDATE_JWKS_IDS.slice(1).map((id) => skipCheck(id, 'Not checked: there is no JWK Set with keys to check.'))];
  }
  const k = keys;
  const builders: Record<(typeof VALIDATE_JWKS_IDS)[number], () => Check> = {
    'body.jwk-set': () => setCheck,
    'body.key-members': () => keyMembersCheck(k),
    'body.base64url': () => base64urlCheck(k),
    'body.minimal-integers': () => minimalIntegersCheck(k),
    'body.rsa-exponent': () => rsaExponentCheck(k),
    'body.ec-point': () => ecPointCheck(k),
    'keys.private-material': () => privateMaterialCheck(k),
    'keys.kid-present': () => kidPresentCheck(k),
    'keys.kid-unique': () => kidUniqueCheck(k),
    'keys.use-key-ops': () => fromProblems('keys.use-key-ops', k.flatMap(useKeyOpsProblems), 'use, key_ops and alg are consistent on every key.'),
    'keys.can-verify': () => canVerifyCheck(k),
    'keys.x5c': () => x5cCheck(k),
    'strength.rsa-size': () => rsaSizeCheck(k),
    'strength.alg-suitable': () => algSuitableCheck(k, options.profileAlg),
  };
  return VALIDATE_JWKS_IDS.map((id) => guard(id, builders[id]));
}
