/**
 * The diagnostics bundle support staff ask for: one zip with `diagnostics.json` (versions, OS,
 * keychain backend and a live probe, the registrations' non-secret state, recent errors), the
 * newest stored jwks_uri check reports and the tails of the app's log files. It never contains a secret: only public parts and flags are
 * collected, and every text is passed through `redactText` together with the values of the
 * secrets we hold (client secrets and key-file data keys, read from the keychain for that
 * purpose only), so even a secret that leaked into a log line is masked.
 *
 * The zip is deterministic for the same inputs and clock (fixed entry order and mtimes) and is
 * written atomically (temp file + rename) with mode 0600.
 */
import { createHash } from 'node:crypto';
import { open, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { AppError } from '../../contract/errors';
import type { Registration } from '../../contract/schemas/registration';
import { probeKeychain, type KeychainProbe } from '../storage/keychain-probe';
import { APP_NAME, APP_VERSION } from '../version';
import { existingFolderId, storedItemAccounts } from '../credentials/accounts';
import { nodeFileOps, writeFileAtomic } from '../storage/atomic-file';
import type { Clock, Logger, SecretVault } from '../ports';
import { redactText, secretForms } from '../redact';
import type { RegistrationRepository } from '../storage/registrations';
import type { SettingsStore } from '../storage/settings-store';

/** `format` member of `diagnostics.json`. */
export const DIAGNOSTICS_FORMAT = 'oidc-onboard-diagnostics';
/** Lines kept from the end of each log file. */
export const LOG_TAIL_LINES = 200;
/** Bytes read from the end of a log file to find its last lines (logs can be large). */
const LOG_TAIL_BYTES = 512 * 1024;
/** Log files included at most (the newest by name). */
const MAX_LOG_FILES = 5;
/** Check summaries kept per registration. */
const MAX_CHECKS = 10;
/** Full jwks_uri check reports (`<dataDir>/reports/<id>/<reportId>.json`) included per registration, newest. */
const MAX_REPORTS = 3;
/** Larger report files are left out (a report is a few KiB; anything huge is not one). */
const MAX_REPORT_BYTES = 512 * 1024;
// The jwks-check service's report ids: a timestamp with optional suffix — also a safe file name.
const REPORT_ID = /^[0-9TZ-]+(-[0-9a-z]+)?$/;
const REGISTRATION_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** What {@link writeDiagnosticsBundle} needs. */
export interface DiagnosticsDeps {
  /** The settings file, for its own facts only (schema version, read-only, notices). */
  store: SettingsStore;
  registrations: RegistrationRepository;
  vault: SecretVault;
  clock: Clock;
  logger: Logger;
  dataDir: string;
  /** Electron and Chrome versions when running inside Electron. */
  runtime?: { electron?: string; chrome?: string };
}

/** One log file's tail. */
export interface LogTail {
  file: string;
  lines: string[];
}

/** The content of `diagnostics.json`. */
export interface DiagnosticsReport {
  format: typeof DIAGNOSTICS_FORMAT;
  version: 1;
  createdAt: string;
  app: { name: string; version: string };
  runtime: { node: string; v8: string; electron?: string; chrome?: string };
  os: { platform: string; arch: string; type: string; release: string };
  /** The data folder, with the home directory shown as `~`. */
  dataDir: string;
  keychain: { backend: string; service: string; probe: KeychainProbe };
  settings: { schemaVersion: number; readOnly: boolean; notices: string[] };
  registrations: Record<string, unknown>[];
  /** Recent `error`-level log entries, newest last. */
  recentErrors: string[];
  /** The stored jwks_uri check reports included as `reports/<id>/<reportId>.json` entries. */
  checkReports: { registrationId: string; reportId: string }[];
  logs: LogTail[];
  /** Why the log tails are missing, when they are (fail closed: secrets that cannot be read cannot be masked). */
  logsOmitted?: string;
  /** `knownSecrets`: how many stored secrets were read to be masked by value. */
  redaction: { knownSecrets: number; keychainRead: boolean };
}

/** What was written. */
export interface DiagnosticsBundleResult {
  path: string;
  size: number;
  /** SHA-256 of the zip, hex (to quote in a support ticket). */
  sha256: string;
  /** Zip entry names, in order. */
  entries: string[];
  warnings: string[];
}

const PUBLIC_JWK_MEMBERS = ['kty', 'kid', 'use', 'alg', 'key_ops', 'n', 'e', 'crv', 'x', 'y'];
const KEY_RECORD_MEMBERS = ['kid', 'alg', 'kty', 'crv', 'size', 'thumbprint', 'createdAt', 'state', 'activatedAt', 'retiredAt', 'removeAfter', 'custody'];

function pick(source: Record<string, unknown>, members: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const member of members) if (source[member] !== undefined) out[member] = source[member];
  return out;
}

