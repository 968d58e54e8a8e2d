/**
 * Verifying a registration package, for developers and support staff: no keychain, no data
 * folder. Offline it proves the package is intact and self-consistent (archive layout,
 * manifest checksums, the JWS over the manifest digest with the enclosed key, the claims);
 * online it also verifies the JWS against the key set published at the jwks_uri NOW and
 * re-runs the jwks_uri check to say what changed since packaging.
 *
 * Outcomes: a verdict (`valid` | `invalid`, with warnings) for anything that is a package,
 * even a tampered one; `INPUT_UNREADABLE` only for input that is not a package at all.
 */
import { createPublicKey } from 'node:crypto';
import { calculateJwkThumbprint, compactVerify, createLocalJWKSet, decodeProtectedHeader, importJWK, type JWK, type JSONWebKeySet } from 'jose';
import { AppError, assertNever, hasErrorCode, isAppError } from '../../contract/errors';
import type { Finding } from '../../contract/schemas/findings';
import { decodeUtf8, tryDecodeUtf8 } from '../../contract/text/utf8';
import { jwksCheckReportSchema, type JwksCheckReport, type Verdict } from '../../contract/schemas/jwks-check';
import type { IntactVerdict, LiveVerdict, PackageVerificationReport, RequestedValues } from '../../contract/schemas/package-verification';
import { compareReports, type ReportDiff } from '../jwks-check/compare';
import { checkJwksUri } from '../jwks-check/check-uri';
import { fetcherForCa } from '../net/fetcher-for-ca';
import type { Fetcher } from '../net/types';
import type { Clock } from '../ports';
import { findEnvironment, getProfile } from '../profiles';
import { keyFactsOf, validateMetadata } from '../registration';
import { rsaBits } from '../jwks-check/validate-jwks';
import { canonicalJson } from './canonical-json';
import { orderEntries } from './assemble';
import {
  PACKAGE_ALGS,
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  REQUEST_LIFETIME_SECONDS,
  REQUEST_TYP,
  REQUIRED_ENTRIES,
  UNLISTED_ENTRIES,
  isEntryName,
  manifestSchema,
  registrationFileSchema,
  requestClaimsSchema,
  requestIssuer,
  requestJti,
  sha256Hex,
  type Manifest,
  type RegistrationFile,
  type RequestClaims,
} from './format';
import { DEFAULT_ZIP_LIMITS, readZip, writeZip, type ZipEntry, type ZipLimits } from './zip';

/** Status of one verification step. */
export type StepStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** One step of a verification, in the order run. */
export interface VerifyStep {
  id: 'archive' | 'archive.layout' | 'manifest' | 'files' | 'signature' | 'claims' | 'claims.time' | 'metadata' | 'live.signature' | 'live.check';
  title: string;
  status: StepStatus;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * The outcome of {@link verifyPackage}: the contract's report (requested values, findings, the
 * intact and live verdicts, the steps) plus the parsed manifest and the live diff.
 */
export interface PackageVerification extends PackageVerificationReport {
  manifest?: Manifest;
  steps: VerifyStep[];
  /** What changed at the jwks_uri since packaging (online, when the package has a report). */
  liveDiff?: ReportDiff;
}

/** Options of {@link verifyPackage}. */
export interface VerifyPackageOptions {
  /** Skip the live steps (no network). */
  offline?: boolean;
  /** Extra trusted CA certificates (PEM) for the live steps. */
  caPem?: string;
  /** The safe fetcher (network port) for the live steps; required unless `offline`. */
  fetcher?: Fetcher;
  /**
   * The package's jwks_uri is untrusted input: a private or loopback address is refused before
   * connecting unless the user allows private networks (`--allow-private-network`). Link-local
   * addresses are always refused.
   */
  allowPrivateNetwork?: boolean;
  /** The time to judge expiry at; default now. */
  now?: Date;
  /** Clock for the live jwks_uri check; default the system clock (or `now`). */
  clock?: Clock;
  /** Total deadline of each live fetch. */
  timeoutMs?: number;
  limits?: ZipLimits;
}

