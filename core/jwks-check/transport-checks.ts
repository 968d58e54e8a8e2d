/**
 * Checks of how the JWK Set was served — DNS, TLS, HTTP, headers, limits — judged from
 * the fetcher's evidence: a {@link FetchResult} when the fetch completed, or the
 * `AppError` it threw (whose details carry the phase, TLS code, chain and hops).
 * Pure functions of that evidence, so rules such as "a redirect into a private network
 * fails" can be tested on constructed evidence too.
 */
import { isAppError } from '../../contract/errors';
import { redactText } from '../redact';
import type { CertificateInfo, FetchHop, FetchResult, TrustStoreInfo } from '../net/types';
import { trustStoreOfTlsError } from '../net/trust-store';
import { checkDefinition } from './catalogue';
import { makeCheck, shorten, skipCheck } from './check';
import type { Check } from '../../contract/schemas/jwks-check';

/** Ids of the transport checks, in report order. */
export const TRANSPORT_CHECK_IDS = [
  'dns.resolve',
  'dns.public',
  'tls.chain',
  'tls.hostname',
  'tls.validity',
  'tls.protocol',
  'http.reachable',
  'http.redirect',
  'http.status',
  'headers.content-type',
  'headers.caching',
  'headers.content-encoding',
  'limits.body-size',
  'limits.deadline',
] as const;

/** What the transport checks need besides the evidence. */
export interface TransportContext {
  timeoutMs: number;
  maxBodyBytes: number;
  trustStore: TrustStoreInfo;
}

/** Days left below which a certificate warns. */
export const CERT_WARN_DAYS = 30;
/** Cache lifetime (s) above which caching warns: a day. */
export const MAX_CACHE_SECONDS = 86_400;

const GOOD_TLS = new Set(['TLSv1.2', 'TLSv1.3']);
const JSON_TYPES = new Set(['application/json', 'application/jwk-set+json']);

function chainSummary(chain: readonly CertificateInfo[]): Record<string, unknown>[] {
  return chain.map((c) => ({ subject: c.subject, issuer: c.issuer, validFrom: c.validFrom, validTo: c.validTo, daysLeft: c.daysLeft, selfSigned: c.selfSigned, fingerprint256: c.fingerprint256, subjectAltNames: c.subjectAltNames.slice(0, 20) }));
}

/** tls.validity from a presented chain (also used when the handshake failed for another reason). */
export function validityCheck(chain: readonly CertificateInfo[]): Check {
  if (chain.length === 0) return skipCheck('tls.validity', 'No certificate was presented.');
  const earliest = chain.reduce((a, b) => (b.daysLeft < a.daysLeft ? b : a));
  const evidence = { certificates: chain.map((c) => ({ subject: c.subject, validFrom: c.validFrom, validTo: c.validTo, daysLeft: c.daysLeft })) };
  if (earliest.daysLeft < 0) return makeCheck('tls.validity', 'fail', `The certificate "${earliest.subject}" expired on ${earliest.validTo}.`, { evidence });
  if (earliest.daysLeft < CERT_WARN_DAYS) {
    return makeCheck('tls.validity', 'warn', `The certificate "${earliest.subject}" expires in ${earliest.daysLeft} day${earliest.daysLeft === 1 ? '' : 's'} (${earliest.validTo}).`, { evidence });
  }
  return makeCheck('tls.validity', 'pass', `Valid for ${earliest.daysLeft} more days (until ${earliest.validTo}).`, { evidence });
}

function protocolCheck(protocol: string | null | undefined): Check {
  if (protocol === null || protocol === undefined) return skipCheck('tls.protocol', 'The TLS protocol was not reported.');
  return GOOD_TLS.has(protocol)
    ? makeCheck('tls.protocol', 'pass', `Negotiated ${protocol}.`, { evidence: { protocol } })
    : makeCheck('tls.protocol', 'fail', `Negotiated ${protocol}; TLS 1.2 or newer is required.`, { evidence: { protocol } });
}

function hopSummary(hops: readonly FetchHop[]): Record<string, unknown>[] {
  return hops.map((h) => ({ url: h.url, status: h.status, ...(h.location !== undefined ? { location: h.location } : {}), address: h.remote.address, kinds: [...new Set(h.remote.addresses.map((a) => a.kind))] }));
}

