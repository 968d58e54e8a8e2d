/**
 * The support pack (issue 12 item 4): one zip with what NHS support asks for about ONE
 * registration, in the shape each provider's support asks for — API platform: the application
 * name and id, the first and last 4 characters of the API key, the JWT header and payload, the
 * exact request and the time; CIS2: the JWKS URL and the JWT (header and payload) — plus the
 * last jwks_uri check report, versions and the OS.
 *
 * Redaction is by construction (only public facts are collected; the assertion's signature, the
 * assertion in the token request and every credential are left out) and then PROVEN: every byte
 * of every entry and of the archive is scanned for private key material and for the stored
 * secrets of this registration — the client secret and the key-file data keys, read from the
 * keychain for that only — and for its full API key. A hit refuses the write (`SECRET_WOULD_LEAK`).
 *
 * Deterministic for the same inputs and clock (the project's STORED zip writer, fixed order and
 * mtime) and written atomically, mode 0600.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { AppError, isAppError } from '../../contract/errors';
import type { JwksCheckReport } from '../../contract/schemas/jwks-check';
import type { Registration } from '../../contract/schemas/registration';
import { existingFolderId, storedItemAccounts } from '../credentials/accounts';
import { credentialFieldsFor } from '../credentials/issued';
import { DEFAULT_ASSERTION_LIFETIME_SECONDS } from '../credentials/assertion';
import { toMarkdown } from '../jwks-check/markdown';
import { activeKey, parseKeyRecord } from '../keys';
import { scanForSecrets, type KnownSecret } from '../package/scan';
import { writeZip, type ZipEntry } from '../package/zip';
import type { Clock, Logger, SecretVault } from '../ports';
import { findEnvironment } from '../profiles';
import { profileFor } from '../registration/profile-for';
import { nodeFileOps, writeFileAtomic } from '../storage/atomic-file';
import type { RegistrationRepository } from '../storage/registrations';
import { APP_NAME, APP_VERSION } from '../version';
import { localTimeWithOffset, formatUtcOffset, maskApiKey } from './mask';
import { supportPackMarkdown, supportPackReadme } from './readme';
import { elidedTokenRequest, tokenRequestText, type ElidedTokenRequest } from './token-request';

/** `format` member of `support.json`. */
export const SUPPORT_PACK_FORMAT = 'oidc-onboard/support-pack';

/** Where the assertion in the pack comes from. */
export type AssertionSource = 'last-built' | 'illustration' | 'none';

/** The content of `support.json`: everything the pack says, as data. */
export interface SupportPackFacts {
  format: typeof SUPPORT_PACK_FORMAT;
  version: 1;
  /** When the pack was made, UTC. */
  createdAt: string;
  /** The same moment in this machine's local time with its UTC offset. */
  localTime: string;
  utcOffset: string;
  timeZone: string;
  app: { name: string; version: string };
  runtime: { node: string; electron?: string; chrome?: string };
  os: { platform: string; arch: string; type: string; release: string };
  provider: { id: string; name: string };
  environment: { id: string; label: string };
  application: {
    registrationId: string;
    clientName: string | null;
    /** What the provider issued to identify the client: an API key (masked) or a Client ID. */
    identifier: { label: string; value: string; masked: boolean } | null;
    /** The API platform's application id (a UUID): as given for this pack, else as stored with the credentials. */
    applicationId: string | null;
    /** The KID the registration is tied to, as stored with the credentials (API platform). */
    registeredKid: string | null;
    activeKey: { kid: string; alg: string; thumbprint: string } | null;
  };
  authMethod: string;
  jwksUri: string | null;
  assertion: {
    source: AssertionSource;
    /** When the assertion was built (for `last-built`). */
    builtAt?: string;
    by?: 'assertion' | 'probe';
    header?: Record<string, unknown>;
    payload?: Record<string, unknown>;
    signature: 'removed' | 'none';
    note: string;
  };
  tokenRequest: ElidedTokenRequest | null;
  lastCheck: { url: string; verdict: string; startedAt: string } | null;
  /** What was left out or masked, in plain words. */
  removed: string[];
}