const TITLES: Record<VerifyStep['id'], string> = {
  archive: 'Archive is a safe zip',
  'archive.layout': 'Archive bytes are exactly as OIDC Onboard writes them',
  manifest: 'Manifest is readable',
  files: 'Every file matches the manifest',
  signature: 'request.jwt is signed by the enclosed key',
  claims: 'Signed claims match the files',
  'claims.time': 'Request is within its validity period',
  metadata: "Registration values pass today's rules",
  'live.signature': 'request.jwt verifies against the live jwks_uri',
  'live.check': 'jwks_uri check now vs at packaging',
};

/** The round trip needs the private key, so a verifier always skips it: not a change worth reporting. */
const VERIFIER_CANNOT_RUN = new Set(['match.round-trip']);
// Only to recognise a damaged manifest of ours: bad bytes may stay bad here, nothing is judged on them.
const textOf = (data: Uint8Array) => new TextDecoder('utf-8', { fatal: false }).decode(data);

function notAPackage(message: string): AppError {
  return new AppError('INPUT_UNREADABLE', `Not an OIDC Onboard registration package: ${message}`, { details: { reason: 'not-a-package' } });
}

function parseJson(data: Uint8Array | undefined): unknown {
  if (!data) return undefined;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data)) as unknown;
  } catch {
    return undefined;
  }
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}

/**
 * Verifies a package from its bytes.
 *
 * @throws AppError `INPUT_UNREADABLE` when the bytes are not a zip or not a package (or one of a newer format).
 */