/** http.redirect from the hops of a completed fetch. */
export function redirectCheck(hops: readonly FetchHop[]): Check {
  if (hops.length <= 1) return makeCheck('http.redirect', 'pass', 'The URL answered directly, without a redirect.');
  const evidence = { hops: hopSummary(hops) };
  const first = hops[0] as FetchHop;
  const startedPublic = first.remote.addresses.every((a) => a.kind === 'public');
  const intoPrivate = hops.slice(1).find((h) => h.remote.addresses.some((a) => a.kind !== 'public'));
  if (startedPublic && intoPrivate) {
    return makeCheck('http.redirect', 'fail', `A redirect leads to ${intoPrivate.url}, which resolves to a non-public address (${intoPrivate.remote.addresses.map((a) => `${a.address} ${a.kind}`).join(', ')}).`, { evidence });
  }
  const chain = hops.map((h) => `${h.url} (${h.status})`).join(' → ');
  return makeCheck('http.redirect', 'warn', `The URL redirects (${hops.length - 1} hop${hops.length === 2 ? '' : 's'}): ${shorten(chain, 400)}. Providers may not follow redirects.`, { evidence });
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export function mediaType(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const type = header.split(';')[0]?.trim().toLowerCase();
  return type === '' ? undefined : type;
}

/**
 * Hosts that serve every file as `text/plain`, where NHS's own verifier reads a JWKS anyway:
 * the NHS-hosted keys of NHSDigital/identity-service-jwks are served from here.
 */
const PLAIN_TEXT_JWKS_HOSTS = new Set(['raw.githubusercontent.com']);

/** headers.content-type of a 200 response from `host`. */
export function contentTypeCheck(header: string | undefined, host?: string): Check {
  const type = mediaType(header);
  const evidence = { contentType: header ?? null };
  if (type === 'text/plain' && host !== undefined && PLAIN_TEXT_JWKS_HOSTS.has(host.toLowerCase())) {
    return makeCheck('headers.content-type', 'pass', `Content-Type is text/plain, as ${host} serves every file; NHS-hosted JWKS files (NHSDigital/identity-service-jwks) are served this way and NHS reads them (info).`, { evidence: { ...evidence, host } });
  }
  if (type === undefined) return makeCheck('headers.content-type', 'warn', 'The response has no Content-Type; some verifiers refuse it.', { evidence });
  if (JSON_TYPES.has(type)) return makeCheck('headers.content-type', 'pass', `Content-Type is ${type}.`, { evidence });
  if (type === 'text/html' || type === 'application/xhtml+xml') {
    return makeCheck('headers.content-type', 'fail', `Content-Type is ${type}: the server sent a web page (often a login or error page), not a JWK Set.`, { evidence });
  }
  return makeCheck('headers.content-type', 'warn', `Content-Type is ${shorten(type, 80)}; verifiers that expect application/json or application/jwk-set+json may refuse it.`, { evidence });
}

/** headers.caching from Cache-Control and Expires. */
export function cachingCheck(headers: Readonly<Record<string, string>>): Check {
  const cacheControl = headers['cache-control'];
  const expires = headers.expires;
  const evidence = { cacheControl: cacheControl ?? null, expires: expires ?? null };
  const directives = (cacheControl ?? '').split(',').map((d) => d.trim().toLowerCase());
  const ages = directives.flatMap((d) => {
    const m = /^(s-maxage|max-age)\s*=\s*"?(\d+)"?$/.exec(d);
    return m ? [Number(m[2])] : [];
  });
  const maxAge = ages.length > 0 ? Math.max(...ages) : undefined;
  if (directives.includes('no-store')) return makeCheck('headers.caching', 'pass', 'Cache-Control: no-store — caches keep nothing, so a rotation is seen at once (info).', { evidence });
  if (maxAge !== undefined && maxAge > MAX_CACHE_SECONDS) {
    return makeCheck('headers.caching', 'warn', `Cache-Control allows caching for ${maxAge} s (over a day): a new key may not be seen for that long after a rotation.`, { evidence: { ...evidence, maxAgeSeconds: maxAge } });
  }
  if (maxAge !== undefined) return makeCheck('headers.caching', 'pass', `Cache-Control max-age is ${maxAge} s.`, { evidence: { ...evidence, maxAgeSeconds: maxAge } });
  if (expires !== undefined) return makeCheck('headers.caching', 'pass', `No max-age; Expires is ${shorten(expires, 60)}.`, { evidence });
  return makeCheck('headers.caching', 'pass', 'No caching headers (caches use their own defaults).', { evidence });
}

/** The transport checks of a completed fetch, in {@link TRANSPORT_CHECK_IDS} order. */
export function checksFromResult(result: FetchResult, ctx: TransportContext): Check[] {
  const first = result.hops[0];
  const addresses = first?.remote.addresses ?? result.remote.addresses;
  const checks: Check[] = [];
  checks.push(makeCheck('dns.resolve', 'pass', `The host resolves to ${addresses.map((a) => a.address).join(', ')}.`, { evidence: { addresses } }));

  const allAddresses = result.hops.flatMap((h) => h.remote.addresses);
  const nonPublic = allAddresses.filter((a) => a.kind !== 'public');
  checks.push(
    nonPublic.length === 0
      ? makeCheck('dns.public', 'pass', 'Every address is public.', { evidence: { addresses: allAddresses } })
      : makeCheck('dns.public', 'warn', `The host resolves to ${nonPublic.map((a) => `${a.address} (${a.kind})`).join(', ')}: the identity provider cannot reach ${nonPublic.length === 1 ? 'it' : 'them'} from the internet.`, { evidence: { addresses: allAddresses } }),
  );

  const tls = result.tls;
  if (!tls) {
    for (const id of ['tls.chain', 'tls.hostname', 'tls.validity', 'tls.protocol']) checks.push(skipCheck(id, 'Not checked: the response did not come over TLS.'));
  } else {
    const host = new URL(result.url).hostname;
    checks.push(chainCheck(tls));
    checks.push(makeCheck('tls.hostname', 'pass', `The certificate names ${host}.`, { evidence: { host, subjectAltNames: tls.chain[0]?.subjectAltNames ?? [] } }));
    checks.push(validityCheck(tls.chain));
    checks.push(protocolCheck(tls.protocol));
  }

  checks.push(makeCheck('http.reachable', 'pass', `Connected to ${result.remote.address} port ${result.remote.port}.`, { evidence: { address: result.remote.address, port: result.remote.port, timings: result.timings } }));
  checks.push(redirectCheck(result.hops));

  const ok = result.status === 200;
  if (ok) {
    checks.push(makeCheck('http.status', 'pass', 'Status 200 OK.', { evidence: { status: 200 } }));
  } else {
    const excerpt = redactText(shorten(result.text().replace(/\s+/g, ' ').trim(), 300));
    checks.push(
      makeCheck('http.status', 'fail', `Status ${result.status}${result.statusText ? ` ${result.statusText}` : ''}; exactly 200 is required.`, {
        evidence: { status: result.status, statusText: result.statusText, contentType: result.headers['content-type'] ?? null, bodyExcerpt: excerpt },
      }),
    );
  }
  const notOk = `Not checked: the response status was ${result.status}, not 200.`;
  checks.push(ok ? contentTypeCheck(result.headers['content-type'], new URL(result.url).hostname) : skipCheck('headers.content-type', notOk));
  checks.push(ok ? cachingCheck(result.headers) : skipCheck('headers.caching', notOk));
  checks.push(
    makeCheck('headers.content-encoding', 'pass', result.contentEncoding ? `Content-Encoding ${result.contentEncoding}: ${result.encodedBytes} bytes on the wire, ${result.body.byteLength} decoded.` : 'No content encoding.', {
      evidence: { contentEncoding: result.contentEncoding ?? null, encodedBytes: result.encodedBytes, decodedBytes: result.body.byteLength },
    }),
  );
  checks.push(makeCheck('limits.body-size', 'pass', `${result.body.byteLength} bytes, under the ${ctx.maxBodyBytes}-byte cap.`, { evidence: { decodedBytes: result.body.byteLength, maxBodyBytes: ctx.maxBodyBytes } }));
  checks.push(makeCheck('limits.deadline', 'pass', `Fetched in ${Math.round(result.timings.totalMs)} ms (deadline ${ctx.timeoutMs} ms).`, { evidence: { totalMs: result.timings.totalMs, timeoutMs: ctx.timeoutMs } }));
  return checks;
}

/**
 * `tls.chain` for a verified connection. A chain the bundled Mozilla roots (and any `--ca`) could not
 * place, which only the operating system's store verified, is a warning: NHS verifies against its
 * own store of public roots, so it would likely refuse it (a TLS-inspecting proxy causes the same).
 */
function chainCheck(tls: NonNullable<FetchResult['tls']>): Check {
  const evidence = { trustStore: tls.trustStore.description, chain: chainSummary(tls.chain), cipher: tls.cipher?.standardName ?? null };
  if (!tls.trustStore.sources.includes('system')) return makeCheck('tls.chain', 'pass', `The chain verifies against ${tls.trustStore.description}.`, { evidence });
  return makeCheck('tls.chain', 'warn', `The chain verifies only with the operating-system trust store (${tls.trustStore.description}): Node's bundled Mozilla roots do not include its root. The provider verifies against public roots and would likely refuse it.`, {
    hint: 'Serve a chain that leads to a public root, with every intermediate. If this machine reaches the server through a TLS-inspecting proxy, check from outside that network.',
    evidence,
  });
}

const HOSTNAME_CODES = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH', 'ERR_TLS_CERT_ALTNAME_FORMAT']);
const VALIDITY_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERROR_IN_CERT_NOT_BEFORE_FIELD', 'ERROR_IN_CERT_NOT_AFTER_FIELD']);

function isProtocolVersionError(code: string, message: string): boolean {
  return /PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|NO_PROTOCOLS_AVAILABLE|VERSION_TOO_LOW/i.test(code) || /unsupported protocol|protocol version|no protocols available|version too low/i.test(message);
}

/**
 * The transport checks after the fetch threw: the failing check(s) with the error's
 * evidence, what the error implies passed, and `skip` (naming the failure) for the rest.
 */
export function checksFromError(err: unknown, ctx: TransportContext): Check[] {
  const found = new Map<string, Check>();
  const details = (isAppError(err) ? err.details : undefined) ?? {};
  const code = isAppError(err) ? err.code : 'INTERNAL';
  const message = err instanceof Error ? err.message : String(err);
  const phase = typeof details.phase === 'string' ? details.phase : undefined;
  const hops = Array.isArray(details.hops) ? (details.hops as FetchHop[]) : [];
  const base = { code, ...(phase !== undefined ? { phase } : {}) };
  let failing = 'http.reachable';

  switch (code) {
    case 'NETWORK_DNS':
      failing = 'dns.resolve';
      found.set(failing, makeCheck(failing, 'fail', message, { evidence: { ...base, host: details.host ?? null, dnsCode: details.code ?? null } }));
      break;
    case 'NETWORK_TLS': {
      const tlsCode = String(details.tlsCode ?? 'UNKNOWN');
      const chain = Array.isArray(details.chain) ? (details.chain as CertificateInfo[]) : [];
      // The store of the last attempt (the OS store joins only for a root the first layer could not place).
      const trustStore = (trustStoreOfTlsError(err) ?? ctx.trustStore).description;
      const evidence = { ...base, tlsCode, trustStore, chain: chainSummary(chain), detail: shorten(String(details.message ?? message), 300) };
      if (HOSTNAME_CODES.has(tlsCode)) {
        failing = 'tls.hostname';
        found.set('tls.chain', makeCheck('tls.chain', 'pass', `The chain verifies against ${trustStore} (the host name check failed separately).`, { evidence: { trustStore, chain: chainSummary(chain) } }));
        found.set(failing, makeCheck(failing, 'fail', `The certificate does not name the host (${tlsCode}); it names ${chain[0]?.subjectAltNames.join(', ') || 'other hosts'}.`, { evidence }));
        found.set('tls.validity', validityCheck(chain));
      } else if (VALIDITY_CODES.has(tlsCode)) {
        failing = 'tls.validity';
        const leaf = chain[0];
        const when = leaf ? ` (valid ${leaf.validFrom} to ${leaf.validTo})` : '';
        found.set(failing, makeCheck(failing, 'fail', tlsCode === 'CERT_NOT_YET_VALID' ? `The certificate is not valid yet${when}.` : `The certificate has expired${when}.`, { evidence }));
      } else if (isProtocolVersionError(tlsCode, String(details.message ?? message))) {
        failing = 'tls.protocol';
        found.set(failing, makeCheck(failing, 'fail', `The TLS handshake failed on the protocol version (${tlsCode}): the server does not offer TLS 1.2 or newer.`, { evidence }));
      } else if (tlsCode === 'ERR_TLS_HANDSHAKE_TIMEOUT') {
        failing = 'limits.deadline';
        found.set(failing, makeCheck(failing, 'fail', 'The TLS handshake did not finish in time.', { evidence }));
      } else {
        failing = 'tls.chain';
        const selfSigned = tlsCode === 'DEPTH_ZERO_SELF_SIGNED_CERT' || tlsCode === 'SELF_SIGNED_CERT_IN_CHAIN';
        const why = selfSigned ? 'the certificate is self-signed' : /UNABLE_TO_(VERIFY_LEAF|GET_ISSUER)/.test(tlsCode) ? 'the issuer is unknown or an intermediate certificate is missing' : 'the chain does not verify';
        found.set(failing, makeCheck(failing, 'fail', `TLS verification failed against ${trustStore}: ${why} (${tlsCode}).`, { evidence }));
        if (chain.length > 0) found.set('tls.validity', validityCheck(chain));
      }
      if (failing !== 'tls.protocol' && typeof details.protocol === 'string') found.set('tls.protocol', protocolCheck(details.protocol));
      break;
    }
    case 'NETWORK_ADDRESS_REFUSED': {
      // The network policy refused the address before any connection (address-policy.ts).
      failing = 'dns.public';
      const evidence = { ...base, reason: details.reason ?? null, host: details.host ?? null, address: details.address ?? null, kind: details.kind ?? null, source: details.source ?? null, addresses: details.addresses ?? [] };
      found.set('dns.resolve', makeCheck('dns.resolve', 'pass', `The host resolves to ${Array.isArray(details.addresses) ? (details.addresses as { address: string }[]).map((a) => a.address).join(', ') : String(details.address ?? '')}.`, { evidence: { addresses: details.addresses ?? [] } }));
      found.set(failing, makeCheck(failing, 'fail', message, { evidence }));
      if (hops.length > 0) {
        found.set('http.redirect', makeCheck('http.redirect', 'fail', `A redirect leads to ${String(details.url ?? 'another URL')}, which the network policy refused before connecting: ${message}`, { evidence: { ...base, target: details.url ?? null, hops: hopSummary(hops) } }));
      }
      break;
    }
    case 'NETWORK_TIMEOUT':
      failing = 'limits.deadline';
      found.set(failing, makeCheck(failing, 'fail', `No complete answer within the deadline: ${message}`, { evidence: { ...base, deadline: details.deadline ?? null, timeoutMs: details.timeoutMs ?? ctx.timeoutMs } }));
      break;
    case 'NETWORK_TOO_LARGE':
      failing = 'limits.body-size';
      found.set(failing, makeCheck(failing, 'fail', `The body exceeds the ${ctx.maxBodyBytes}-byte cap (${String(details.counted ?? 'decoded')} bytes counted); reading stopped there.`, { evidence: { ...base, maxBodyBytes: details.maxBodyBytes ?? ctx.maxBodyBytes, counted: details.counted ?? null } }));
      break;
    case 'NETWORK_REDIRECT':
      failing = 'http.redirect';
      found.set(failing, makeCheck(failing, 'fail', `${message} Redirects are at best a warning; this one is refused (${String(details.reason ?? 'refused')}).`, { evidence: { ...base, reason: details.reason ?? null, target: details.target ?? null, hops: hopSummary(hops) } }));
      break;
    case 'NETWORK_PROTOCOL':
      if (['stacked-encoding', 'unknown-encoding', 'bad-encoding'].includes(String(details.reason))) {
        failing = 'headers.content-encoding';
        found.set(failing, makeCheck(failing, 'fail', message, { evidence: { ...base, reason: details.reason, contentEncoding: details.contentEncoding ?? null } }));
      } else {
        found.set(failing, makeCheck(failing, 'fail', message, { evidence: { ...base, detail: details.code ?? null } }));
      }
      break;
    case 'NETWORK_HTTP':
      failing = 'http.status';
      found.set(failing, makeCheck(failing, 'fail', message, { evidence: base }));
      break;
    default:
      found.set(failing, makeCheck(failing, 'fail', message, { evidence: { ...base, detail: details.code ?? details.reason ?? null } }));
  }

  // DNS evidently worked when the failure came later; hops that completed were reachable.
  if (failing !== 'dns.resolve' && !found.has('dns.resolve')) found.set('dns.resolve', makeCheck('dns.resolve', 'pass', 'The host name resolved.'));
  if (hops.length > 0 && !found.has('http.reachable')) found.set('http.reachable', makeCheck('http.reachable', 'pass', `Connected (${hops.length} response${hops.length === 1 ? '' : 's'} before the failure).`, { evidence: { hops: hopSummary(hops) } }));

  const reason = `Not checked: ${checkDefinition(failing).title.toLowerCase()} failed.`;
  return TRANSPORT_CHECK_IDS.map((id) => found.get(id) ?? skipCheck(id, reason));
}