/** What {@link buildSupportPack} needs. */
export interface SupportPackDeps {
  registrations: RegistrationRepository;
  vault: SecretVault;
  /** The data folder, whose installation id names its keychain items (see `credentials/accounts.ts`). */
  dataDir?: string;
  clock: Clock;
  logger: Logger;
  /** The newest kept jwks_uri check report of a registration. */
  latestCheck(registrationId: string): Promise<JwksCheckReport | undefined>;
  /** Electron and Chrome versions when running inside Electron. */
  runtime?: { electron?: string; chrome?: string };
}

/** Options of one pack. */
export interface SupportPackOptions {
  /** The API platform's application id; default the one stored with the credentials. */
  applicationId?: string;
}

/** A pack in memory, scanned. */
export interface SupportPack {
  facts: SupportPackFacts;
  entries: ZipEntry[];
  zip: Uint8Array;
}

/** What was written. */
export interface SupportPackResult {
  path: string;
  bytes: number;
  sha256: string;
  entries: string[];
  assertionSource: AssertionSource;
}

const encoder = new TextEncoder();
const text = (name: string, body: string): ZipEntry => ({ name, data: encoder.encode(body) });
const json = (name: string, value: unknown): ZipEntry => text(name, `${JSON.stringify(value, null, 2)}\n`);

/**
 * Whether the identifier the provider issued is an API key, shown masked to its first and last 4
 * characters (support asks for exactly that): where the profile labels it so. The API platform is
 * named as well, so a registration declaring an unexpected method is still masked.
 */
function identifierIsApiKey(registration: Registration): boolean {
  return registration.provider === 'nhs-api-platform' || credentialFieldsFor(registration).identifierLabel === 'API key';
}

/** The stored secrets of this registration (read only to scan for them) and its full API key. */
async function secretsToScanFor(deps: SupportPackDeps, registration: Registration): Promise<KnownSecret[]> {
  const out: KnownSecret[] = [];
  const credentials = registration.credentials;
  if (credentials && identifierIsApiKey(registration)) out.push({ value: credentials.clientId, label: 'full API key' });
  // Both the folder-scoped names and the old ones (an item not moved yet); nothing is created or moved here.
  const accounts = storedItemAccounts(deps.dataDir === undefined ? undefined : existingFolderId(deps.dataDir), registration);
  for (const { account, label } of accounts) {
    let value: string | undefined;
    try {
      value = await deps.vault.get(account);
    } catch (error) {
      // Fail closed: a secret we cannot read is a secret we cannot prove absent.
      throw new AppError('KEYCHAIN_UNAVAILABLE', `Nothing was written: the ${deps.vault.backendName} could not be read, so the pack cannot be checked for the stored ${label}. ${isAppError(error) ? error.message : ''}`.trim(), {
        cause: error,
        details: { backend: deps.vault.backendName },
      });
    }
    if (value !== undefined) out.push({ value, label });
  }
  return out;
}

function maskClaims(claims: Record<string, unknown>, apiKey: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(claims)) {
    out[name] = apiKey !== undefined && (name === 'iss' || name === 'sub') && typeof value === 'string' ? maskApiKey(value) : value;
  }
  return out;
}

