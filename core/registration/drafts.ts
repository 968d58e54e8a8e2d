/**
 * Drafts: one registration per application × provider × environment, persisted in the
 * settings store. Every change is validated by the one rule engine and saved at once
 * (autosave); secrets never enter here.
 */
import { AppError } from '../../contract/errors';
import type { Registration } from '../../contract/schemas/registration';
import type { ValidationReport } from '../../contract/schemas/findings';
import type { Clock } from '../ports';
import { findEnvironment, getProfile, type Profile } from '../profiles';
import { profileFor } from './profile-for';
import { fetchDiscovery } from '../net/discovery';
import { fetcherForCa } from '../net/fetcher-for-ca';
import type { Fetcher } from '../net/types';
import type { RegistrationRepository } from '../storage/registrations';
import { emptyMetadataFor, validateMetadata } from './index';
import { keyFactsOf } from './key-facts';
import { memberSchema } from './metadata';

/**
 * What `set` on the CLI (and scripted callers) may change in one go. The named fields are
 * shorthands for the generic edits below (`clientName` is `members.client_name`,
 * `addRedirectUris` is `add.redirect_uris` …) and are applied by the same path, in its order.
 */
export interface ValueChanges {
  /** `members.client_name`. */
  clientName?: string;
  /** `add.redirect_uris`. */
  addRedirectUris?: string[];
  /** `remove.redirect_uris`. */
  removeRedirectUris?: string[];
  /** `members.jwks_uri`. */
  jwksUri?: string;
  /** `members.contacts` (replaces the list). */
  contacts?: string[];
  /** `members.token_endpoint_auth_method`. */
  authMethod?: string;
  /** `members.token_endpoint_auth_signing_alg`. */
  signingAlg?: string;
  /** Members set to these values (any member the rule engine knows; see `memberSchema`). */
  members?: Readonly<Record<string, unknown>>;
  /** Values appended to list members (`redirect_uris`, `contacts` …), after `remove`. */
  add?: Readonly<Record<string, readonly string[]>>;
  /** Values taken out of list members; one that is not there is refused. */
  remove?: Readonly<Record<string, readonly string[]>>;
  /** Members removed from the metadata (before anything is set or added). */
  clear?: readonly string[];
  /** The notes kept with the registration; `''` clears them. */
  notes?: string;
}

/** Sets an own property (a member name such as `__proto__` must not reach the prototype). */
function setMember(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

/** A registration with its profile and current findings. */
export interface DraftView {
  registration: Registration;
  profile: Profile;
  report: ValidationReport;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Three-way merge of client metadata, member by member: a member the caller left as it was in
 * `base` takes `current`'s value (someone else may have changed it); a member the caller changed
 * takes the caller's. Members the caller removed are removed.
 */
export function mergeMembers(base: Record<string, unknown>, mine: Record<string, unknown>, current: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(current), ...Object.keys(mine), ...Object.keys(base)])) {
    const inMine = Object.hasOwn(mine, key);
    const changedByMe = inMine !== Object.hasOwn(base, key) || (inMine && !same(mine[key], base[key]));
    const source = changedByMe ? mine : current;
    if (Object.hasOwn(source, key)) Object.defineProperty(merged, key, { value: source[key], enumerable: true, writable: true, configurable: true });
  }
  return merged;
}

/** Turns a client name into a readable id stem (`My App` → `my-app`). */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return slug === '' ? 'registration' : slug;
}

/** Refuses a member name the rule engine does not know (a typo would otherwise be stored silently). */
function requireKnownMember(name: string): void {
  if (!memberSchema(name)) throw new AppError('VALIDATION_FAILED', `"${name}" is not a client metadata member this app knows.`, { details: { member: name } });
}

/** The member each named shorthand of {@link ValueChanges} sets. */
const SHORTHAND_MEMBERS = {
  clientName: 'client_name',
  jwksUri: 'jwks_uri',
  contacts: 'contacts',
  authMethod: 'token_endpoint_auth_method',
  signingAlg: 'token_endpoint_auth_signing_alg',
} as const satisfies Partial<Record<keyof ValueChanges, string>>;

/**
 * `changes` as generic member edits only: the named shorthands (`clientName`, `addRedirectUris` …)
 * become the `members`, `remove` and `add` entries they stand for, so one path applies them all.
 * A member given both ways takes the generic value; list values given both ways are joined.
 */
