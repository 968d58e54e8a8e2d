/**
 * Building a package for a registration (the I/O half): read the registration and its keys,
 * judge the findings, run (or reuse) the jwks_uri check, assemble, sign with the active key,
 * scan for secrets, write atomically, and record a summary in the registration.
 */
import path from 'node:path';
import { AppError, hasErrorCode } from '../../contract/errors';
import type { Registration } from '../../contract/schemas/registration';
import type { JwksCheckReport } from '../../contract/schemas/jwks-check';
import { APP_VERSION } from '../version';
import { clientSecretAccount } from '../credentials/accounts';
import type { CheckService } from '../jwks-check/service';
import { nodeFileOps, writeFileAtomic } from '../storage/atomic-file';
import { assertRegistrationId, type Unlock } from '../keys/custody';
import { exportSpkiPem } from '../keys/export';
import { parseKeyRecord } from '../keys/key-record';
import { activeKey, publishedSet } from '../keys/key-ring';
import type { KeyService } from '../keys/key-service';
import type { Clock, KeychainScope, SecretVault } from '../ports';
import { silentLogger } from '../ports/system';
import { createKeychainScope } from '../storage/keychain-scope';
import { findEnvironment } from '../profiles';
import { profileFor } from '../registration/profile-for';
import { keyFactsOf, validateMetadata } from '../registration';
import type { RegistrationRepository } from '../storage/registrations';
import { assemblePackage, packageEntries, zipPackage, type PackageInputs } from './assemble';
import { sha256Hex, type AcknowledgedFinding, type Manifest } from './format';
import { assertNoSecrets } from './scan';
import { resolveChecklist } from '../registration/checklist';
import { activeKeyFacts } from '../keys/public-facts';
import type { ChecklistTable } from '../profiles/checklists';
import type { ChecklistView } from '../../contract/schemas/checklist';

/**
 * "What to send, and to whom" from the checklist (the profile's text when it has none): the intro,
 * each numbered step on a line of its own, then what to do with the package.
 */
function sendToText(view: ChecklistView): string {
  return view.available ? [view.intro, ...view.items.map((item, i) => `${i + 1}. ${item.title}${item.optional ? ' (optional)' : ''}.`), view.package.text].join('\n') : view.intro;
}

/** Dependencies of {@link createPackageService}. */
export interface PackageServiceDeps {
  dataDir: string;
  registrations: RegistrationRepository;
  keyService: KeyService;
  checks: CheckService;
  clock: Clock;
  /** When given, the registration's stored client secret (if any) is added to the secret scan. */
  vault?: SecretVault;
  /** The data folder's keychain names; by default the installation id of `dataDir`, without a migration. */
  keychain?: KeychainScope;
  /** Version written in the manifest; defaults to the app's. */
  toolVersion?: string;
  /** The submission checklists (the built-in table by default): the SUMMARY and `sendTo` come from them. */
  checklists?: ChecklistTable;
}

/** Options of {@link PackageService.build}. */
export interface BuildPackageOptions {
  /** Where to write the .zip; default `<dataDir>/packages/<id>-<time>.zip`. */
  out?: string;
  /** Do not contact the jwks_uri: embed the latest kept check, if any. */
  offline?: boolean;
  /** Extra trusted CA certificates (PEM) for the jwks_uri check. */
  caPem?: string;
  /** Package despite error findings, recording this reason in the manifest and SUMMARY. */
  acknowledgeFindings?: string;
  /** Creation time (defaults to the clock). */
  now?: Date;
  /** Secrets that must not appear anywhere in the package (e.g. a client secret). */
  secretsToScan?: readonly string[];
  /** Passphrase of a passphrase-custody signing key. */
  unlock?: Unlock;
  /** Total deadline of the jwks_uri check. */
  timeoutMs?: number;
}

/** A written package. */
export interface BuiltPackage {
  path: string;
  /** SHA-256 (hex) of the .zip: the value to quote in the e-mail. */
  sha256: string;
  /** Size of the .zip in bytes. */
  bytes: number;
  manifest: Manifest;
  /** "What to send to whom", from the submission checklist (the profile's text when there is none). */
  sendTo: string;
}

/** What `registration.packages` keeps per package built. */
export interface PackageRecord {
  createdAt: string;
  sha256: string;
  path: string;
  bytes: number;
  formatVersion: number;
  acknowledged?: string;
}