/** Collects the facts (no secret is read here; the scan reads them later). */
function collectFacts(deps: SupportPackDeps, registration: Registration, check: JwksCheckReport | undefined, options: SupportPackOptions): SupportPackFacts {
  const now = deps.clock.now();
  const profile = profileFor(registration);
  const environment = findEnvironment(profile, registration.environment);
  const metadata = registration.metadata;
  // As declared (an unknown value is shown as written), else the profile's default.
  const declaredMethod = metadata.token_endpoint_auth_method;
  const authMethod = typeof declaredMethod === 'string' ? declaredMethod : profile.defaultAuthMethod;
  const isApiKey = identifierIsApiKey(registration);
  const issued = credentialFieldsFor(registration);
  const clientId = registration.credentials?.clientId;
  const shownId = clientId === undefined ? undefined : isApiKey ? maskApiKey(clientId) : clientId;
  const active = activeKey(registration.keys.map(parseKeyRecord));
  const redirectUris = metadata.redirect_uris;
  const redirectUri = Array.isArray(redirectUris) && typeof redirectUris[0] === 'string' ? redirectUris[0] : undefined;
  const grantType = registration.provider === 'nhs-api-platform' ? 'client_credentials' : 'authorization_code';
  const last = registration.lastAssertion;
  const tokenEndpoint = (typeof last?.claims.aud === 'string' ? last.claims.aud : undefined) ?? environment?.tokenEndpoint;
  const usesAssertion = authMethod === 'private_key_jwt';

  let assertion: SupportPackFacts['assertion'];
  if (last) {
    assertion = {
      source: 'last-built',
      builtAt: last.builtAt,
      by: last.by,
      header: last.header,
      payload: maskClaims(last.claims, isApiKey ? clientId ?? '' : undefined),
      signature: 'removed',
      note: `The last client assertion built by OIDC Onboard (${last.by === 'probe' ? 'token-endpoint probe' : 'assertion helper'}, ${last.builtAt}): header and payload as signed; the signature is removed${isApiKey ? ', and iss/sub (the API key) are masked to their first and last 4 characters' : ''}.`,
    };
  } else if (usesAssertion && active) {
    const iat = Math.floor(now.getTime() / 1000);
    const id = shownId ?? '<Client ID not saved yet>';
    assertion = {
      source: 'illustration',
      header: { alg: active.alg, kid: active.kid, typ: 'JWT' },
      payload: { iss: id, sub: id, aud: tokenEndpoint ?? '<token endpoint>', jti: '<a new random UUID per assertion>', iat, exp: iat + DEFAULT_ASSERTION_LIFETIME_SECONDS },
      signature: 'none',
      note: 'No assertion has been built for this registration yet, so this is an unsigned illustration of the header and payload OIDC Onboard would build now (same rules as the assertion helper). Build one with the assertion helper, then make a fresh pack, to show the exact one.',
    };
  } else {
    assertion = {
      source: 'none',
      signature: 'none',
      note: usesAssertion ? 'No assertion: the registration has no active key yet.' : `No assertion: the registration authenticates with ${authMethod}, not a signed JWT.`,
    };
  }

  // As stored with the credentials (the API platform's Developer Hub application id), unless given now.
  const applicationId = options.applicationId?.trim() || registration.credentials?.applicationId || null;
  return {
    format: SUPPORT_PACK_FORMAT,
    version: 1,
    createdAt: now.toISOString(),
    localTime: localTimeWithOffset(now),
    utcOffset: formatUtcOffset(-now.getTimezoneOffset()),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    app: { name: APP_NAME, version: APP_VERSION },
    runtime: { node: process.versions.node, ...deps.runtime },
    os: { platform: process.platform, arch: process.arch, type: os.type(), release: os.release() },
    provider: { id: registration.provider, name: profile.name },
    environment: { id: registration.environment, label: environment?.label ?? registration.environment },
    application: {
      registrationId: registration.id,
      clientName: typeof metadata.client_name === 'string' ? metadata.client_name : null,
      identifier: clientId === undefined ? null : { label: isApiKey ? 'API key' : issued.identifierLabel, value: shownId!, masked: isApiKey },
      applicationId,
      registeredKid: registration.credentials?.kid ?? null,
      activeKey: active ? { kid: active.kid, alg: active.alg, thumbprint: active.thumbprint } : null,
    },
    authMethod,
    jwksUri: typeof metadata.jwks_uri === 'string' ? metadata.jwks_uri : null,
    assertion,
    tokenRequest:
      tokenEndpoint === undefined
        ? null
        : elidedTokenRequest({ tokenEndpoint, authMethod, grantType, ...(shownId !== undefined && { clientIdShown: shownId }), ...(redirectUri !== undefined && { redirectUri }) }),
    lastCheck: check ? { url: check.url, verdict: check.verdict, startedAt: check.startedAt } : null,
    removed: [
      'the assertion\'s signature (so the pack holds no usable JWT)',
      'client_assertion in the token request (shown as <elided>)',
      ...(isApiKey ? ['the API key, except its first and last 4 characters'] : []),
      'client secrets, private keys, key-file data keys and passphrases (never collected; the pack is scanned for them before it is written)',
      'notes and key files',
    ],
  };
}