export async function verifyPackage(bytes: Uint8Array, options: VerifyPackageOptions = {}): Promise<PackageVerification> {
  const now = options.now ?? options.clock?.now() ?? new Date();
  const offline = options.offline ?? false;
  const steps: VerifyStep[] = [];
  const step = (id: VerifyStep['id'], status: StepStatus, message: string, details?: Record<string, unknown>) => {
    steps.push({ id, title: TITLES[id], status, message, ...(details && { details }) });
  };
  let requested: RequestedValues | undefined;
  let findings: Finding[] = [];
  const liveFacts: LiveFacts = {};
  const result = (extra: Partial<PackageVerification> = {}): PackageVerification => {
    const intact = intactVerdict(steps);
    const live = liveVerdict(steps, liveFacts, intact);
    // Intact, yet unusable: the enclosed key cannot produce the declared algorithm.
    const unusable = intact.status === 'pass' ? steps.find((s) => s.id === 'metadata' && s.status === 'fail') : undefined;
    return {
      verdict: intact.status === 'pass' && live.status !== 'fail' && !unusable ? 'valid' : 'invalid',
      headline: unusable ? `The package is intact and signed by the enclosed key, but the provider would refuse it: ${unusable.message}` : headline(intact, live),
      intact,
      live,
      sha256: sha256Hex(bytes),
      bytes: bytes.length,
      verifiedAt: now.toISOString(),
      offline,
      ...(requested && { requested }),
      findings,
      ...extra,
      steps,
      warnings: steps.filter((s) => s.status === 'warn').map((s) => `${s.title}: ${s.message}`),
    };
  };

  // 1. The archive.
  let entries: ZipEntry[];
  try {
    entries = readZip(bytes, options.limits ?? DEFAULT_ZIP_LIMITS);
  } catch (error) {
    if (hasErrorCode(error, 'PACKAGE_INVALID')) {
      step('archive', 'fail', error.message, error.details);
      return result();
    }
    throw error;
  }
  const byName = new Map(entries.map((e) => [e.name, e.data]));
  const manifestData = byName.get('manifest.json');
  if (!manifestData) throw notAPackage('it has no manifest.json.');
  step('archive', 'pass', `${entries.length} entries, ${entries.reduce((n, e) => n + e.data.length, 0)} bytes unpacked; no paths, duplicates or directories.`);

  // 2. The manifest: whether this is a package at all, then whether it is well formed.
  const raw = parseJson(manifestData);
  if (raw === undefined) {
    if (textOf(manifestData).includes(PACKAGE_FORMAT)) {
      step('manifest', 'fail', 'manifest.json is not valid JSON (damaged or altered).');
      return result();
    }
    throw notAPackage('manifest.json is not JSON.');
  }
  const head = raw as { format?: unknown; formatVersion?: unknown };
  if (typeof raw !== 'object' || raw === null || head.format !== PACKAGE_FORMAT) throw notAPackage('manifest.json names another format.');
  if (typeof head.formatVersion === 'number' && head.formatVersion > PACKAGE_FORMAT_VERSION) {
    throw new AppError('INPUT_UNREADABLE', `This package uses format version ${head.formatVersion}; this version of OIDC Onboard reads version ${PACKAGE_FORMAT_VERSION}. Update OIDC Onboard.`, {
      details: { reason: 'newer-format', formatVersion: head.formatVersion },
    });
  }
  const parsedManifest = manifestSchema.safeParse(raw);
  if (!parsedManifest.success) {
    step('manifest', 'fail', `manifest.json does not match format version ${PACKAGE_FORMAT_VERSION}: ${parsedManifest.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`);
    return result();
  }
  const manifest = parsedManifest.data;
  step('manifest', 'pass', `Format ${manifest.format} v${manifest.formatVersion}, made by oidc-onboard ${manifest.tool.version} on ${manifest.createdAt} for ${manifest.provider.id} / ${manifest.environment.id}.`);
  let sendTo: string | undefined;
  try {
    sendTo = findEnvironment(getProfile(manifest.provider.id), manifest.environment.id)?.submission.text;
  } catch {
    sendTo = undefined;
  }

  // 3. Archive layout: the canonical bytes for these entries and this creation time.
  const canonical = writeZipSafe(entries, new Date(manifest.createdAt));
  if (canonical && Buffer.from(canonical).equals(Buffer.from(bytes))) step('archive.layout', 'pass', 'The archive is byte-for-byte the one OIDC Onboard writes for these files.');
  else step('archive.layout', 'fail', 'The archive is not laid out as OIDC Onboard writes it (entry order, times or headers differ): it was re-packed or altered after packaging.');

  // 4. Files against the manifest.
  const problems: string[] = [];
  const unknown = entries.filter((e) => !isEntryName(e.name)).map((e) => e.name);
  if (unknown.length > 0) problems.push(`unknown entries: ${unknown.join(', ')}`);
  const listed = new Set<string>();
  for (const file of manifest.files) {
    if (!isEntryName(file.name) || UNLISTED_ENTRIES.includes(file.name)) {
      problems.push(`the manifest lists ${file.name}, which it may not`);
      continue;
    }
    listed.add(file.name);
    const data = byName.get(file.name);
    if (!data) problems.push(`${file.name} is missing`);
    else if (sha256Hex(data) !== file.sha256 || data.length !== file.bytes) problems.push(`${file.name} does not match its checksum (changed after packaging)`);
  }
  for (const entry of entries) {
    if (isEntryName(entry.name) && !UNLISTED_ENTRIES.includes(entry.name) && !listed.has(entry.name)) problems.push(`${entry.name} is not listed in the manifest`);
  }
  for (const name of REQUIRED_ENTRIES) if (!byName.has(name)) problems.push(`${name} is missing`);
  if (manifest.keySource === 'pem' && !byName.has('public-key.pem')) problems.push('public-key.pem is missing');
  if (manifest.jwksCheck.included && !byName.has('jwks-check.json')) problems.push('jwks-check.json is missing');
  if (problems.length === 0) step('files', 'pass', `${manifest.files.length} files match their SHA-256 checksums; nothing unlisted.`);
  else step('files', 'fail', `${[...new Set(problems)].join('; ')}.`, { problems: [...new Set(problems)] });

  // 5. The signature with the enclosed key.
  // Strict UTF-8: a request.jwt with bad bytes is reported with the offset, never "repaired" first.
  const jwtBytes = byName.get('request.jwt');
  const jwtDecoded = jwtBytes ? tryDecodeUtf8(jwtBytes) : undefined;
  const jwtBadAt = jwtDecoded && 'offset' in jwtDecoded ? jwtDecoded.offset : undefined;
  const jwt = jwtDecoded && 'text' in jwtDecoded ? jwtDecoded.text.trim() : undefined;
  const jwks = parseJson(byName.get('jwks.json')) as { keys?: unknown } | undefined;
  const enclosedKeys = Array.isArray(jwks?.keys) ? (jwks.keys as unknown[]).filter((k): k is JWK => typeof k === 'object' && k !== null && !Array.isArray(k)) : [];
  const signed = jwt
    ? await verifyWithEnclosedKey(jwt, enclosedKeys)
    : { ok: false as const, message: jwtBadAt === undefined ? 'request.jwt is missing.' : `request.jwt is not valid UTF-8 (invalid byte at byte offset ${jwtBadAt}).` };
  if (signed.ok) step('signature', 'pass', `Signed with ${signed.alg} by the enclosed key kid ${JSON.stringify(signed.kid)} (thumbprint ${signed.thumbprint}).`);
  else step('signature', 'fail', signed.message);

  // 6. The claims against the files.
  const registration = registrationFileSchema.safeParse(parseJson(byName.get('registration.json')));
  let claims: RequestClaims | undefined;
  if (signed.ok) {
    const parsedClaims = requestClaimsSchema.safeParse(parseJson(signed.payload));
    if (!parsedClaims.success) step('claims', 'fail', 'The signed claims are not those of a registration request.');
    else {
      claims = parsedClaims.data;
      const mismatches = await claimMismatches(claims, { manifest, manifestData, registration: registration.success ? registration.data : undefined, enclosedKeys, signed, publicPem: byName.get('public-key.pem') });
      if (mismatches.length === 0) step('claims', 'pass', `The claims carry the manifest's SHA-256 (${claims.manifest_sha256}), the registration values and the key thumbprints; iss ${claims.iss}, aud ${claims.aud}.`);
      else step('claims', 'fail', `${mismatches.join('; ')}.`, { mismatches });
    }
  } else step('claims', 'skip', 'Not checked: the signature did not verify.');

  if (claims) {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    if (nowSeconds > claims.exp) step('claims.time', 'warn', `The request expired on ${new Date(claims.exp * 1000).toISOString()}: build a fresh package before sending it.`);
    else if (claims.iat > nowSeconds + 300) step('claims.time', 'warn', `The request is dated in the future (${new Date(claims.iat * 1000).toISOString()}): check the sender's clock.`);
    else step('claims.time', 'pass', `Valid until ${new Date(claims.exp * 1000).toISOString()}.`);
  }

  // 7. What the package asks for, and today's rules on it.
  if (registration.success) {
    const file = registration.data;
    requested = { provider: { id: file.provider.id, name: file.provider.name }, environment: { id: file.environment.id, label: file.environment.label }, values: file.client_metadata };
    try {
      // The key that signed the package is the one that would sign assertions: judge the declared algorithm against it.
      const signer = signed.ok ? keyFactsOf([{ ...signed.jwk, state: 'active', ...(signed.jwk.kty === 'RSA' && { size: rsaBits(signed.jwk) }) }]) : [];
      const report = validateMetadata(registration.data.client_metadata, getProfile(manifest.provider.id), manifest.environment.id, { keys: signer });
      findings = report.findings;
      const errors = report.findings.filter((f) => f.severity === 'error');
      const mismatch = errors.find((f) => f.code === 'signing_alg.key_mismatch');
      // The provider refuses every assertion of such a package: a failure, not a note about today's rules.
      if (mismatch) step('metadata', 'fail', `The enclosed key cannot produce the declared token_endpoint_auth_signing_alg: ${mismatch.message}`, { findings: errors.map((f) => ({ code: f.code, path: f.path, message: f.message })) });
      else if (errors.length === 0) step('metadata', 'pass', `No errors under today's ${manifest.provider.id} rules (${report.findings.length} warnings or notes).`);
      else step('metadata', 'warn', `${errors.length} error(s) under today's rules: ${errors.slice(0, 5).map((f) => `${f.code}${f.path ? ` at ${f.path}` : ''}`).join(', ')}.`, { findings: errors.map((f) => ({ code: f.code, path: f.path, message: f.message })) });
    } catch (error) {
      step('metadata', 'warn', `Could not re-validate: ${errorText(error)}`);
    }
  } else step('metadata', 'skip', 'Not checked: registration.json is not readable.');

  // 8. Live: the jwks_uri as it is now.
  let liveDiff: ReportDiff | undefined;
  const jwksUri = registration.success && typeof registration.data.client_metadata.jwks_uri === 'string' ? registration.data.client_metadata.jwks_uri : undefined;
  if (jwksUri !== undefined) liveFacts.jwksUri = jwksUri;
  if (offline) {
    step('live.signature', 'skip', 'Offline: the live jwks_uri was not contacted.');
    step('live.check', 'skip', 'Offline: the jwks_uri check was not re-run.');
  } else if (!jwksUri) {
    const why = manifest.keySource === 'pem' ? 'the provider takes the public key as a PEM (public-key.pem); there is no jwks_uri' : 'the registration has no jwks_uri';
    step('live.signature', 'skip', `Not run: ${why}.`);
    step('live.check', 'skip', `Not run: ${why}.`);
  } else if (!signed.ok || !jwt) {
    step('live.signature', 'skip', 'Not run: the package failed offline verification.');
    step('live.check', 'skip', 'Not run: the package failed offline verification.');
  } else {
    // One fetcher (with the --ca, when given) for both live steps: one TLS context, one connection pool.
    const { fetcher, release } = fetcherForCa(requireFetcher(options), options.caPem);
    try {
      if (Object.assign(liveFacts, await liveSignature(jwt, jwksUri, signed.alg, fetcher, options, (status, message, details) => step('live.signature', status, message, details))).refused) {
        step('live.check', 'skip', 'Not run: the network policy refused the jwks_uri before connecting (see the live signature step).');
      } else {
        const enclosedReport = jwksCheckReportSchema.safeParse(parseJson(byName.get('jwks-check.json')));
        if (enclosedReport.success) liveFacts.checkThen = enclosedReport.data.verdict;
        try {
          const clock: Clock = options.clock ?? { now: () => new Date() };
          const live = await checkJwksUri({
            url: jwksUri,
            fetcher,
            source: 'untrusted',
            sourceLabel: 'the package being verified',
            ...(options.allowPrivateNetwork !== undefined && { allowPrivateNetwork: options.allowPrivateNetwork }),
            clock,
            expectation: { publicJwks: [signed.jwk] },
            profileAlg: signed.alg,
            ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
          });
          liveFacts.checkNow = live.verdict;
          liveCheckStep(live, enclosedReport.success ? enclosedReport.data : undefined, (status, message, details) => step('live.check', status, message, details), (d) => (liveDiff = d));
        } catch (error) {
          step('live.check', 'warn', `The jwks_uri check could not run: ${errorText(error)}`);
        }
      }
    } finally {
      release();
    }
  }

  return result({ manifest, ...(sendTo !== undefined && { sendTo }), ...(liveDiff && { liveDiff }) });
}

