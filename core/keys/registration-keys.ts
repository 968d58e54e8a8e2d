/**
 * The key ring of each registration, end to end: the profile's key policy, generation and
 * import through custody, the records persisted with the registration, the published set,
 * rotation and removal. The settings store holds only the public records.
 */
import { AppError } from '../../contract/errors';
import type { Registration } from '../../contract/schemas/registration';
import type { Clock } from '../ports';
import { findEnvironment } from '../profiles';
import { profileFor } from '../registration/profile-for';
import type { RegistrationRepository } from '../storage/registrations';
import { isSigningAlg, type KeyPolicy, type SigningAlg } from './algorithms';
import { exportJwks } from './export';
import type { KeyProgress } from './generate';
import { parseKeyRecord, type KeyRecord } from './key-record';
import { activateKey, activeKey, assertSeenByVerifier, dueReminders, planRotation, publishedSet, retireKey, type KeyReminder, type RotationOptions, type RotationPlan } from './key-ring';
import type { CustodyChoice, KeyService } from './key-service';
import type { PrivateExportFormat } from './export';
import { buildHostingRequest, kidExpiryDate, nhsJwksEnvironment, type HostingRequest } from './nhs-hosted-jwks';

/** What the Keys screen and `keys list` show. */
export interface KeyRingView {
  registrationId: string;
  /**
   * `defaultAlg` is the registration's declared token_endpoint_auth_signing_alg when it is one
   * we can generate (`declaredAlg`), else the profile's default.
   */
  policy: KeyPolicy & { defaultAlg: string; declaredAlg?: string; defaultRsaSize: number; keySource: 'jwks_uri' | 'pem' };
  records: KeyRecord[];
  /** Kids in the published JWKS now. */
  published: string[];
  plan: RotationPlan;
  reminders: KeyReminder[];
}

/** Generation options as a user gives them. */
export interface GenerateRequest {
  alg?: string;
  size?: number;
  curve?: string;
  kid?: string;
  /** `dated`: a kid NHS's hosted-JWKS expiry check tracks (`<rotate-by date>-<short thumbprint>`). Default `thumbprint`. */
  kidStyle?: 'thumbprint' | 'dated';
  /** The rotate-by date (YYYY-MM-DD) of a dated kid; default a year from now (the rotation reminder). */
  rotateBy?: string;
  custody?: CustodyChoice;
}

const CURVE_ALG: Record<string, SigningAlg> = { 'P-256': 'ES256', 'P-384': 'ES384' };
/** A dated kid's default rotate-by date: as far ahead as the key ring's rotation reminder (365 days). */
const DEFAULT_ROTATE_AFTER_DAYS = 365;

/** The algorithm the registration's values declare for client assertions, if it is one we can generate. */
function declaredAlgOf(reg: Registration): SigningAlg | undefined {
  const declared = Object.hasOwn(reg.metadata, 'token_endpoint_auth_signing_alg') ? reg.metadata.token_endpoint_auth_signing_alg : undefined;
  return typeof declared === 'string' && isSigningAlg(declared) ? declared : undefined;
}