/** The entries, in their fixed order. */
function entriesOf(facts: SupportPackFacts, check: JwksCheckReport | undefined): ZipEntry[] {
  const entries: ZipEntry[] = [text('README.txt', supportPackReadme(facts)), text('support.md', supportPackMarkdown(facts)), json('support.json', facts)];
  if (facts.assertion.header && facts.assertion.payload) {
    entries.push(json('assertion.json', { source: facts.assertion.source, note: facts.assertion.note, header: facts.assertion.header, payload: facts.assertion.payload, signature: facts.assertion.signature }));
  }
  if (facts.tokenRequest) entries.push(text('token-request.http', tokenRequestText(facts.tokenRequest)));
  if (check) entries.push(json('jwks-check.json', check), text('jwks-check.md', toMarkdown(check)));
  return entries;
}

/**
 * Builds and scans the pack of `registrationId` in memory.
 *
 * @throws AppError `NOT_FOUND` (no such registration), `KEYCHAIN_UNAVAILABLE` (a stored secret
 *   could not be read to scan for it), `SECRET_WOULD_LEAK` (the scan found a secret; nothing is written).
 */
export async function buildSupportPack(deps: SupportPackDeps, registrationId: string, options: SupportPackOptions = {}): Promise<SupportPack> {
  const registration = deps.registrations.get(registrationId);
  const check = await deps.latestCheck(registrationId).catch(() => undefined);
  const facts = collectFacts(deps, registration, check, options);
  const entries = entriesOf(facts, check);
  const zip = writeZip(entries, new Date(facts.createdAt));
  const hits = scanForSecrets(entries, zip, await secretsToScanFor(deps, registration));
  if (hits.length > 0) {
    const what = [...new Set(hits.map((h) => (h.kind === 'known-secret' ? (h.label ?? 'a stored secret') : h.kind === 'private-key-pem' ? 'a PEM private key' : 'a private JWK member')))];
    const where = [...new Set(hits.filter((h) => h.entry !== '(archive)').map((h) => h.entry))];
    throw new AppError('SECRET_WOULD_LEAK', `Refused to write the support pack: ${what.join(', ')} would be included (in ${where.join(', ') || 'the archive'}). Nothing was written.`, {
      details: { hits: hits.map((h) => ({ entry: h.entry, kind: h.kind, ...(h.label !== undefined && { label: h.label }) })) },
    });
  }
  return { facts, entries, zip };
}

/**
 * Builds, scans and writes the pack to `outPath` (atomically, mode 0600).
 *
 * @throws as {@link buildSupportPack}, and `STORAGE_WRITE_FAILED` when the file cannot be written.
 */
export async function writeSupportPack(deps: SupportPackDeps, registrationId: string, outPath: string, options: SupportPackOptions = {}): Promise<SupportPackResult> {
  const target = path.resolve(outPath);
  const pack = await buildSupportPack(deps, registrationId, options);
  try {
    await writeFileAtomic(nodeFileOps, target, pack.zip, 0o600);
  } catch (error) {
    throw new AppError('STORAGE_WRITE_FAILED', `The support pack could not be written to ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, {
      cause: error,
      details: { path: target },
    });
  }
  deps.logger.info('support pack written', { registrationId, path: target, bytes: pack.zip.length });
  return {
    path: target,
    bytes: pack.zip.length,
    sha256: createHash('sha256').update(pack.zip).digest('hex'),
    entries: pack.entries.map((e) => e.name),
    assertionSource: pack.facts.assertion.source,
  };
}