function writeZipSafe(entries: readonly ZipEntry[], createdAt: Date): Uint8Array | undefined {
  try {
    return writeZip(orderEntries(entries), createdAt);
  } catch {
    return undefined;
  }
}

type Signed = { ok: true; alg: string; kid: string; thumbprint: string; jwk: JWK; payload: Uint8Array } | { ok: false; message: string };

async function verifyWithEnclosedKey(jwt: string, keys: readonly JWK[]): Promise<Signed> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jwt);
  } catch {
    return { ok: false, message: 'request.jwt is not a compact JWS.' };
  }
  const extra = Object.keys(header).filter((k) => !['alg', 'kid', 'typ'].includes(k));
  if (typeof header.alg !== 'string' || !(PACKAGE_ALGS as readonly string[]).includes(header.alg)) {
    return { ok: false, message: `request.jwt uses the algorithm ${JSON.stringify(header.alg)}, which is not accepted (only ${PACKAGE_ALGS.join(', ')}; never none or HMAC).` };
  }
  if (extra.length > 0) return { ok: false, message: `request.jwt has header parameters the format does not allow: ${extra.join(', ')}.` };
  if (header.typ !== REQUEST_TYP) return { ok: false, message: `request.jwt has typ ${JSON.stringify(header.typ)}, not ${REQUEST_TYP}.` };
  if (typeof header.kid !== 'string') return { ok: false, message: 'request.jwt has no kid.' };
  const candidates = keys.filter((k) => k.kid === header.kid);
  if (candidates.length !== 1) {
    return { ok: false, message: candidates.length === 0 ? `No key in jwks.json has the kid ${JSON.stringify(header.kid)} of request.jwt: it was signed by another key.` : `jwks.json has ${candidates.length} keys with the kid ${JSON.stringify(header.kid)}.` };
  }
  const jwk = candidates[0]!;
  if (jwk.alg !== undefined && jwk.alg !== header.alg) return { ok: false, message: `The key ${header.kid} is for ${jwk.alg}, but request.jwt uses ${header.alg}.` };
  if ('d' in jwk) return { ok: false, message: 'jwks.json holds private key material.' };
  try {
    const key = await importJWK({ ...jwk, ext: true }, header.alg);
    const { payload } = await compactVerify(jwt, key, { algorithms: [header.alg] });
    return { ok: true, alg: header.alg, kid: header.kid, thumbprint: await calculateJwkThumbprint(jwk, 'sha256'), jwk, payload };
  } catch (error) {
    return { ok: false, message: `The signature of request.jwt does not verify with the enclosed key ${JSON.stringify(header.kid)} (${errorText(error)}): it was altered or signed by another key.` };
  }
}

