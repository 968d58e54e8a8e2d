/**
 * Calling the main process from components. Generic over the contract: the operation name picks
 * the request and response types, so a new operation in contract/ needs no new hook code.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { OnboardingApi } from '../../contract/bridge';
import type { Operations } from '../../contract/contract';
import type { ErrorPayload } from '../../contract/errors';
import type { RequestOf, ResponseOf } from '../../contract/ipc';
import type { Result } from '../../contract/result';
import { getBridge } from '../bridge';
import { invalidateAfter } from '../data/query-client';

/** An operation name (a bridge method). */
export type OpName = keyof Operations;
/** The request an operation takes. */
export type RequestFor<K extends OpName> = RequestOf<Operations[K]>;
/** The value an operation resolves with. */
export type ValueFor<K extends OpName> = ResponseOf<Operations[K]>;
/** The arguments after the name, exactly as the bridge method takes them (optional when nothing is required). */
export type ArgsFor<K extends OpName> = Parameters<OnboardingApi[K]>;

/**
 * Calls one operation and returns its Result. Never throws: a missing bridge or a broken
 * transport becomes an INTERNAL error so every caller handles failure in one way. A successful
 * change invalidates the cached reads it affects.
 */
export async function call<K extends OpName>(name: K, ...args: ArgsFor<K>): Promise<Result<ValueFor<K>>> {
  const bridge = getBridge();
  if (!bridge) return { ok: false, error: { code: 'INTERNAL', message: 'The connection to the app is missing. Restart OIDC Onboard.' } };
  // One cast at the boundary: the bridge's per-method types are exactly these, by construction.
  const method = bridge[name] as unknown as (request?: ArgsFor<K>[0]) => Promise<Result<ValueFor<K>>>;
  try {
    const result = await method(args[0]);
    // A change succeeded: the reads it affects are stale (the screens showing them fetch again).
    if (result.ok) invalidateAfter(name);
    return result;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'The app did not answer.' } };
  }
}

/** Where a loaded operation stands. */
export type LoadState<T> = { status: 'loading' } | { status: 'ok'; value: T } | { status: 'error'; error: ErrorPayload };

/**
 * Reads `name` through the query cache (key: the name and the request), exposing its state, a
 * `reload` and a `setValue` that puts a newer answer into the cache. Every component reading the
 * same operation and request shares one answer; changes invalidate it (data/query-client.ts).
 */
export function useOperation<K extends OpName>(
  name: K,
  ...args: ArgsFor<K>
): { state: LoadState<ValueFor<K>>; reload: () => void; setValue: (value: ValueFor<K>) => void } {
  const request = args[0];
  const queryKey = useMemo(() => [name, request ?? {}] as const, [name, JSON.stringify(request ?? {})]); // The request's JSON is its identity (a new object each render).
  const client = useQueryClient();
  const query = useQuery({
    queryKey,
    // Typed rest args cannot be re-spread generically; the request is the one in the key.
    queryFn: () => (call as (name: K, request?: RequestFor<K>) => Promise<Result<ValueFor<K>>>)(name, queryKey[1] as RequestFor<K>),
  });
  const reload = useCallback(() => void client.invalidateQueries({ queryKey, exact: true }), [client, queryKey]);
  const setValue = useCallback(
    (value: ValueFor<K>) => {
      const answer: Result<ValueFor<K>> = { ok: true, value } as Result<ValueFor<K>>;
      client.setQueryData(queryKey, answer);
    },
    [client, queryKey],
  );
  const result = query.data;
  const state: LoadState<ValueFor<K>> = result === undefined ? { status: 'loading' } : result.ok ? { status: 'ok', value: result.value } : { status: 'error', error: result.error };
  return { state, reload, setValue };
}

/** Where an on-demand operation stands: running, or its last value or error (both cleared when it runs again). */
export interface ActionState<K extends OpName> {
  run: (...args: ArgsFor<K>) => void;
  busy: boolean;
  value: ValueFor<K> | undefined;
  error: ErrorPayload | undefined;
}

/**
 * Runs `name` on demand (a button's action) through the query library's mutations: `busy`
 * while it runs, then its value or its error. Invalidation after a change is `call`'s.
 */
export function useAction<K extends OpName>(name: K): ActionState<K> {
  const mutation = useMutation<ValueFor<K>, ErrorPayload, RequestFor<K> | undefined>({
    mutationFn: async (request) => {
      const result = await (call as (name: K, request?: RequestFor<K>) => Promise<Result<ValueFor<K>>>)(name, request);
      if (!result.ok) throw result.error;
      return result.value;
    },
  });
  return {
    run: (...args) => mutation.mutate(args[0] as RequestFor<K> | undefined),
    busy: mutation.isPending,
    value: mutation.data,
    error: mutation.error ?? undefined,
  };
}
