/**
 * The key ring of one registration as pure functions over {@link KeyRecord}s:
 * `next` (published ahead of use) → `active` (signing) → `retired` (still published
 * for a grace period so tokens/caches signed with it keep verifying), then removed.
 * This follows the NHS CIS2 rotation guidance: add the new key to the JWK Set ahead
 * of use, switch signing to it, remove the old key some time after.
 */
import { AppError } from '../../contract/errors';
import type { KeyRecord } from './key-record';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Rotation timing; defaults suit providers that cache JWKS for up to a day. */
export interface RotationOptions {
  /** Days a next key is published before it signs (verifier caches must pick it up). Default 7. */
  publishAheadDays?: number;
  /** Days a retired key stays published. Default 7. */
  graceDays?: number;
  /** Age in days after which an active key should be rotated. Default 365. */
  rotateAfterDays?: number;
  /**
   * A verifier known to cache the JWKS (e.g. the NHS England API platform, 3600 s per URL): a
   * new key is never signed with before this long after it was published, whatever
   * `publishAheadDays` says, and the plan says why.
   */
  verifierCache?: { seconds: number; who: string };
}

const DEFAULTS = { publishAheadDays: 7, graceDays: 7, rotateAfterDays: 365 } as const;

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

function latest(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

/** When a retired key may leave the published set: `removeAfter`, else `retiredAt + graceDays`. */
export function removalDate(record: KeyRecord, graceDays: number): Date | undefined {
  if (record.state !== 'retired') return undefined;
  if (record.removeAfter) return new Date(record.removeAfter);
  return addDays(new Date(record.retiredAt ?? record.createdAt), graceDays);
}

/** The records to publish at `now`: active, next, and retired ones still inside their grace period. Active first. */
export function publishedSet(records: readonly KeyRecord[], now: Date, graceDays: number = DEFAULTS.graceDays): KeyRecord[] {
  const rank = { active: 0, next: 1, retired: 2 } as const;
  return records
    .filter((record) => {
      if (record.state !== 'retired') return true;
      const until = removalDate(record, graceDays);
      return until !== undefined && now.getTime() < until.getTime();
    })
    .sort((a, b) => rank[a.state] - rank[b.state]);
}

/** The active record, if any. More than one active key is a corrupt ring. */
export function activeKey(records: readonly KeyRecord[]): KeyRecord | undefined {
  const active = records.filter((record) => record.state === 'active');
  if (active.length > 1) throw new AppError('STORAGE_CORRUPT', 'More than one key is marked active.', { details: { kids: active.map((r) => r.kid) } });
  return active[0];
}

/**
 * Makes `kid` the active key at `now`; the previously active key becomes retired and
 * is kept published until `now + graceDays`. Returns new records (inputs are not changed).
 */
export function activateKey(records: readonly KeyRecord[], kid: string, now: Date, graceDays: number = DEFAULTS.graceDays): KeyRecord[] {
  const target = records.find((record) => record.kid === kid);
  if (!target) throw new AppError('NOT_FOUND', `No key ${kid} in this registration.`, { details: { kid } });
  if (target.state === 'retired') throw new AppError('VALIDATION_FAILED', `Key ${kid} is retired and cannot be made active again; generate a new key.`, { details: { kid } });
  const stamp = now.toISOString();
  return records.map((record) => {
    if (record.kid === kid) return { ...record, state: 'active', activatedAt: record.state === 'active' ? record.activatedAt ?? stamp : stamp };
    if (record.state === 'active') return { ...record, state: 'retired', retiredAt: stamp, removeAfter: addDays(now, graceDays).toISOString() };
    return record;
  });
}

/** Retires `kid` at `now` (kept published for `graceDays`). */
export function retireKey(records: readonly KeyRecord[], kid: string, now: Date, graceDays: number = DEFAULTS.graceDays): KeyRecord[] {
  if (!records.some((record) => record.kid === kid)) throw new AppError('NOT_FOUND', `No key ${kid} in this registration.`, { details: { kid } });
  return records.map((record) =>
    record.kid === kid && record.state !== 'retired'
      ? { ...record, state: 'retired', retiredAt: now.toISOString(), removeAfter: addDays(now, graceDays).toISOString() }
      : record,
  );
}

/** Retired records whose grace period is over at `now` (safe to delete). */
export function removableKeys(records: readonly KeyRecord[], now: Date, graceDays: number = DEFAULTS.graceDays): KeyRecord[] {
  return records.filter((record) => {
    const until = removalDate(record, graceDays);
    return until !== undefined && now.getTime() >= until.getTime();
  });
}

/** One step of a rotation plan. */
export interface RotationStep {
  id: 'generate-next' | 'publish-next' | 'activate-next' | 'remove-old' | 'remove-retired';
  /** When to do it (ISO 8601). */
  date: string;
  /** The key concerned, when it exists already. */
  kid?: string;
  /** The step in plain words, with its date. */
  text: string;
}

/** A rotation plan with its key dates. */
export interface RotationPlan {
  steps: RotationStep[];
  /** When signing should switch to the next key. */
  signFrom: string;
  /** When the currently active key may be removed from the JWKS (absent when there is none). */
  removeOldAfter?: string;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Plans a rotation at `now`: generate/publish the next key, switch signing after
 * `publishAheadDays`, remove the old key `graceDays` later. If a next key was published
 * earlier, its publication date counts towards the wait.
 */
export function planRotation(records: readonly KeyRecord[], now: Date, options: RotationOptions = {}): RotationPlan {
  const publishAheadDays = options.publishAheadDays ?? DEFAULTS.publishAheadDays;
  const graceDays = options.graceDays ?? DEFAULTS.graceDays;
  const active = activeKey(records);
  const next = records.filter((record) => record.state === 'next').sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
  const steps: RotationStep[] = [];

  for (const record of removableKeys(records, now, graceDays)) {
    steps.push({ id: 'remove-retired', date: now.toISOString(), kid: record.kid, text: `Remove the retired key ${record.kid} from your JWKS now.` });
  }
  let publishedAt = now;
  if (next) {
    publishedAt = new Date(next.createdAt);
    steps.push({ id: 'publish-next', date: now.toISOString(), kid: next.kid, text: `Make sure the next key ${next.kid} is in your published JWKS now.` });
  } else {
    steps.push({ id: 'generate-next', date: now.toISOString(), text: 'Generate the next key now.' });
    steps.push({ id: 'publish-next', date: now.toISOString(), text: 'Publish the next key in your JWKS now, next to the current one.' });
  }
  const cache = options.verifierCache;
  const signFrom = latest(latest(now, addDays(publishedAt, publishAheadDays)), new Date(publishedAt.getTime() + (cache?.seconds ?? 0) * 1000));
  steps.push({
    id: 'activate-next',
    date: signFrom.toISOString(),
    ...(next ? { kid: next.kid } : {}),
    text: cache
      ? `Sign with the next key from ${day(signFrom)}, and never sooner than ${cache.seconds} s after it is published: ${cache.who} caches your JWKS for ${cache.seconds} s, so until then it has not seen the new kid and refuses what it signs.`
      : `Sign with the next key from ${day(signFrom)} (once verifiers have refreshed their cached JWKS).`,
  });
  const plan: RotationPlan = { steps, signFrom: signFrom.toISOString() };
  if (active) {
    const removeOldAfter = addDays(signFrom, graceDays);
    steps.push({ id: 'remove-old', date: removeOldAfter.toISOString(), kid: active.kid, text: `Remove the old key ${active.kid} from your JWKS after ${day(removeOldAfter)}.` });
    plan.removeOldAfter = removeOldAfter.toISOString();
  }
  return plan;
}

/**
 * Refuses to start signing with `next` before a caching verifier can have seen it: its record
 * (created no earlier than it was published) must be at least `cache.seconds` old.
 */
export function assertSeenByVerifier(next: KeyRecord, now: Date, cache: RotationOptions['verifierCache']): void {
  if (!cache) return;
  const seenFrom = new Date(new Date(next.createdAt).getTime() + cache.seconds * 1000);
  if (now.getTime() < seenFrom.getTime()) {
    throw new AppError('VALIDATION_FAILED', `Not yet: ${cache.who} caches your JWKS for ${cache.seconds} s, so it may not have seen the new key ${next.kid} before ${seenFrom.toISOString()}; until then it would refuse what the key signs. Publish it now and rotate after that time.`, {
      details: { kid: next.kid, seenFrom: seenFrom.toISOString(), cacheSeconds: cache.seconds },
    });
  }
}

/** Something the Registrations list should nudge the user about. */
export interface KeyReminder {
  kind: 'no-active-key' | 'rotation-due' | 'activate-next' | 'remove-retired';
  severity: 'info' | 'warning' | 'error';
  kid?: string;
  /** When the action is or was due (ISO 8601). */
  dueAt: string;
  message: string;
}

/** Reminders due at `now` (or within 30 days for rotation), most severe first. */
export function dueReminders(records: readonly KeyRecord[], now: Date, options: RotationOptions = {}): KeyReminder[] {
  const publishAheadDays = options.publishAheadDays ?? DEFAULTS.publishAheadDays;
  const graceDays = options.graceDays ?? DEFAULTS.graceDays;
  const rotateAfterDays = options.rotateAfterDays ?? DEFAULTS.rotateAfterDays;
  const reminders: KeyReminder[] = [];
  const active = activeKey(records);
  const nexts = records.filter((record) => record.state === 'next');

  if (!active && records.length > 0) {
    reminders.push({ kind: 'no-active-key', severity: 'error', dueAt: now.toISOString(), message: 'No key is active: choose which key signs.' });
  }
  if (active && nexts.length === 0) {
    const dueAt = addDays(new Date(active.activatedAt ?? active.createdAt), rotateAfterDays);
    if (now.getTime() >= addDays(dueAt, -30).getTime()) {
      const overdue = now.getTime() >= dueAt.getTime();
      reminders.push({
        kind: 'rotation-due',
        severity: overdue ? 'warning' : 'info',
        kid: active.kid,
        dueAt: dueAt.toISOString(),
        message: overdue ? `Key ${active.kid} is due for rotation since ${day(dueAt)}.` : `Key ${active.kid} is due for rotation on ${day(dueAt)}.`,
      });
    }
  }
  for (const next of nexts) {
    const dueAt = addDays(new Date(next.createdAt), publishAheadDays);
    if (now.getTime() >= dueAt.getTime()) {
      reminders.push({ kind: 'activate-next', severity: 'info', kid: next.kid, dueAt: dueAt.toISOString(), message: `Key ${next.kid} has been published long enough; start signing with it.` });
    }
  }
  for (const record of removableKeys(records, now, graceDays)) {
    const dueAt = removalDate(record, graceDays) ?? now;
    reminders.push({ kind: 'remove-retired', severity: 'info', kid: record.kid, dueAt: dueAt.toISOString(), message: `Retired key ${record.kid} can be removed from your JWKS.` });
  }
  const order = { error: 0, warning: 1, info: 2 } as const;
  return reminders.sort((a, b) => order[a.severity] - order[b.severity]);
}