async function claimMismatches(
  claims: RequestClaims,
  ctx: { manifest: Manifest; manifestData: Uint8Array; registration: RegistrationFile | undefined; enclosedKeys: readonly JWK[]; signed: Extract<Signed, { ok: true }>; publicPem: Uint8Array | undefined },
): Promise<string[]> {
  const { manifest, registration, signed } = ctx;
  const out: string[] = [];
  if (claims.manifest_sha256 !== sha256Hex(ctx.manifestData)) out.push('manifest_sha256 is not the SHA-256 of manifest.json (the manifest was changed)');
  if (claims.iss !== manifest.request.iss) out.push('iss differs from the manifest');
  if (claims.iss !== requestIssuer(manifest.registration)) out.push('iss is not derived from the registration');
  if (claims.aud !== manifest.request.aud) out.push('aud differs from the manifest');
  const iat = Math.floor(new Date(manifest.createdAt).getTime() / 1000);
  if (claims.iat !== iat) out.push('iat is not the manifest creation time');
  if (claims.exp !== claims.iat + REQUEST_LIFETIME_SECONDS) out.push('exp is not iat + 30 days');
  if (claims.jti !== requestJti(claims.manifest_sha256, manifest.createdAt)) out.push('jti is not derived from the manifest');
  if (claims.provider !== manifest.provider.id || claims.environment !== manifest.environment.id) out.push('provider or environment differ from the manifest');
  if (!registration) out.push('registration.json is not readable');
  else {
    if (canonicalJson(claims.client_metadata) !== canonicalJson(registration.client_metadata)) out.push('client_metadata differs from registration.json');
    if (registration.provider.id !== manifest.provider.id || registration.environment.id !== manifest.environment.id) out.push('registration.json names another provider or environment');
    if (registration.registration.id !== manifest.registration.id || registration.registration.createdAt !== manifest.registration.createdAt) out.push('registration.json names another registration');
  }
  const prints: string[] = [];
  for (const jwk of ctx.enclosedKeys) prints.push(await calculateJwkThumbprint(jwk, 'sha256').catch(() => 'invalid'));
  if (canonicalJson(prints) !== canonicalJson(claims.jwk_thumbprints)) out.push('jwk_thumbprints differ from jwks.json');
  if (manifest.signingKey.kid !== signed.kid || manifest.signingKey.alg !== signed.alg || manifest.signingKey.thumbprint !== signed.thumbprint) out.push('the manifest names another signing key');
  if (ctx.publicPem) {
    try {
      const pemJwk = createPublicKey(decodeUtf8(ctx.publicPem, 'public-key.pem')).export({ format: 'jwk' }) as JWK;
      if ((await calculateJwkThumbprint(pemJwk, 'sha256')) !== signed.thumbprint) out.push('public-key.pem is not the signing key');
    } catch {
      out.push('public-key.pem is not a public key');
    }
  }
  return out;
}

