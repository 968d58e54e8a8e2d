/**
 * `runJwksCheck`: fetch a jwks_uri the way a provider would and judge everything.
 *
 * Cost is about ONE fetch: the replica fetches start at the same moment as the main one
 * (same fetcher, so connections and TLS sessions are shared), and every other check is
 * synchronous work on the evidence once the body has arrived — nothing is fetched
 * serially. A failed main fetch still yields a report: the failing check with its
 * evidence, later checks `skip` with the reason. Checks are streamed through `onCheck`
 * in catalogue order as they are decided.
 */
import { performance } from 'node:perf_hooks';
import { AppError, hasErrorCode } from '../../contract/errors';
import type { UrlSource } from '../net/address-policy';
import { trustStoreOfTlsError } from '../net/trust-store';
import type { Fetcher, FetchPhase, FetchRequest, FetchResult } from '../net/types';
import type { Clock } from '../ports';
import { CHECK_IDS } from './catalogue';
import { shorten, skipCheck } from './check';
import type * as ResponseChecksModule from './response-checks';
import type { ReplicaOutcome } from './consistency';
import type { JwksExpectation } from './match-checks';
import { verdictOf } from '../../contract/schemas/jwks-check-areas';
import type { Check, JwksCheckReport } from '../../contract/schemas/jwks-check';
import type { TransportContext } from './transport-checks';
import { urlChecks } from './url-checks';

/** Default cap on the decoded body: a JWK Set is a few KiB. */
export const DEFAULT_JWKS_MAX_BODY_BYTES = 512 * 1024;
/** Default total deadline of each fetch (ms). */
export const DEFAULT_JWKS_TIMEOUT_MS = 10_000;
/** Default number of extra concurrent fetches for the replica check. */
export const DEFAULT_REPLICAS = 3;
/** Redirects followed (for diagnosis only; any redirect is at best a warning). */
export const JWKS_MAX_REDIRECTS = 3;

/** Options of {@link runJwksCheck}. */
export interface JwksCheckOptions {
  url: string;
  /** The safe fetcher (one instance: its agent is shared by the concurrent fetches). */
  fetcher: Fetcher;
  /**
   * Where the URL came from: `typed` (the user's, may be private for local testing) or
   * `untrusted` (a package being verified: private addresses refused unless allowed).
   */
  source: UrlSource;
  /** For untrusted URLs, where they came from (refusal message), e.g. "the package being verified". */
  sourceLabel?: string;
  /** The user allowed private networks explicitly. Link-local stays refused. */
  allowPrivateNetwork?: boolean;
  /** The local key(s) and, for the round trip, a signing function. */
  expect?: JwksExpectation;
  /** The registration's algorithm, for `strength.alg-suitable` (defaults to `expect.alg`). */
  profileAlg?: string;
  /** Total deadline of each fetch. Default {@link DEFAULT_JWKS_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Cap on the decoded body. Default {@link DEFAULT_JWKS_MAX_BODY_BYTES}. */
  maxBodyBytes?: number;
  /** Extra concurrent fetches for `consistency.replicas`. Default {@link DEFAULT_REPLICAS}. */
  replicas?: number;
  clock: Clock;
  /** Called with each check as soon as it is decided, in catalogue order. */
  onCheck?: (check: Check) => void;
  /** Cancels the run: it rejects with `CANCELLED`. */
  signal?: AbortSignal;
  /** Recorded in the report, e.g. `0.1.0`. */
  toolVersion?: string;
}

const ACCEPT = 'application/jwk-set+json, application/json;q=0.9, */*;q=0.1';

type ResponseChecks = typeof ResponseChecksModule;

type Settled = { ok: true; result: FetchResult } | { ok: false; error: unknown };

