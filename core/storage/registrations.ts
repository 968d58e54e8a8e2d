/**
 * The registrations repository: the one owner of registration records in the settings file.
 * Every service reads and writes registrations through it, so there is one lookup rule (own
 * properties only: `constructor`, `__proto__` or `toString` are "no registration"), one
 * "not found" error, and every change is a locked read-modify-write of the record as it is on
 * disk now (see `settings-store.ts`), never a write-back of a copy read earlier.
 */
import { AppError } from '../../contract/errors';
import type { Registration } from '../../contract/schemas/registration';
import type { Clock } from '../ports';
import type { SettingsStore } from './settings-store';

/** Options of {@link RegistrationRepository.update}. */
export interface UpdateOptions {
  /** Set `updatedAt` to now (default true). History appends (checks, packages) leave it. */
  touch?: boolean;
}

/** The registrations repository. Every method throws {@link AppError}s only. */
export interface RegistrationRepository {
  /** True while the settings file belongs to a newer version (every write is refused). */
  readonly readOnly: boolean;
  /** Every registration, most recently changed first. */
  list(): Registration[];
  /** The registration `id`, or `undefined`; only an own entry counts. */
  find(id: string): Registration | undefined;
  /** The registration `id`; `NOT_FOUND` (a usage error, CLI exit 2) when there is none. */
  get(id: string): Registration;
  /**
   * Adds a registration built by `build` under the lock; `isTaken` answers for ids present
   * right now, so two processes never pick the same id.
   */
  create(build: (isTaken: (id: string) => boolean) => Registration): Registration;
  /**
   * Changes registration `id` in place: `mutate` gets the record as it is on disk now and may
   * change it; it returns what `mutate` returned. `NOT_FOUND` when it is gone (e.g. deleted by
   * another process meanwhile). `mutate` must be synchronous; if it throws, nothing is written.
   */
  update<T>(id: string, mutate: (registration: Registration) => T, options?: UpdateOptions): T;
  /**
   * Adds a registration derived from `id` as it is now (e.g. its values for another environment).
   * `build` gets the source and an `isTaken` check for the new id.
   */
  copy(id: string, build: (source: Registration, isTaken: (id: string) => boolean) => Registration): Registration;
  /**
   * Removes the record of `id` when `mayRemove` (given the record as it is now) agrees; returns
   * false when it refused or the record was already gone. Deleting what a registration owns is
   * `core/lifecycle`'s job; this removes only the record, last.
   */
  remove(id: string, mayRemove?: (current: Registration) => boolean): boolean;
}

/** The "no registration" error every lookup throws. */
export function registrationNotFound(id: string): AppError {
  return new AppError('NOT_FOUND', `No registration "${id}". Run \`oidc-onboard list\` to see them.`, { details: { id } });
}

/** Own-property lookup in a registrations record. */
export function ownRegistration(registrations: Record<string, Registration>, id: string): Registration | undefined {
  return Object.hasOwn(registrations, id) ? registrations[id] : undefined;
}

/** Builds the repository over a settings store. */
export function createRegistrationRepository(deps: { store: SettingsStore; clock: Clock }): RegistrationRepository {
  const { store, clock } = deps;

  const add = (registrations: Record<string, Registration>, registration: Registration) => {
    if (Object.hasOwn(registrations, registration.id)) throw new AppError('ALREADY_EXISTS', `A registration "${registration.id}" already exists.`, { details: { id: registration.id } });
    // defineProperty: an id such as `__proto__` must become an entry, never the record's prototype.
    Object.defineProperty(registrations, registration.id, { value: registration, enumerable: true, writable: true, configurable: true });
  };
  const takenIn = (registrations: Record<string, Registration>) => (id: string) => Object.hasOwn(registrations, id);

  return {
    get readOnly() {
      return store.readOnly;
    },

    // Lookups copy only the records they return (store.select), never the whole settings file.
    list: () => store.select((settings) => Object.values(settings.registrations)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),

    find: (id) => store.select((settings) => ownRegistration(settings.registrations, id)),

    get(id) {
      const found = store.select((settings) => ownRegistration(settings.registrations, id));
      if (!found) throw registrationNotFound(id);
      return found;
    },

    create(build) {
      return store.update((settings) => {
        const registration = build(takenIn(settings.registrations));
        add(settings.registrations, registration);
        return structuredClone(registration);
      });
    },

    update(id, mutate, options = {}) {
      return store.update((settings) => {
        const target = ownRegistration(settings.registrations, id);
        if (!target) throw registrationNotFound(id);
        const result = mutate(target);
        if (target.id !== id) throw new AppError('INTERNAL', 'A registration update may not change its id.');
        if (options.touch !== false) target.updatedAt = clock.now().toISOString();
        return result;
      });
    },

    copy(id, build) {
      return store.update((settings) => {
        const source = ownRegistration(settings.registrations, id);
        if (!source) throw registrationNotFound(id);
        const registration = build(structuredClone(source), takenIn(settings.registrations));
        add(settings.registrations, registration);
        return structuredClone(registration);
      });
    },

    remove(id, mayRemove = () => true) {
      if (!store.select((settings) => Object.hasOwn(settings.registrations, id))) return false;
      return store.update((settings) => {
        const current = ownRegistration(settings.registrations, id);
        if (!current || !mayRemove(current)) return false;
        delete settings.registrations[id];
        return true;
      });
    },
  };
}