type StepSink = (status: StepStatus, message: string, details?: Record<string, unknown>) => void;

/** What the live steps learnt, for the live verdict. */
interface LiveFacts {
  jwksUri?: string;
  reachable?: boolean;
  keyPublished?: boolean;
  checkThen?: Verdict;
  checkNow?: Verdict;
  /** The network policy refused the jwks_uri before connecting. */
  refused?: boolean;
}

function requireFetcher(options: VerifyPackageOptions): Fetcher {
  if (!options.fetcher) throw new AppError('INTERNAL', 'verifyPackage was called online without a fetcher.');
  return options.fetcher;
}

/**
 * Fetches the key set at the jwks_uri now and verifies request.jwt against it. A jwks_uri that
 * cannot be fetched (or gives no JWK Set) fails the live state: the provider could not fetch it either.
 */
async function liveSignature(jwt: string, url: string, alg: string, fetcher: Fetcher, options: VerifyPackageOptions, report: StepSink): Promise<Pick<LiveFacts, 'reachable' | 'keyPublished' | 'refused'>> {
  let set: JSONWebKeySet;
  try {
    const response = await fetcher.fetch(url, {
      accept: 'application/jwk-set+json, application/json',
      // The package is untrusted input: its jwks_uri must not reach into this network.
      source: 'untrusted',
      sourceLabel: 'the package being verified',
      ...(options.allowPrivateNetwork !== undefined && { allowPrivateNetwork: options.allowPrivateNetwork }),
      ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    });
    if (response.status !== 200) {
      report('fail', `The jwks_uri answered HTTP ${response.status}; the provider could not fetch the key set either.`, { httpStatus: response.status });
      return { reachable: false };
    }
    const parsed = JSON.parse(response.text()) as { keys?: unknown };
    if (!Array.isArray(parsed.keys)) {
      report('fail', 'The jwks_uri did not return a JWK Set; the provider could not use it either.');
      return { reachable: false };
    }
    set = { keys: parsed.keys as JWK[] };
  } catch (error) {
    if (hasErrorCode(error, 'NETWORK_ADDRESS_REFUSED')) {
      report('fail', `The package's jwks_uri was not fetched. ${error.message}`, { refused: { code: error.code, ...error.details } });
      return { reachable: false, refused: true };
    }
    report('fail', `The jwks_uri could not be fetched now: ${isAppError(error) ? `${error.message} [${error.code}]` : errorText(error)}`, isAppError(error) ? { code: error.code } : undefined);
    return { reachable: false };
  }
  try {
    await compactVerify(jwt, createLocalJWKSet(set), { algorithms: [alg] });
    report('pass', `request.jwt verifies against the key set published at ${url} now.`);
    return { reachable: true, keyPublished: true };
  } catch (error) {
    report('fail', `request.jwt does not verify against the key set published at ${url} now (${errorText(error)}): the signing key is not (or no longer) published there.`, {
      liveKids: set.keys.map((k) => k.kid ?? null).slice(0, 20),
    });
    return { reachable: true, keyPublished: false };
  }
}

