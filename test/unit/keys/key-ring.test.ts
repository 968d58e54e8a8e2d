import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  activateKey,
  assertSeenByVerifier,
  dueReminders,
  keyRecordSchema,
  planRotation,
  publishedSet,
  removableKeys,
  retireKey,
  toJwks,
  type KeyRecord,
  type KeyState,
} from '../../../core/keys';

const DAY = 24 * 60 * 60 * 1000;
const t0 = new Date('2026-01-01T00:00:00.000Z');
const at = (days: number) => new Date(t0.getTime() + days * DAY);

function record(kid: string, state: KeyState, extra: Partial<KeyRecord> = {}): KeyRecord {
  return keyRecordSchema.parse({
    kid,
    alg: 'ES256',
    kty: 'EC',
    crv: 'P-256',
    thumbprint: 'A'.repeat(43),
    createdAt: t0.toISOString(),
    state,
    custody: 'keychain',
    publicJwk: { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB', kid, use: 'sig', alg: 'ES256' },
    ...extra,
  });
}

describe('publishedSet', () => {
  it('publishes active + next + retired within grace, active first', () => {
    const ring = [
      record('old', 'retired', { retiredAt: at(0).toISOString(), removeAfter: at(7).toISOString() }),
      record('older', 'retired', { retiredAt: at(-30).toISOString(), removeAfter: at(-23).toISOString() }),
      record('next', 'next'),
      record('cur', 'active', { activatedAt: at(0).toISOString() }),
    ];
    expect(publishedSet(ring, at(3), 7).map((r) => r.kid)).toEqual(['cur', 'next', 'old']);
    expect(publishedSet(ring, at(7), 7).map((r) => r.kid)).toEqual(['cur', 'next']);
    // Without removeAfter the grace period counts from retiredAt.
    const bare = [record('r', 'retired', { retiredAt: at(0).toISOString() })];
    expect(publishedSet(bare, at(2), 3).map((r) => r.kid)).toEqual(['r']);
    expect(publishedSet(bare, at(3), 3)).toEqual([]);
    expect(toJwks(publishedSet(ring, at(3), 7)).keys.map((k) => k.kid)).toEqual(['cur', 'next', 'old']);
  });
});

describe('state transitions', () => {
  it('activating the next key retires the active one with a removal date', () => {
    const ring = [record('cur', 'active', { activatedAt: at(0).toISOString() }), record('next', 'next')];
    const after = activateKey(ring, 'next', at(10), 5);
    expect(after.find((r) => r.kid === 'next')).toMatchObject({ state: 'active', activatedAt: at(10).toISOString() });
    expect(after.find((r) => r.kid === 'cur')).toMatchObject({ state: 'retired', retiredAt: at(10).toISOString(), removeAfter: at(15).toISOString() });
    expect(ring[0]!.state).toBe('active'); // inputs untouched
    expect(removableKeys(after, at(14), 5)).toEqual([]);
    expect(removableKeys(after, at(15), 5).map((r) => r.kid)).toEqual(['cur']);
    for (const r of after) expect(keyRecordSchema.parse(r)).toEqual(r);
  });

  it('refuses to re-activate a retired key or act on unknown kids', () => {
    const ring = [record('r', 'retired', { retiredAt: at(0).toISOString() })];
    expect(() => activateKey(ring, 'r', at(1))).toThrow(/retired/);
    expect(() => activateKey(ring, 'nope', at(1))).toThrow(/No key/);
    expect(() => retireKey(ring, 'nope', at(1))).toThrow(/No key/);
  });

  it('property: any sequence of activations keeps at most one active key', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 20 }), (picks) => {
        let ring = ['a', 'b', 'c', 'd', 'e'].map((kid) => record(kid, 'next'));
        picks.forEach((pick, i) => {
          const target = ring[pick]!;
          if (target.state !== 'retired') ring = activateKey(ring, target.kid, at(i), 7);
        });
        expect(ring.filter((r) => r.state === 'active').length).toBeLessThanOrEqual(1);
        for (const r of ring.filter((x) => x.state === 'retired')) expect(r.removeAfter).toBeDefined();
      }),
    );
  });
});