function memberEdits(changes: ValueChanges): Pick<ValueChanges, 'clear' | 'members' | 'remove' | 'add'> {
  const named: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(SHORTHAND_MEMBERS)) {
    const value = changes[key as keyof typeof SHORTHAND_MEMBERS];
    if (value !== undefined) named[member] = value;
  }
  // Spread copies own properties as own properties: a member named `__proto__` stays a member.
  const joined = (shorthand: readonly string[] | undefined, generic: Readonly<Record<string, readonly string[]>> | undefined) =>
    shorthand?.length ? { ...generic, redirect_uris: [...shorthand, ...(generic?.redirect_uris ?? [])] } : generic;
  const remove = joined(changes.removeRedirectUris, changes.remove);
  const add = joined(changes.addRedirectUris, changes.add);
  return {
    ...(changes.clear && { clear: changes.clear }),
    members: { ...named, ...changes.members },
    ...(remove && { remove }),
    ...(add && { add }),
  };
}

/** `changes`' member edits on `metadata`: clear, then set, then remove, then add. */
function applyMemberChanges(id: string, metadata: Record<string, unknown>, changes: Pick<ValueChanges, 'clear' | 'members' | 'remove' | 'add'>): void {
  for (const name of changes.clear ?? []) {
    requireKnownMember(name);
    delete metadata[name];
  }
  for (const [name, value] of Object.entries(changes.members ?? {})) {
    requireKnownMember(name);
    setMember(metadata, name, value);
  }
  const listOf = (name: string): string[] => (Object.hasOwn(metadata, name) && Array.isArray(metadata[name]) ? (metadata[name] as string[]) : []);
  for (const [name, values] of Object.entries(changes.remove ?? {})) {
    requireKnownMember(name);
    const existing = listOf(name);
    const missing = values.filter((v) => !existing.includes(v));
    if (missing.length > 0) throw new AppError('VALIDATION_FAILED', `Not in ${name} of ${id}: ${missing.join(', ')}`, { details: { member: name, missing } });
    setMember(metadata, name, existing.filter((v) => !values.includes(v)));
  }
  for (const [name, values] of Object.entries(changes.add ?? {})) {
    requireKnownMember(name);
    const existing = listOf(name);
    setMember(metadata, name, [...existing, ...values.filter((v) => !existing.includes(v))]);
  }
}

// What every new registration starts with: its dates, and nothing it owns yet (a copy takes values only).
function freshRecord(now: string) {
  return { createdAt: now, updatedAt: now, keys: [], checks: [], packages: [], checklist: {} };
}