const isLiveStep = (s: VerifyStep) => s.id.startsWith('live.');

/** Intact and signed by the enclosed key: every step but the live ones. */
function intactVerdict(steps: readonly VerifyStep[]): IntactVerdict {
  // Today's rules say whether the request would be accepted, not whether the file is intact.
  const failed = steps.filter((s) => !isLiveStep(s) && s.id !== 'metadata' && s.status === 'fail');
  if (failed.length === 0) return { status: 'pass', message: 'The package is intact and signed by the enclosed key.', failed: [] };
  return { status: 'fail', message: `The package is not intact; failed: ${failed.map((s) => s.title).join('; ')}.`, failed: failed.map((s) => s.id) };
}

/** The live state now, from the live steps and what they learnt. */
function liveVerdict(steps: readonly VerifyStep[], facts: LiveFacts, intact: IntactVerdict): LiveVerdict {
  const live = steps.filter(isLiveStep);
  const base = {
    ...(facts.jwksUri !== undefined && { jwksUri: facts.jwksUri }),
    ...(facts.reachable !== undefined && { reachable: facts.reachable }),
    ...(facts.keyPublished !== undefined && { keyPublished: facts.keyPublished }),
    ...(facts.checkThen !== undefined && { checkThen: facts.checkThen }),
    ...(facts.checkNow !== undefined && { checkNow: facts.checkNow }),
  };
  if (live.length === 0 || live.every((s) => s.status === 'skip')) {
    const why = live[0]?.message ?? (intact.status === 'fail' ? 'Not run: the package failed offline verification.' : 'The live jwks_uri was not checked.');
    return { status: 'not-checked', message: why, ...base };
  }
  const check = facts.checkThen !== undefined || facts.checkNow !== undefined ? ` (jwks_uri check: ${facts.checkThen === undefined ? 'none packaged' : `${facts.checkThen.toUpperCase()} at packaging`} → ${facts.checkNow === undefined ? 'not run now' : `${facts.checkNow.toUpperCase()} now`})` : '';
  const reasons: string[] = [];
  if (facts.refused) reasons.push('the jwks_uri was refused by the network policy before connecting (a private or link-local address in an untrusted package)');
  else if (facts.reachable === false) reasons.push('the jwks_uri is not reachable');
  if (facts.keyPublished === false) reasons.push('the signing key is no longer published at the jwks_uri');
  if (facts.checkNow === 'fail') reasons.push('the jwks_uri check fails now');
  if (reasons.length > 0) return { status: 'fail', message: `${reasons.join('; ')}${check}.`, ...base };
  if (live.some((s) => s.status === 'warn' || s.status === 'fail')) return { status: 'warn', message: `the jwks_uri is reachable and publishes the signing key, but it changed since packaging${check}.`, ...base };
  return { status: 'pass', message: `the jwks_uri is reachable and still publishes the signing key${check}.`, ...base };
}