function findingsOf(reg: Registration, report: JwksCheckReport | undefined): AcknowledgedFinding[] {
  const profile = profileFor(reg);
  const metadataErrors = validateMetadata(reg.metadata, profile, reg.environment, { keys: keyFactsOf(reg.keys) })
    .findings.filter((f) => f.severity === 'error')
    .map((f) => ({ source: 'metadata' as const, code: f.code, severity: f.severity, path: f.path, message: f.message }));
  // A provider that fetches keys from the internet cannot use a jwks_uri that is not public:
  // for it, anything short of a pass on dns.public blocks like a failure.
  const mustBePublic = profile.jwksReachability?.publicInternet === true;
  const checkFailures = (report?.checks ?? [])
    .filter((c) => c.status === 'fail' || (mustBePublic && c.id === 'dns.public' && c.status !== 'pass'))
    .map((c) => ({
      source: 'jwks-check' as const,
      code: c.id,
      severity: 'error',
      path: '',
      message: c.status === 'fail' ? c.message : `${c.message} ${profile.name} fetches your keys from the internet, so it could not use them.`,
    }));
  return [...metadataErrors, ...checkFailures];
}

/** Builds the package service. */
export function createPackageService(deps: PackageServiceDeps) {
  const { registrations, keyService, checks, clock } = deps;
  const registration = (id: string): Registration => registrations.get(id);

  const vault = deps.vault;
  const scope = deps.keychain ?? (vault ? createKeychainScope({ dataDir: deps.dataDir, vault, logger: silentLogger, clock }) : undefined);

  async function storedSecret(reg: Registration): Promise<string[]> {
    if (!vault || !scope || !reg.credentials?.hasSecret) return [];
    await scope.ready();
    const secret = await vault.get(clientSecretAccount(scope.folderId(), reg.id, reg.credentials.clientId));
    return secret === undefined ? [] : [secret];
  }

  /** What a package of `id` would hold and what blocks it now (the latest kept check stands in for the fresh one). */
  async function preview(id: string) {
    const reg = registration(id);
    const profile = profileFor(reg);
    const env = findEnvironment(profile, reg.environment);
    if (!env) throw new AppError('VALIDATION_FAILED', `${profile.name} has no environment "${reg.environment}".`);
    const signingKey = activeKey(reg.keys.map(parseKeyRecord));
    const jwksUri = typeof reg.metadata.jwks_uri === 'string' && reg.metadata.jwks_uri !== '' ? reg.metadata.jwks_uri : undefined;
    const checklist = resolveChecklist(reg, { table: deps.checklists, key: activeKeyFacts(reg.keys) });
    return {
      providerName: profile.name,
      environmentName: env.label,
      keySource: env.keys.keySource,
      ...(signingKey && { signingKey: { kid: signingKey.kid, alg: signingKey.alg, thumbprint: signingKey.thumbprint } }),
      ...(jwksUri && { jwksUri }),
      blocking: findingsOf(reg, await checks.latest(id)),
      sendTo: sendToText(checklist),
      sendToKnown: checklist.available || env.submission.known,
      history: reg.packages as unknown as PackageRecord[],
    };
  }


  return {
    /**
     * Builds, checks and writes the package of registration `id`.
     *
     * @throws AppError `FINDINGS_BLOCK` (details.findings) while error findings remain and no
     *   acknowledgement is given; `NOT_FOUND` (details.reason `no-active-key`) without an active
     *   key; `PACKAGE_INVALID` (details.reason `secret-material`) when the scan finds key
     *   material or a secret; `STORAGE_WRITE_FAILED` when the file cannot be written.
     */
    async build(id: string, options: BuildPackageOptions = {}): Promise<BuiltPackage> {
      assertRegistrationId(id);
      const reg = registration(id);
      const createdAt = options.now ?? clock.now();
      const profile = profileFor(reg);
      const env = findEnvironment(profile, reg.environment);
      if (!env) throw new AppError('VALIDATION_FAILED', `${profile.name} has no environment "${reg.environment}".`, { details: { provider: profile.id, environment: reg.environment } });
      const records = reg.keys.map(parseKeyRecord);
      const signingKey = activeKey(records);
      if (!signingKey) {
        throw new AppError('NOT_FOUND', `Registration "${id}" has no active key to sign the package with. Generate or activate one first.`, { details: { id, reason: 'no-active-key' } });
      }

      // The jwks_uri check: fresh unless offline; none for a PEM provider without a jwks_uri.
      const jwksUri = typeof reg.metadata.jwks_uri === 'string' && reg.metadata.jwks_uri !== '' ? reg.metadata.jwks_uri : undefined;
      let jwksCheck: PackageInputs['jwksCheck'];
      const notes: string[] = [];
      if (!jwksUri) {
        jwksCheck = { omittedReason: env.keys.keySource === 'pem' ? 'the provider takes the public key as a PEM (public-key.pem) and the registration has no jwks_uri' : 'the registration has no jwks_uri to check' };
      } else if (options.offline) {
        const latest = await checks.latest(id);
        jwksCheck = latest ? { report: latest, fresh: false } : { omittedReason: 'packaged offline and no jwks_uri check had been run' };
        notes.push(latest ? `Packaged offline: the jwks_uri check is the latest kept one (${latest.startedAt}), not a fresh one.` : 'Packaged offline: no jwks_uri check was available to include.');
      } else {
        const { report } = await checks.run({ registrationId: id, ...(options.caPem !== undefined && { caPem: options.caPem }), ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }) });
        jwksCheck = { report, fresh: true };
      }

      const findings = findingsOf(reg, 'report' in jwksCheck ? jwksCheck.report : undefined);
      const reason = options.acknowledgeFindings?.trim();
      if (findings.length > 0 && !reason) {
        throw new AppError('FINDINGS_BLOCK', `${findings.length} error finding(s) block packaging: fix them, or package anyway with an acknowledgement (a reason that is recorded in the package).`, {
          details: { findings },
        });
      }

      const checklist = resolveChecklist(reg, { table: deps.checklists, key: activeKeyFacts(reg.keys) });
      const inputs: PackageInputs = {
        createdAt,
        toolVersion: deps.toolVersion ?? APP_VERSION,
        registration: { id: reg.id, createdAt: reg.createdAt, provider: reg.provider, environment: reg.environment, discoveryUrl: reg.discoveryUrl, metadata: reg.metadata },
        profile: { id: profile.id, name: profile.name, profileVersion: profile.profileVersion },
        environment: { id: env.id, label: env.label, issuer: env.issuer, discoveryUrl: env.discoveryUrl, keySource: env.keys.keySource, submission: env.submission },
        signingKey,
        publishedKeys: publishedSet(records, createdAt),
        publicPem: env.keys.keySource === 'pem' ? exportSpkiPem(signingKey) : undefined,
        jwksCheck,
        acknowledgement: findings.length > 0 && reason ? { reason, findings } : undefined,
        notes,
        checklist,
      };
      const unsigned = assemblePackage(inputs);
      const jwt = await keyService.sign(id, signingKey, unsigned.signingInput, { header: unsigned.header, ...(options.unlock && { unlock: options.unlock }) });
      const entries = packageEntries(unsigned, jwt);
      const zip = zipPackage(entries, createdAt);
      assertNoSecrets(entries, zip, [...(options.secretsToScan ?? []), ...(await storedSecret(reg))]);

      const sha256 = sha256Hex(zip);
      const out = path.resolve(options.out ?? path.join(deps.dataDir, 'packages', `${id}-${createdAt.toISOString().replace(/[:.]/g, '-')}.zip`));
      try {
        await nodeFileOps.mkdir(path.dirname(out), 0o700);
        await writeFileAtomic(nodeFileOps, out, zip, 0o600);
      } catch (error) {
        throw new AppError('STORAGE_WRITE_FAILED', `Could not write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Nothing was written.`, { cause: error, details: { path: out } });
      }
      const record: PackageRecord = { createdAt: createdAt.toISOString(), sha256, path: out, bytes: zip.length, formatVersion: unsigned.manifest.formatVersion, ...(inputs.acknowledgement && { acknowledged: inputs.acknowledgement.reason }) };
      try {
        registrations.update(id, (target) => void (target.packages = [...target.packages, record as unknown as Record<string, unknown>]), { touch: false });
      } catch (error) {
        // Deleted meanwhile: the package the user asked for is written all the same; there is no record left to note it in.
        if (!hasErrorCode(error, 'NOT_FOUND')) throw error;
      }
      return { path: out, sha256, bytes: zip.length, manifest: unsigned.manifest, sendTo: sendToText(checklist) };
    },

    /**
     * The refusals a build would make at once (no active key; blocking findings without an
     * acknowledgement), judged on the preview — so the app can refuse before asking where to save.
     * Returns the preview when nothing stands in the way.
     *
     * @throws AppError `NOT_FOUND` (details.reason `no-active-key`), `FINDINGS_BLOCK` (details.findings).
     */
    async readyToBuild(id: string, options: { acknowledgeFindings?: string } = {}) {
      const found = await preview(id);
      if (!found.signingKey) {
        throw new AppError('NOT_FOUND', 'This registration has no active key to sign the package with. Generate one first.', { details: { id, reason: 'no-active-key' } });
      }
      if (found.blocking.length > 0 && !options.acknowledgeFindings?.trim()) {
        throw new AppError('FINDINGS_BLOCK', 'Fix the error findings first, or package anyway with a recorded acknowledgement.', { details: { findings: found.blocking } });
      }
      return found;
    },

    /** The packages built for registration `id`, oldest first. */
    history: (id: string): PackageRecord[] => registration(id).packages as unknown as PackageRecord[],

    /** What a package of `id` would hold and what blocks it now (the latest kept check stands in for the fresh one). */
    preview,
  };
}

/** The package service. */
export type PackageService = ReturnType<typeof createPackageService>;