/** The public parts of a stored key record (allow-list: anything unknown is left out). */
function publicKeyRecord(record: Record<string, unknown>): Record<string, unknown> {
  const out = pick(record, KEY_RECORD_MEMBERS);
  const jwk = record.publicJwk;
  if (typeof jwk === 'object' && jwk !== null) out.publicJwk = pick(jwk as Record<string, unknown>, PUBLIC_JWK_MEMBERS);
  return out;
}

/** The non-secret state of one registration (no notes: they are free text users may paste anything into). */
function registrationState(registration: Registration): Record<string, unknown> {
  return {
    id: registration.id,
    provider: registration.provider,
    environment: registration.environment,
    ...(registration.discoveryUrl === undefined ? {} : { discoveryUrl: registration.discoveryUrl }),
    createdAt: registration.createdAt,
    updatedAt: registration.updatedAt,
    metadata: registration.metadata,
    keys: registration.keys.map(publicKeyRecord),
    checks: registration.checks.slice(-MAX_CHECKS),
    packages: registration.packages,
    ...(registration.credentials
      ? { credentials: { clientId: registration.credentials.clientId, receivedAt: registration.credentials.receivedAt, hasSecret: registration.credentials.hasSecret } }
      : {}),
  };
}

/** The last `maxLines` lines of a file, reading at most {@link LOG_TAIL_BYTES} from its end. */
async function tailLines(file: string, maxLines: number): Promise<string[]> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - LOG_TAIL_BYTES);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const lines = buffer.toString('utf8').split(/\r?\n/);
    if (start > 0) lines.shift(); // a partial first line
    if (lines.at(-1) === '') lines.pop();
    return lines.slice(-maxLines);
  } finally {
    await handle.close();
  }
}

async function readLogs(dataDir: string): Promise<LogTail[]> {
  const dir = path.join(dataDir, 'logs');
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.log')).map((e) => e.name);
  } catch {
    return [];
  }
  const chosen = names.sort().slice(-MAX_LOG_FILES);
  const tails: LogTail[] = [];
  for (const name of chosen) {
    try {
      tails.push({ file: name, lines: await tailLines(path.join(dir, name), LOG_TAIL_LINES) });
    } catch {
      tails.push({ file: name, lines: ['[unreadable]'] });
    }
  }
  return tails;
}

/** The newest stored check reports of every registration (text, unparsed). */
async function readReports(dataDir: string, registrations: readonly Registration[]): Promise<{ registrationId: string; reportId: string; text: string }[]> {
  const out: { registrationId: string; reportId: string; text: string }[] = [];
  for (const registration of registrations) {
    if (!REGISTRATION_ID.test(registration.id) || registration.id.includes('..')) continue;
    const ids = registration.checks
      .map((summary) => summary.reportId)
      .filter((id): id is string => typeof id === 'string' && REPORT_ID.test(id))
      .slice(-MAX_REPORTS);
    for (const reportId of ids) {
      const file = path.join(dataDir, 'reports', registration.id, `${reportId}.json`);
      try {
        const handle = await open(file, 'r');
        try {
          if ((await handle.stat()).size > MAX_REPORT_BYTES) continue;
          out.push({ registrationId: registration.id, reportId, text: await handle.readFile('utf8') });
        } finally {
          await handle.close();
        }
      } catch {
        // Pruned or never written: the summary in the registration is still there.
      }
    }
  }
  return out;
}

function isErrorLine(line: string): boolean {
  try {
    const entry = JSON.parse(line) as { level?: unknown };
    return entry.level === 'error';
  } catch {
    return /\berror\b/i.test(line);
  }
}

/** Values of every secret we hold (in every form they may appear in), read only to mask them. */
async function knownSecrets(registrations: RegistrationRepository, vault: SecretVault, dataDir: string): Promise<{ secrets: string[]; count: number; keychainRead: boolean }> {
  const folderId = existingFolderId(dataDir);
  const accounts = registrations.list().flatMap((registration) => storedItemAccounts(folderId, registration).map((item) => item.account));
  const secrets: string[] = [];
  let count = 0;
  try {
    for (const account of accounts) {
      const value = await vault.get(account);
      if (value === undefined) continue;
      count += 1;
      secrets.push(...secretForms(value));
    }
    return { secrets, count, keychainRead: true };
  } catch {
    return { secrets, count, keychainRead: accounts.length === 0 };
  }
}

function tildePath(p: string): string {
  const home = os.homedir();
  return home !== '' && (p === home || p.startsWith(home + path.sep)) ? `~${p.slice(home.length)}` : p;
}

