/**
 * The renderer's data layer: one TanStack Query cache of the main process's answers. A query is
 * one read operation with its request (`[name, request]`); an operation that changes data
 * invalidates the reads it affects (below), and a change made elsewhere (another window, the
 * CLI: the `registrations:changed` event) invalidates every registration read. Screens no longer
 * pass reload callbacks to each other: they read, change, and the cache refreshes what is shown.
 */
import { QueryClient } from '@tanstack/react-query';
import type { Operations } from '../../contract/contract';

type OpName = keyof Operations;

/** The one cache of this window. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Answers are Results (never thrown): a failure is data to show, not something to retry.
      retry: false,
      // The main process says when data changed (mutations here, the event for elsewhere); focus is no signal.
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
      // Shown again on the next visit to a screen, refreshed in the background.
      staleTime: 0,
    },
  },
});

/** Reads that show registrations' stored state: all of them may change when a registration does. */
const REGISTRATION_READS: readonly OpName[] = [
  'listRegistrations',
  'getRegistration',
  'listKeys',
  'publicKeys',
  'checkHistory',
  'previewPackage',
  'getChecklist',
  'compareRegistrations',
  'showCredentials',
  'settingsNotices',
];

/**
 * Which reads each changing operation makes stale. The wizard's autosave answers with the new
 * detail itself, so it only refreshes the list's status.
 */
const INVALIDATES: Partial<Record<OpName, readonly OpName[]>> = {
  createRegistration: ['listRegistrations'],
  updateRegistration: ['listRegistrations', 'previewPackage', 'getChecklist', 'compareRegistrations'],
  copyRegistration: ['listRegistrations'],
  deleteRegistration: REGISTRATION_READS,
  discoverProvider: ['listRegistrations', 'getRegistration', 'previewPackage', 'getChecklist'],
  forgetDiscovery: ['listRegistrations', 'getRegistration', 'previewPackage', 'getChecklist'],
  generateKey: ['listKeys', 'publicKeys', 'listRegistrations', 'previewPackage', 'getChecklist', 'compareRegistrations'],
  importKey: ['listKeys', 'publicKeys', 'listRegistrations', 'previewPackage', 'getChecklist', 'compareRegistrations'],
  rotateKeys: ['listKeys', 'publicKeys', 'listRegistrations', 'previewPackage', 'getChecklist', 'compareRegistrations'],
  retireKey: ['listKeys', 'publicKeys', 'listRegistrations', 'previewPackage', 'getChecklist', 'compareRegistrations'],
  deleteKey: ['listKeys', 'publicKeys', 'listRegistrations', 'previewPackage', 'getChecklist', 'compareRegistrations'],
  runCheck: ['checkHistory', 'listRegistrations', 'previewPackage'],
  buildPackage: ['listRegistrations', 'previewPackage'],
  tickChecklistItem: ['getChecklist'],
  saveCredentials: ['showCredentials', 'listRegistrations', 'getChecklist'],
  deleteCredentials: ['showCredentials', 'listRegistrations', 'getChecklist'],
};

/** The reads `name` makes stale when it succeeds (none for reads and side-effect-only operations). */
function invalidatedBy(name: OpName): readonly OpName[] {
  return INVALIDATES[name] ?? [];
}

/** Marks the reads a successful `name` affects as stale; those on screen are fetched again. */
export function invalidateAfter(name: OpName): void {
  for (const read of invalidatedBy(name)) void queryClient.invalidateQueries({ queryKey: [read] });
}

/** A change made elsewhere: every registration read is stale. */
export function invalidateRegistrationReads(): void {
  for (const read of REGISTRATION_READS) void queryClient.invalidateQueries({ queryKey: [read] });
  void queryClient.invalidateQueries({ queryKey: ['preferences'] });
}
