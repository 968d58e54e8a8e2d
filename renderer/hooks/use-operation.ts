/**
 * Calling the main process from components. Generic over the contract: the operation name picks
 * the request and response types, so a new operation in contract/ needs no new hook code.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OnboardingApi } from '../../contract/bridge';
import type { Operations } from '../../contract/contract';
import type { ErrorPayload } from '../../contract/errors';
import type { RequestOf, ResponseOf } from '../../contract/ipc';
import type { Result } from '../../contract/result';
import { getBridge } from '../bridge';

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
 * transport becomes an INTERNAL error so every caller handles failure in one way.
 */
export async function call<K extends OpName>(name: K, ...args: ArgsFor<K>): Promise<Result<ValueFor<K>>> {
  const bridge = getBridge();
  if (!bridge) return { ok: false, error: { code: 'INTERNAL', message: 'The connection to the app is missing. Restart OIDC Onboard.' } };
  // One cast at the boundary: the bridge's per-method types are exactly these, by construction.
  const method = bridge[name] as unknown as (request?: ArgsFor<K>[0]) => Promise<Result<ValueFor<K>>>;
  try {
    return await method(args[0]);
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'The app did not answer.' } };
  }
}

/** Where a loaded operation stands. */
export type LoadState<T> = { status: 'loading' } | { status: 'ok'; value: T } | { status: 'error'; error: ErrorPayload };

/**
 * Runs `name` on mount (and when the request changes), exposing its state and a `reload`.
 * Late answers from a superseded request are dropped.
 */
export function useOperation<K extends OpName>(
  name: K,
  ...args: ArgsFor<K>
): { state: LoadState<ValueFor<K>>; reload: () => void; setValue: (value: ValueFor<K>) => void } {
  const request = args[0];
  const key = JSON.stringify(request ?? {});
  const [state, setState] = useState<LoadState<ValueFor<K>>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    // Typed rest args cannot be re-spread generically; the request is the one parsed above.
    const run = call as (name: K, request?: RequestFor<K>) => Promise<Result<ValueFor<K>>>;
    void run(name, JSON.parse(key) as RequestFor<K>).then((result) => {
      if (ticket !== latest.current) return;
      setState(result.ok ? { status: 'ok', value: result.value } : { status: 'error', error: result.error });
    });
  }, [name, key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const setValue = useCallback((value: ValueFor<K>) => setState({ status: 'ok', value }), []);
  return { state, reload, setValue };
}