describe('planRotation', () => {
  it('plans: generate + publish now, sign from now+publishAhead, remove old after grace', () => {
    const ring = [record('cur', 'active', { activatedAt: at(-400).toISOString() })];
    const plan = planRotation(ring, at(0), { publishAheadDays: 7, graceDays: 14 });
    expect(plan.steps.map((s) => s.id)).toEqual(['generate-next', 'publish-next', 'activate-next', 'remove-old']);
    expect(plan.signFrom).toBe(at(7).toISOString());
    expect(plan.removeOldAfter).toBe(at(21).toISOString());
    expect(plan.steps[2]!.text).toContain('2026-01-08');
    expect(plan.steps[3]!.text).toContain('cur');
    expect(plan.steps[3]!.text).toContain('2026-01-22');
  });

  it('counts time a next key has already been published', () => {
    const ring = [record('cur', 'active'), record('nx', 'next', { createdAt: at(-5).toISOString() })];
    const plan = planRotation(ring, at(0), { publishAheadDays: 7, graceDays: 7 });
    expect(plan.steps.map((s) => s.id)).toEqual(['publish-next', 'activate-next', 'remove-old']);
    expect(plan.signFrom).toBe(at(2).toISOString());
    const late = planRotation(ring, at(30), { publishAheadDays: 7 });
    expect(late.signFrom).toBe(at(30).toISOString());
  });

  it('waits at least a caching verifier\'s JWKS cache time before signing with a new key, and says why', () => {
    const cache = { seconds: 3600, who: 'NHS England API platform (signed JWT)' };
    const ring = [record('cur', 'active'), record('nx', 'next', { createdAt: at(0).toISOString() })];
    // Even with no publish-ahead days, the cache time is waited out.
    const plan = planRotation(ring, at(0), { publishAheadDays: 0, verifierCache: cache });
    expect(plan.signFrom).toBe(new Date(at(0).getTime() + 3600_000).toISOString());
    expect(plan.steps.find((s) => s.id === 'activate-next')?.text).toMatch(/never sooner than 3600 s after it is published: NHS England API platform \(signed JWT\) caches your JWKS for 3600 s/);
    expect(planRotation(ring, at(0), { publishAheadDays: 0 }).signFrom).toBe(at(0).toISOString());
    // Activation itself is refused until then.
    expect(() => assertSeenByVerifier(ring[1]!, new Date(at(0).getTime() + 3599_000), cache)).toThrow(/caches your JWKS for 3600 s/);
    expect(() => assertSeenByVerifier(ring[1]!, new Date(at(0).getTime() + 3600_000), cache)).not.toThrow();
    expect(() => assertSeenByVerifier(ring[1]!, at(0), undefined)).not.toThrow();
  });

  it('includes removal of retired keys past their grace period; no remove-old when nothing is active', () => {
    const ring = [record('gone', 'retired', { retiredAt: at(-30).toISOString(), removeAfter: at(-1).toISOString() })];
    const plan = planRotation(ring, at(0));
    expect(plan.steps[0]).toMatchObject({ id: 'remove-retired', kid: 'gone' });
    expect(plan.removeOldAfter).toBeUndefined();
  });
});

describe('dueReminders', () => {
  it('nothing due for a fresh ring', () => {
    expect(dueReminders([record('cur', 'active', { activatedAt: at(0).toISOString() })], at(10))).toEqual([]);
    expect(dueReminders([], at(10))).toEqual([]);
  });

  it('rotation upcoming (info) then overdue (warning)', () => {
    const ring = [record('cur', 'active', { activatedAt: at(0).toISOString() })];
    expect(dueReminders(ring, at(340), { rotateAfterDays: 365 })).toMatchObject([{ kind: 'rotation-due', severity: 'info', kid: 'cur' }]);
    expect(dueReminders(ring, at(366), { rotateAfterDays: 365 })).toMatchObject([{ kind: 'rotation-due', severity: 'warning', dueAt: at(365).toISOString() }]);
    // Once a next key exists, the rotation is under way: remind to activate it instead.
    const withNext = [...ring, record('nx', 'next', { createdAt: at(360).toISOString() })];
    expect(dueReminders(withNext, at(366), { publishAheadDays: 7 })).toEqual([]);
    expect(dueReminders(withNext, at(367), { publishAheadDays: 7 })).toMatchObject([{ kind: 'activate-next', kid: 'nx' }]);
  });

  it('no active key is an error; removable retired keys are reported', () => {
    const ring = [record('nx', 'next', { createdAt: at(0).toISOString() }), record('old', 'retired', { retiredAt: at(0).toISOString(), removeAfter: at(3).toISOString() })];
    const reminders = dueReminders(ring, at(1));
    expect(reminders[0]).toMatchObject({ kind: 'no-active-key', severity: 'error' });
    expect(dueReminders(ring, at(4)).map((r) => r.kind)).toEqual(['no-active-key', 'remove-retired']);
  });
});