/** One sentence that says which part failed, if any. */
function headline(intact: IntactVerdict, live: LiveVerdict): string {
  if (intact.status === 'fail') return `${intact.message} Do not act on it; ask the sender for a fresh package.`;
  switch (live.status) {
    case 'fail':
      return `The package itself is intact; its live state fails: ${live.message}`;
    case 'warn':
      return `The package is intact and signed by the enclosed key; its live state warns: ${live.message}`;
    case 'pass':
      return `The package is intact and signed by the enclosed key; its live state passes: ${live.message}`;
    case 'not-checked':
      return `The package is intact and signed by the enclosed key; its live state was not checked (${live.message.replace(/\.$/, '')}).`;
    default:
      return assertNever(live.status);
  }
}

function liveCheckStep(live: JwksCheckReport, enclosed: JwksCheckReport | undefined, report: StepSink, keepDiff: (diff: ReportDiff) => void): void {
  if (!enclosed) {
    report(live.verdict === 'fail' ? 'warn' : 'pass', `No check was packaged; the check now gives ${live.verdict.toUpperCase()}.`, { verdictNow: live.verdict });
    return;
  }
  const full = compareReports(enclosed, live);
  const diff: ReportDiff = {
    ...full,
    changed: full.changed.filter((c) => !VERIFIER_CANNOT_RUN.has(c.id)),
    added: full.added.filter((c) => !VERIFIER_CANNOT_RUN.has(c.id)),
    removed: full.removed.filter((c) => !VERIFIER_CANNOT_RUN.has(c.id)),
  };
  keepDiff(diff);
  const changes = diff.changed.length + diff.added.length + diff.removed.length;
  if (changes === 0 && !diff.verdictChanged) {
    report('pass', `Unchanged since packaging (${live.verdict.toUpperCase()}).`);
    return;
  }
  const listed = diff.changed.slice(0, 8).map((c) => `${c.id} ${c.before}→${c.after}`);
  report('warn', `The jwks_uri changed since packaging: verdict ${diff.verdict.before.toUpperCase()}→${diff.verdict.after.toUpperCase()}${listed.length ? `; ${listed.join(', ')}` : ''}${diff.added.length ? `; new checks: ${diff.added.map((a) => a.id).join(', ')}` : ''}.`, {
    changed: diff.changed,
  });
}