/** The draft service. */
export function createDraftService(deps: { registrations: RegistrationRepository; clock: Clock; fetcher: Fetcher }) {
  const { registrations, clock } = deps;

  const view = (registration: Registration): DraftView => {
    const profile = profileFor(registration);
    // The keys are judged with the values: a declared algorithm the active key cannot sign is an error.
    return { registration, profile, report: validateMetadata(registration.metadata, profile, registration.environment, { keys: keyFactsOf(registration.keys) }) };
  };

  const requireEnvironment = (profile: Profile, environment: string) => {
    if (!findEnvironment(profile, environment)) {
      throw new AppError('VALIDATION_FAILED', `${profile.name} has no environment "${environment}". Known: ${profile.environments.map((e) => e.id).join(', ')}.`, {
        details: { provider: profile.id, environment },
      });
    }
  };

  const uniqueId = (isTaken: (id: string) => boolean, stem: string): string => {
    if (!isTaken(stem)) return stem;
    for (let n = 2; ; n += 1) if (!isTaken(`${stem}-${n}`)) return `${stem}-${n}`;
  };

  const get = (id: string): Registration => registrations.get(id);

  /** Applies `apply` to the record as it is on disk now, under the lock (never a write-back of an older copy). */
  const change = (id: string, apply: (registration: Registration) => void): Registration =>
    registrations.update(id, (registration) => {
      apply(registration);
      return registration;
    });

  return {
    /** Every draft, most recently changed first. */
    list(): DraftView[] {
      return registrations.list().map(view);
    },

    get: (id: string): DraftView => view(get(id)),

    /** The stored record without validation (for services that only need the data). */
    record: get,

    /**
     * Creates a draft with the profile's defaults and `clientName`. One application has one
     * registration per provider and environment: a draft with the same client name (ignoring case
     * and surrounding space) for the same provider and environment is refused with its id, so a
     * second `new` never silently makes `clinic-portal-int-2`.
     */
    create(input: { provider: string; environment: string; clientName: string; discoveryUrl?: string }): DraftView {
      const profile = getProfile(input.provider);
      requireEnvironment(profile, input.environment);
      const sameName = (name: unknown) => typeof name === 'string' && name.trim().toLowerCase() === input.clientName.trim().toLowerCase();
      const existing = registrations.list().find((r) => r.provider === profile.id && r.environment === input.environment && sameName(r.metadata.client_name));
      if (existing) {
        throw new AppError('ALREADY_EXISTS', `${existing.id} already registers "${input.clientName}" with ${profile.name} in ${input.environment}. Change that one, or give a different name.`, {
          details: { id: existing.id, provider: profile.id, environment: input.environment },
        });
      }
      const now = clock.now().toISOString();
      const metadata = { ...emptyMetadataFor(profile, input.environment), client_name: input.clientName };
      const created = registrations.create((isTaken) => ({
        ...freshRecord(now),
        id: uniqueId(isTaken, `${slugify(input.clientName)}-${input.environment}`),
        provider: profile.id,
        environment: input.environment,
        ...(input.discoveryUrl === undefined ? {} : { discoveryUrl: input.discoveryUrl }),
        metadata,
        notes: '',
      }));
      return view(created);
    },

    /**
     * Replaces the given parts (autosave from the wizard). With `base` — the values the caller's
     * edits started from — only the members the caller changed are written (a three-way merge
     * against the record as it is now), so what another process changed meanwhile survives.
     */
    update(id: string, patch: { metadata?: Record<string, unknown>; notes?: string; discoveryUrl?: string; base?: { metadata: Record<string, unknown>; notes: string } }): DraftView {
      const { base } = patch;
      return view(
        change(id, (registration) => {
          if (patch.metadata !== undefined) registration.metadata = base ? mergeMembers(base.metadata, patch.metadata, registration.metadata) : patch.metadata;
          if (patch.notes !== undefined) registration.notes = base && patch.notes === base.notes ? registration.notes : patch.notes;
          if (patch.discoveryUrl !== undefined) registration.discoveryUrl = patch.discoveryUrl;
        }),
      );
    },

    /** Applies CLI-style value changes. Values are stored as given; judging them is the rule engine's job. */
    setValues(id: string, changes: ValueChanges): DraftView {
      // Computed from the record as it is under the lock, so parallel `set`s (say, two processes each adding a redirect URI) all land.
      return view(
        change(id, (current) => {
          const metadata: Record<string, unknown> = { ...current.metadata };
          applyMemberChanges(id, metadata, memberEdits(changes));
          current.metadata = metadata;
          if (changes.notes !== undefined) current.notes = changes.notes;
        }),
      );
    },

    /** Copies the values (never keys, checks, packages or credentials) to another environment. */
    copyToEnvironment(id: string, environment: string): DraftView {
      const profile = getProfile(get(id).provider);
      requireEnvironment(profile, environment);
      const now = clock.now().toISOString();
      const created = registrations.copy(id, (source, isTaken) => ({
        id: uniqueId(isTaken, `${slugify(String(source.metadata.client_name ?? source.id))}-${environment}`),
        provider: source.provider,
        environment,
        metadata: structuredClone(source.metadata),
        notes: source.notes,
        ...freshRecord(now),
      }));
      return view(created);
    },

    /**
     * Fetches the provider's discovery document (through the safe fetcher) and applies it: the
     * algorithms, auth methods and token endpoint then come from the provider, not the built-in data.
     */
    async discover(id: string, options: { url?: string; caPem?: string; timeoutMs?: number } = {}): Promise<DraftView> {
      const current = get(id);
      const environment = findEnvironment(getProfile(current.provider), current.environment);
      const url = options.url ?? current.discoveryUrl ?? environment?.discoveryUrl;
      if (!url) throw new AppError('VALIDATION_FAILED', 'No discovery URL is known for this environment: give the provider\'s issuer or .well-known/openid-configuration URL.');
      const { fetcher, release } = fetcherForCa(deps.fetcher, options.caPem);
      try {
        // The discovery URL is the user's (or the built-in profile's): `typed`, so it may be local.
        // Redirects are not followed (a moved document is reported), so no other address is reached.
        const document = await fetchDiscovery(fetcher, url, {
          source: 'typed',
          ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
        });
        const discovery = {
          url: document.discoveryUrl,
          fetchedAt: clock.now().toISOString(),
          metadata: document.metadata as Record<string, unknown>,
          issuerMatch: document.issuerCheck.match,
          warnings: document.warnings.map((w) => w.message),
        };
        // Judge the document before keeping it: a malformed one must not replace working data.
        profileFor({ ...current, discovery });
        return view(
          change(id, (registration) => {
            if (options.url !== undefined) registration.discoveryUrl = options.url;
            registration.discovery = discovery;
          }),
        );
      } finally {
        release();
      }
    },

    /** Goes back to the profile's built-in data. */
    forgetDiscovery(id: string): DraftView {
      return view(change(id, (registration) => void delete registration.discovery));
    },
  };
}

/** The draft service's type. */
export type DraftService = ReturnType<typeof createDraftService>;