function settle(promise: Promise<FetchResult>): Promise<Settled> {
  return promise.then(
    (result) => ({ ok: true as const, result }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function ms(from: number): number {
  return Math.round((performance.now() - from) * 10) / 10;
}

/**
 * Runs every check of the catalogue against `url` and returns the report.
 *
 * @throws AppError `USAGE` for invalid numeric options; `CANCELLED` when `signal` aborts.
 */
export async function runJwksCheck(options: JwksCheckOptions): Promise<JwksCheckReport> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_JWKS_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_JWKS_MAX_BODY_BYTES;
  const replicaCount = options.replicas ?? DEFAULT_REPLICAS;
  if (!(timeoutMs > 0) || !(maxBodyBytes >= 0) || !(Number.isInteger(replicaCount) && replicaCount >= 0 && replicaCount <= 10)) {
    throw new AppError('USAGE', 'timeoutMs must be > 0, maxBodyBytes ≥ 0 and replicas an integer from 0 to 10.', { details: { timeoutMs, maxBodyBytes, replicas: replicaCount } });
  }
  const startedAt = options.clock.now();
  const t0 = performance.now();
  const checks: Check[] = [];
  const emit = (list: readonly Check[]): void => {
    for (const check of list) {
      checks.push(check);
      try {
        options.onCheck?.(check);
      } catch {
        // A listener's failure must not lose the report.
      }
    }
  };
  const ctx: TransportContext = { timeoutMs, maxBodyBytes, trustStore: options.fetcher.trustStore };
  const timings: JwksCheckReport['timings'] = { totalMs: 0, fetchMs: 0 };
  // The store the main connection was verified against once known; before that, what the fetcher may use.
  let usedTrust = options.fetcher.trustStore;
  const finish = (): JwksCheckReport => {
    timings.totalMs = ms(t0);
    const report: JwksCheckReport = {
      schema: 'oidc-onboard/jwks-check',
      schemaVersion: 1,
      url: options.url,
      verdict: verdictOf(checks),
      startedAt: startedAt.toISOString(),
      finishedAt: options.clock.now().toISOString(),
      checks,
      timings,
      trustStore: { sources: [...usedTrust.sources], description: usedTrust.description },
    };
    if (options.toolVersion !== undefined) report.toolVersion = options.toolVersion;
    return report;
  };
  const skipRest = (reason: string): void => {
    const decided = new Set(checks.map((c) => c.id));
    emit(CHECK_IDS.filter((id) => !decided.has(id)).map((id) => skipCheck(id, reason)));
  };

  const urlResults = urlChecks(options.url);
  emit(urlResults);
  if (urlResults.some((c) => c.status === 'fail')) {
    skipRest('Not checked: the URL is not acceptable, so it was not fetched.');
    return finish();
  }
  if (options.signal?.aborted) throw new AppError('CANCELLED', 'The jwks_uri check was cancelled.');

  // Replicas get their own abort, chained to the caller's, so a failed main fetch does not wait for them.
  const replicaAbort = new AbortController();
  const onAbort = (): void => replicaAbort.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const request: FetchRequest = {
    timeoutMs,
    maxBodyBytes,
    followRedirects: true,
    maxRedirects: JWKS_MAX_REDIRECTS,
    accept: ACCEPT,
    source: options.source,
    ...(options.sourceLabel !== undefined && { sourceLabel: options.sourceLabel }),
    ...(options.allowPrivateNetwork !== undefined && { allowPrivateNetwork: options.allowPrivateNetwork }),
    ...(options.signal ? { signal: options.signal } : {}),
  };
  // The response's checks (jose among them) load once every request is on its way, while the
  // server answers — not before the requests are sent (see response-checks.ts) — or at the latest
  // when the main fetch has settled.
  let responseChecks: Promise<ResponseChecks> | undefined;
  const loadResponseChecks = (): Promise<ResponseChecks> => (responseChecks ??= import('./response-checks'));
  const sent = new Set<number>();
  const onPhase = (index: number) => (phase: FetchPhase) => {
    if (phase !== 'headers' || sent.has(index)) return;
    sent.add(index);
    // After this I/O callback: the TLS layer flushes the request only once its listeners returned.
    if (sent.size === replicaCount + 1) setImmediate(() => void loadResponseChecks().catch(() => undefined));
  };
  const fetchStart = performance.now();
  // All fetches start now, together (the brief's "cost of one fetch").
  const mainPromise = settle(options.fetcher.fetch(options.url, { ...request, onPhase: onPhase(0) }));
  const replicaPromises = Array.from({ length: replicaCount }, (_, i) => settle(options.fetcher.fetch(options.url, { ...request, signal: replicaAbort.signal, onPhase: onPhase(i + 1) })));

  try {
    const main = await mainPromise;
    timings.fetchMs = ms(fetchStart);
    const { checksFromError, checksFromResult, keySetFingerprint, matchChecks, MATCH_CHECK_IDS, parseJsonBody, replicasCheck, validateJwks, VALIDATE_JWKS_IDS } = await loadResponseChecks();
    if (!main.ok) {
      replicaAbort.abort();
      await Promise.all(replicaPromises);
      if (hasErrorCode(main.error, 'CANCELLED')) throw main.error;
      usedTrust = trustStoreOfTlsError(main.error) ?? usedTrust;
      emit(checksFromError(main.error, ctx));
      skipRest('Not checked: the fetch failed.');
      return finish();
    }
    const result = main.result;
    if (result.tls) usedTrust = result.tls.trustStore;
    Object.assign(timings, { dnsMs: result.timings.dnsMs, connectMs: result.timings.connectMs, tlsMs: result.timings.tlsMs, ttfbMs: result.timings.ttfbMs });
    emit(checksFromResult(result, ctx));

    const validateStart = performance.now();
    let value: unknown;
    if (result.status !== 200) {
      emit([skipCheck('body.json', `Not checked: the response status was ${result.status}, not 200.`)]);
      skipRest(`Not checked: the response status was ${result.status}, not 200.`);
    } else {
      const parsed = parseJsonBody(result.body);
      emit([parsed.check]);
      if (!('value' in parsed)) {
        emit(VALIDATE_JWKS_IDS.map((id) => skipCheck(id, 'Not checked: the body is not JSON.')));
        emit(MATCH_CHECK_IDS.map((id) => skipCheck(id, 'Not checked: the body is not JSON.')));
      } else {
        value = parsed.value;
        const profileAlg = options.profileAlg ?? options.expect?.alg;
        emit(validateJwks(value, profileAlg !== undefined ? { profileAlg } : {}));
        timings.validateMs = ms(validateStart);
        const matchStart = performance.now();
        emit(await matchChecks(value, options.expect, { url: options.url, clock: options.clock, ...(options.profileAlg !== undefined ? { profileAlg: options.profileAlg } : {}) }));
        timings.matchMs = ms(matchStart);
      }
    }

    const replicaWait = performance.now();
    const replicaResults = await Promise.all(replicaPromises);
    timings.replicasMs = ms(replicaWait);
    if (options.signal?.aborted) throw new AppError('CANCELLED', 'The jwks_uri check was cancelled.');
    if (checks.some((c) => c.id === 'consistency.replicas')) return finish();
    const outcomes: ReplicaOutcome[] = replicaResults.map((r) =>
      r.ok
        ? { ok: true, status: r.result.status, fingerprint: keySetFingerprint(r.result.text()), address: r.result.remote.address }
        : { ok: false, error: shorten(r.error instanceof Error ? r.error.message : String(r.error), 200) },
    );
    emit([replicasCheck({ fingerprint: keySetFingerprint(result.text()), status: result.status }, outcomes)]);
    return finish();
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