/** Builds the registration key ring service. */
export function createRegistrationKeys(deps: { registrations: RegistrationRepository; keys: KeyService; clock: Clock }) {
  const { registrations, keys, clock } = deps;

  const registration = (id: string): Registration => registrations.get(id);
  const recordsOf = (reg: Registration): KeyRecord[] => reg.keys.map(parseKeyRecord);
  /**
   * Changes the key records of `id` as they are on disk NOW (under the settings lock), so a
   * record another process added meanwhile is kept. Returns the records written.
   */
  const changeRecords = (id: string, change: (records: KeyRecord[]) => KeyRecord[]): KeyRecord[] =>
    registrations.update(id, (reg) => {
      const updated = change(recordsOf(reg));
      reg.keys = updated as unknown as Record<string, unknown>[];
      return updated;
    });

  const policyOf = (reg: Registration): KeyRingView['policy'] => {
    const env = findEnvironment(profileFor(reg), reg.environment);
    if (!env) throw new AppError('NOT_FOUND', `Unknown environment ${reg.environment}.`);
    const k = env.keys;
    const declaredAlg = declaredAlgOf(reg);
    return {
      allowedAlgs: k.allowedAlgs.filter(isSigningAlg),
      allowedRsaSizes: [...k.rsaAllowedSizes],
      allowedCurves: k.ecAllowed ? k.ecCurves.filter((c) => c in CURVE_ALG) : [],
      // Generation follows the declaration: a key of another algorithm could not sign what the provider expects.
      defaultAlg: declaredAlg ?? k.defaultAlg,
      ...(declaredAlg && { declaredAlg }),
      defaultRsaSize: k.rsaDefaultSize,
      keySource: k.keySource,
    };
  };

  /** Rotation timing of the registration's provider (a JWKS cache it is known to keep). */
  const rotationOf = (reg: Registration): RotationOptions => {
    const profile = profileFor(reg);
    const seconds = profile.jwksFetch?.cacheSeconds;
    return seconds === undefined ? {} : { verifierCache: { seconds, who: profile.name } };
  };

  const findRecord = (records: KeyRecord[], kid: string): KeyRecord => {
    const record = records.find((r) => r.kid === kid);
    if (!record) throw new AppError('NOT_FOUND', `No key with kid "${kid}". Known: ${records.map((r) => r.kid).join(', ') || 'none'}.`, { details: { kid } });
    return record;
  };

  /** Adds a fresh record: the first key of a registration signs at once; later ones are published ahead as `next`. */
  const addRecord = async (id: string, record: KeyRecord): Promise<KeyRecord> => {
    const now = clock.now();
    let updated: KeyRecord[];
    try {
      updated = changeRecords(id, (records) => {
        if (records.some((r) => r.kid === record.kid)) throw new AppError('ALREADY_EXISTS', `Registration "${id}" already has a key with kid "${record.kid}".`, { details: { kid: record.kid } });
        return activeKey(records) ? [...records, record] : activateKey([...records, record], record.kid, now);
      });
    } catch (error) {
      // The key is in custody but unrecorded (say, the registration was deleted meanwhile): remove it, and wait, so nothing is orphaned when the process exits.
      await keys.delete(id, record).catch(() => undefined);
      throw error;
    }
    return findRecord(updated, record.kid);
  };

  const view = (id: string): KeyRingView => {
    const reg = registration(id);
    const records = recordsOf(reg);
    const now = clock.now();
    return {
      registrationId: id,
      policy: policyOf(reg),
      records,
      published: publishedSet(records, now).map((r) => r.kid),
      plan: planRotation(records, now, rotationOf(reg)),
      reminders: dueReminders(records, now),
    };
  };

  /**
   * Generates a key pair for the declared algorithm (else the profile's default) unless told
   * otherwise; refuses an algorithm that contradicts the declaration, which no provider would accept.
   */
  async function generate(id: string, request: GenerateRequest, onProgress?: KeyProgress): Promise<{ record: KeyRecord; warnings: string[] }> {
    const policy = policyOf(registration(id));
    const alg = request.alg ?? (request.curve ? CURVE_ALG[request.curve] : undefined) ?? policy.defaultAlg;
    if (!isSigningAlg(alg)) throw new AppError('UNSUPPORTED_ALGORITHM', `Unsupported algorithm ${alg}${request.curve ? ` / curve ${request.curve}` : ''}.`);
    if (request.curve && CURVE_ALG[request.curve] !== alg) throw new AppError('UNSUPPORTED_ALGORITHM', `The curve ${request.curve} does not fit ${alg}.`);
    if (request.kid && request.kidStyle === 'dated') throw new AppError('USAGE', 'Give a kid or ask for a dated one, not both.');
    if (request.rotateBy && request.kidStyle !== 'dated') throw new AppError('USAGE', 'A rotate-by date is for a dated kid (kid style "dated").');
    if (request.rotateBy && request.rotateBy <= clock.now().toISOString().slice(0, 10)) {
      throw new AppError('VALIDATION_FAILED', `The rotate-by date ${request.rotateBy} is not in the future.`, { details: { field: 'rotateBy' } });
    }
    const rotateBy = request.rotateBy ?? new Date(clock.now().getTime() + DEFAULT_ROTATE_AFTER_DAYS * 86_400_000).toISOString().slice(0, 10);
    if (policy.declaredAlg !== undefined && alg !== policy.declaredAlg) {
      throw new AppError(
        'UNSUPPORTED_ALGORITHM',
        `${id} declares token_endpoint_auth_signing_alg ${policy.declaredAlg}; a ${alg} key could not sign what the provider expects. To move to ${alg}, change the declaration too (oidc-onboard set ${id} --signing-alg ${alg}), then generate the key.`,
        { details: { declared: policy.declaredAlg, requested: alg, hint: `oidc-onboard set ${id} --signing-alg ${alg}` } },
      );
    }
    const result = await keys.generate(
      id,
      {
        alg,
        size: request.size ?? policy.defaultRsaSize,
        policy,
        ...(request.kid ? { kid: request.kid } : {}),
        ...(request.kidStyle === 'dated' ? { datedKid: { rotateBy } } : {}),
        ...(request.custody ? { custody: request.custody } : {}),
      },
      onProgress,
    );
    const warnings = [...result.warnings];
    if (registration(id).provider === 'nhs-api-platform' && kidExpiryDate(result.record.kid) === undefined) {
      warnings.push('This kid carries no YYYY-MM-DD date. If NHS is to host this key (keys hosting-request), its expiry check cannot track it: generate with --kid-style dated instead.');
    }
    return { record: await addRecord(id, result.record), warnings };
  }

  return {
    view,
    /** Reminders for every registration, for the Registrations list. */
    reminders: (reg: Registration): KeyReminder[] => dueReminders(recordsOf(reg), clock.now()),
    /** The policy of a registration's profile environment. */
    policyFor: (id: string) => policyOf(registration(id)),

    generate,

    /** Imports a private key (PEM or JWK, optionally encrypted) into custody. */
    async importKey(id: string, input: { input: string; passphrase?: string; kid?: string; alg?: string; custody?: CustodyChoice }) {
      const policy = policyOf(registration(id));
      if (input.alg !== undefined && !isSigningAlg(input.alg)) throw new AppError('UNSUPPORTED_ALGORITHM', `Unsupported algorithm ${input.alg}.`);
      const result = await keys.importPrivate(id, {
        input: input.input,
        policy,
        ...(input.passphrase !== undefined ? { passphrase: input.passphrase } : {}),
        ...(input.kid ? { kid: input.kid } : {}),
        ...(input.alg ? { alg: input.alg as SigningAlg } : {}),
        ...(input.custody ? { custody: input.custody } : {}),
      });
      return { record: await addRecord(id, result.record), warnings: result.warnings };
    },

    /** The public JWKS to publish now (active + next + retired in grace). */
    jwks(id: string): string {
      const records = recordsOf(registration(id));
      if (records.length === 0) throw new AppError('NOT_FOUND', `Registration "${id}" has no keys yet. Generate one first.`);
      return exportJwks(publishedSet(records, clock.now()));
    },

    /** The SPKI PEM of the given key, or of the active key. */
    publicPem(id: string, kid?: string): string {
      const records = recordsOf(registration(id));
      const record = kid ? findRecord(records, kid) : activeKey(records);
      if (!record) throw new AppError('NOT_FOUND', `Registration "${id}" has no active key.`);
      return keys.exportPublic(record, 'spki-pem');
    },

    /** An encrypted private export for the developer's backend. */
    exportPrivate(id: string, kid: string, format: PrivateExportFormat, passphrase: string, unlock?: { passphrase?: string }) {
      const record = findRecord(recordsOf(registration(id)), kid);
      return keys.exportPrivate(id, record, format, passphrase, unlock);
    },

    /**
     * The NHS-hosted JWKS request for the active key (API platform): the four inputs of NHS's
     * make_jwk.py, the JWK it would add and a README. See `nhs-hosted-jwks.ts` for refusals.
     */
    hostingRequest(id: string, appId: string): HostingRequest {
      const reg = registration(id);
      const env = nhsJwksEnvironment(reg.provider, reg.environment);
      if (!env.ok) throw new AppError('VALIDATION_FAILED', env.reason, { details: { reason: 'environment', environment: reg.environment } });
      const record = activeKey(recordsOf(reg));
      if (!record) throw new AppError('NOT_FOUND', `Registration "${id}" has no active key. Generate one first (oidc-onboard keys generate ${id} --kid-style dated).`, { details: { id, reason: 'no-active-key' } });
      const clientName = typeof reg.metadata.client_name === 'string' ? reg.metadata.client_name : undefined;
      return buildHostingRequest({ provider: reg.provider, environment: reg.environment, ...(clientName && { clientName }), record, appId, now: clock.now() });
    },

    /** Rotation: activate the oldest `next` key (the active one retires), or generate a `next` key like the active one. */
    async rotate(id: string, onProgress?: KeyProgress): Promise<{ action: 'activated' | 'generated'; record: KeyRecord; plan: RotationPlan }> {
      const reg = registration(id);
      const records = recordsOf(reg);
      const timing = rotationOf(reg);
      const next = records.filter((r) => r.state === 'next').sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
      if (next) {
        assertSeenByVerifier(next, clock.now(), timing.verifierCache);
        const updated = changeRecords(id, (current) => activateKey(current, findRecord(current, next.kid).kid, clock.now()));
        return { action: 'activated', record: findRecord(updated, next.kid), plan: planRotation(updated, clock.now(), timing) };
      }
      const active = activeKey(records);
      // Like the active key, unless the declaration has moved on (then the declared algorithm).
      const declared = policyOf(reg).declaredAlg;
      const request: GenerateRequest = active && (declared === undefined || declared === active.alg) ? { alg: active.alg, ...(active.size ? { size: active.size } : {}) } : {};
      const { record } = await generate(id, request, onProgress);
      return { action: 'generated', record, plan: planRotation(recordsOf(registration(id)), clock.now(), timing) };
    },

    /** Retires a key: it stays published for the grace period, then may be removed. */
    retire(id: string, kid: string): KeyRecord {
      const updated = changeRecords(id, (current) => {
        findRecord(current, kid);
        return retireKey(current, kid, clock.now());
      });
      return findRecord(updated, kid);
    },

    /** Deletes a key pair for good: the custody file, the keychain item and the record. */
    async remove(id: string, kid: string, confirm: boolean): Promise<{ deleted: true }> {
      if (!confirm) throw new AppError('CONFIRMATION_REQUIRED', 'Deleting a key cannot be undone: confirm to go ahead.');
      const records = recordsOf(registration(id));
      const record = findRecord(records, kid);
      // Custody first, the record last: a failure in between leaves a record whose deletion can be retried, never an unrecorded item.
      await keys.delete(id, record);
      changeRecords(id, (current) => current.filter((r) => r.kid !== kid));
      return { deleted: true };
    },
  };
}

/** The registration key ring service. */
export type RegistrationKeys = ReturnType<typeof createRegistrationKeys>;