/**
 * Collects the report, already redacted. Reads the keychain (the stored secrets, only to mask
 * them; they are never returned) and writes nothing but the probe item it deletes again.
 */
export async function collectDiagnostics(deps: DiagnosticsDeps): Promise<DiagnosticsReport> {
  return (await collect(deps)).report;
}

/** The report plus the (redacted) texts of the included check reports, keyed by zip entry name. */
async function collect(deps: DiagnosticsDeps): Promise<{ report: DiagnosticsReport; reportFiles: Map<string, string> }> {
  const schemaVersion = deps.store.select((settings) => settings.schemaVersion);
  const registrations = deps.registrations.list().sort((a, b) => a.id.localeCompare(b.id));
  const [probe, logs, known, reports] = await Promise.all([
    probeKeychain(deps.vault),
    readLogs(deps.dataDir),
    knownSecrets(deps.registrations, deps.vault, deps.dataDir),
    readReports(deps.dataDir, registrations),
  ]);
  const redactLines = (lines: string[]) => lines.map((line) => redactText(line, known.secrets));
  // Without the secrets' values a leaked one could not be masked, so the logs stay out.
  const redactedLogs = known.keychainRead ? logs.map((tail) => ({ file: tail.file, lines: redactLines(tail.lines) })) : [];
  const logsOmitted =
    !known.keychainRead && logs.length > 0 ? 'The log tails were left out: the keychain could not be read, so secrets in them could not be masked.' : undefined;
  const report: DiagnosticsReport = {
    format: DIAGNOSTICS_FORMAT,
    version: 1,
    createdAt: deps.clock.now().toISOString(),
    app: { name: APP_NAME, version: APP_VERSION },
    runtime: { node: process.versions.node, v8: process.versions.v8, ...deps.runtime },
    os: { platform: process.platform, arch: process.arch, type: os.type(), release: os.release() },
    dataDir: tildePath(deps.dataDir),
    keychain: { backend: deps.vault.backendName, service: deps.vault.service, probe },
    settings: { schemaVersion, readOnly: deps.store.readOnly, notices: deps.store.notices.map((n) => n.message) },
    registrations: registrations.map(registrationState),
    recentErrors: redactedLogs.flatMap((tail) => tail.lines.filter(isErrorLine)).slice(-LOG_TAIL_LINES),
    checkReports: reports.map(({ registrationId, reportId }) => ({ registrationId, reportId })),
    logs: redactedLogs,
    ...(logsOmitted === undefined ? {} : { logsOmitted }),
    redaction: { knownSecrets: known.count, keychainRead: known.keychainRead },
  };
  // The whole document once more through the redactor: secret-looking members anywhere are masked.
  const reportFiles = new Map(reports.map((r) => [`reports/${r.registrationId}/${r.reportId}.json`, redactText(r.text, known.secrets)]));
  return { report: JSON.parse(redactText(JSON.stringify(report), known.secrets)) as DiagnosticsReport, reportFiles };
}

/**
 * Writes the diagnostics zip to `outPath` (atomically, mode 0600).
 *
 * @throws AppError `STORAGE_WRITE_FAILED` when the file cannot be written (nothing is left behind).
 */
export async function writeDiagnosticsBundle(deps: DiagnosticsDeps, outPath: string): Promise<DiagnosticsBundleResult> {
  const target = path.resolve(outPath);
  const { report, reportFiles } = await collect(deps);
  // A fixed mtime (the report's time) keeps the zip byte-identical for identical inputs.
  const mtime = new Date(report.createdAt);
  const entries: Zippable = { 'diagnostics.json': [strToU8(JSON.stringify(report, null, 2) + '\n'), { mtime }] };
  for (const [name, text] of reportFiles) entries[name] = [strToU8(text), { mtime }];
  for (const tail of report.logs) {
    entries[`logs/${tail.file}`] = [strToU8(tail.lines.join('\n') + '\n'), { mtime }];
  }
  const zip = zipSync(entries, { level: 6 });
  try {
    await writeFileAtomic(nodeFileOps, target, zip, 0o600);
  } catch (error) {
    throw new AppError('STORAGE_WRITE_FAILED', `The diagnostics bundle could not be written to ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, {
      cause: error,
      details: { path: target },
    });
  }
  const warnings: string[] = [];
  if (!report.keychain.probe.available) warnings.push(`The ${deps.vault.backendName} is not available; the bundle says so.`);
  if (report.logsOmitted) warnings.push(report.logsOmitted);
  deps.logger.info('diagnostics bundle written', { path: target, size: zip.length });
  return { path: target, size: zip.length, sha256: createHash('sha256').update(zip).digest('hex'), entries: Object.keys(entries), warnings };
}
