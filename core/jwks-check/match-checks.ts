/**
 * The checks that need the caller's expectation: the local public key(s) present
 * (RFC 7638 thumbprint and kid), no stale keys, and the sign → verify round trip
 * against the FETCHED set, verified with jose exactly as a provider would (local JWK
 * Set, explicit algorithm allow-list).
 */
import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet, type JWK } from 'jose';
import type { Clock } from '../ports';
import { has, makeCheck, own, shorten, skipCheck } from './check';
import type { Check } from '../../contract/schemas/jwks-check';
import { keysOf } from './validate-jwks';

/** What the caller expects to find at the URL. */
export interface JwksExpectation {
  /** The public JWK(s) that should be published (the local key first). */
  publicJwks: JWK[];
  /** The algorithm the local key signs with (e.g. `RS512`). */
  alg?: string;
  /** Signs the claims with the local private key; returns a compact JWS with `alg` and `kid` headers. */
  sign?: (claims: Record<string, unknown>) => Promise<string>;
}

/** Ids of {@link matchChecks}, in order. */
export const MATCH_CHECK_IDS = ['match.local-key', 'match.stale-keys', 'match.round-trip'] as const;

async function thumbprintOf(jwk: unknown): Promise<string | undefined> {
  try {
    return await calculateJwkThumbprint(jwk as JWK, 'sha256');
  } catch {
    return undefined;
  }
}

function kidOf(jwk: unknown): string | undefined {
  if (typeof jwk !== 'object' || jwk === null) return undefined;
  const kid = own(jwk as Record<string, unknown>, 'kid');
  return typeof kid === 'string' ? kid : undefined;
}

/** Options of {@link matchChecks}. */
export interface MatchOptions {
  url: string;
  clock: Clock;
  /** Registration algorithm; the round trip's allow-list when `expect.alg` is absent. */
  profileAlg?: string;
}

/**
 * The match checks of a fetched JWK Set (`set`: the parsed body, possibly invalid).
 * Skipped without an expectation or without a usable set.
 */
export async function matchChecks(set: unknown, expect: JwksExpectation | undefined, options: MatchOptions): Promise<Check[]> {
  if (!expect) return MATCH_CHECK_IDS.map((id) => skipCheck(id, 'No local key was given to compare with.'));
  const keys = keysOf(set);
  if (!keys) return MATCH_CHECK_IDS.map((id) => skipCheck(id, 'Not checked: there is no JWK Set with keys to compare with.'));

  const fetched = await Promise.all(keys.map(async (k) => ({ ...k, kid: kidOf(k.jwk), thumbprint: await thumbprintOf(k.jwk) })));
  const expected = await Promise.all(expect.publicJwks.map(async (jwk, index) => ({ index, jwk, kid: kidOf(jwk), thumbprint: await thumbprintOf(jwk) })));

  // match.local-key
  const problems: string[] = [];
  const found: Record<string, unknown>[] = [];
  for (const exp of expected) {
    const name = exp.kid !== undefined ? `local key kid "${shorten(exp.kid, 60)}"` : `local key #${exp.index}`;
    if (exp.thumbprint === undefined) {
      problems.push(`${name} is not a valid public JWK`);
      continue;
    }
    const sameKey = fetched.filter((f) => f.thumbprint === exp.thumbprint);
    const exact = sameKey.find((f) => exp.kid === undefined || f.kid === exp.kid);
    if (exact) {
      found.push({ kid: exact.kid ?? null, thumbprint: exp.thumbprint, index: exact.index });
    } else if (sameKey.length > 0) {
      problems.push(`${name} is published under another kid (${sameKey.map((f) => JSON.stringify(f.kid ?? null)).join(', ')})`);
    } else if (exp.kid !== undefined && fetched.some((f) => f.kid === exp.kid)) {
      problems.push(`kid "${shorten(exp.kid, 60)}" reused for another key (the published key's thumbprint differs from the local key's ${exp.thumbprint})`);
    } else {
      problems.push(`${name} (thumbprint ${exp.thumbprint}) is absent from the set`);
    }
  }
  const localKey =
    problems.length === 0
      ? makeCheck('match.local-key', 'pass', `The local key${expected.length === 1 ? ' is' : 's are'} published (${found.map((f) => `kid ${JSON.stringify(f.kid)}`).join(', ')}).`, { evidence: { found } })
      : makeCheck('match.local-key', 'fail', `${problems.join('; ')}.`, {
          evidence: { expected: expected.map((e) => ({ kid: e.kid ?? null, thumbprint: e.thumbprint ?? null })), published: fetched.slice(0, 50).map((f) => ({ kid: f.kid ?? null, thumbprint: f.thumbprint ?? null })) },
        });

  // match.stale-keys
  const expectedPrints = new Set(expected.flatMap((e) => (e.thumbprint === undefined ? [] : [e.thumbprint])));
  const stale = fetched.filter((f) => f.thumbprint === undefined || !expectedPrints.has(f.thumbprint));
  const staleCheck =
    stale.length === 0
      ? makeCheck('match.stale-keys', 'pass', 'Every published key is an expected key.')
      : makeCheck('match.stale-keys', 'warn', `${stale.length} published key${stale.length === 1 ? ' is' : 's are'} not among the expected keys: ${stale.slice(0, 5).map((s) => s.label).join(', ')}.`, {
          evidence: { stale: stale.slice(0, 50).map((s) => ({ index: s.index, kid: s.kid ?? null, thumbprint: s.thumbprint ?? null })) },
        });

  return [localKey, staleCheck, await roundTrip(set, expect, options)];
}

async function roundTrip(set: unknown, expect: JwksExpectation, options: MatchOptions): Promise<Check> {
  const id = 'match.round-trip';
  if (!expect.sign) return skipCheck(id, 'No signing function was given.');
  const iat = Math.floor(options.clock.now().getTime() / 1000);
  const claims = { iss: 'oidc-onboard-jwks-check', sub: 'oidc-onboard-jwks-check', aud: options.url, jti: randomUUID(), iat, exp: iat + 300 };
  let token: string;
  try {
    token = await expect.sign(claims);
  } catch (err) {
    return makeCheck(id, 'fail', `Signing the test assertion with the local key failed: ${shorten(err instanceof Error ? err.message : String(err), 200)}`);
  }
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return makeCheck(id, 'fail', 'The signing function did not return a compact JWS.');
  }
  const alg = expect.alg ?? options.profileAlg ?? header.alg;
  const evidence = { alg: alg ?? null, headerAlg: header.alg ?? null, headerKid: header.kid ?? null };
  if (alg === undefined || header.alg !== alg) {
    return makeCheck(id, 'fail', `The test assertion was signed with ${String(header.alg)} but ${String(alg)} is expected.`, { evidence });
  }
  try {
    // Only own `keys`: the verifier must see what was served, not anything inherited.
    const jwks = createLocalJWKSet({ keys: has(set as Record<string, unknown>, 'keys') ? (own(set as Record<string, unknown>, 'keys') as JSONWebKeySet['keys']) : [] });
    await jwtVerify(token, jwks, { algorithms: [alg], audience: options.url, currentDate: options.clock.now() });
    return makeCheck(id, 'pass', `A test assertion signed with the local key (${alg}${header.kid !== undefined ? `, kid "${shorten(header.kid, 60)}"` : ''}) verifies against the fetched set.`, { evidence });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return makeCheck(id, 'fail', `The test assertion does not verify against the fetched set: ${shorten(err instanceof Error ? err.message : String(err), 200)}`, {
      evidence: { ...evidence, joseCode: typeof code === 'string' ? code : null },
    });
  }
}
