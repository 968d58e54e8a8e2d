/**
 * Runs a jwks_uri check and collects its checks as they stream in (`onCheckProgress`, matched
 * by a run id this window chooses), so results show while slow fetches are still going.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorPayload } from '../../contract/errors';
import type { Check } from '../../contract/schemas/jwks-check';
import { getBridge } from '../bridge';
import { call, type RequestFor, type ValueFor } from '../hooks/use-operation';

/** Where a run stands. */
export type CheckRunState =
  | { status: 'idle' }
  | { status: 'running'; checks: Check[] }
  | { status: 'done'; checks: Check[]; result: ValueFor<'runCheck'> }
  | { status: 'error'; checks: Check[]; error: ErrorPayload };

function newRunId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `run-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** The state of the latest run and a `run` that starts a new one (an older run's late events are ignored). */
export function useCheckRun(): { state: CheckRunState; run: (request: Omit<RequestFor<'runCheck'>, 'runId'>) => Promise<ValueFor<'runCheck'> | undefined>; show: (result: ValueFor<'runCheck'>) => void } {
  const [state, setState] = useState<CheckRunState>({ status: 'idle' });
  const current = useRef<string | undefined>(undefined);
  const unsubscribe = useRef<(() => void) | undefined>(undefined);

  useEffect(() => () => unsubscribe.current?.(), []);

  const run = useCallback(async (request: Omit<RequestFor<'runCheck'>, 'runId'>) => {
    const runId = newRunId();
    current.current = runId;
    unsubscribe.current?.();
    setState({ status: 'running', checks: [] });
    unsubscribe.current = getBridge()?.onCheckProgress((event) => {
      if (event.runId !== runId || current.current !== runId) return;
      setState((previous) => (previous.status === 'running' ? { status: 'running', checks: [...previous.checks, event.check] } : previous));
    });
    const result = await call('runCheck', { ...request, runId });
    if (current.current !== runId) return undefined;
    unsubscribe.current?.();
    unsubscribe.current = undefined;
    if (result.ok) {
      // The report is the authority: its checks are complete and in catalogue order.
      setState({ status: 'done', checks: result.value.report.checks, result: result.value });
      return result.value;
    }
    setState((previous) => ({ status: 'error', checks: previous.status === 'running' ? previous.checks : [], error: result.error }));
    return undefined;
  }, []);

  /** Shows a kept report (from history) as if it had just run. */
  const show = useCallback((result: ValueFor<'runCheck'>) => {
    current.current = undefined;
    setState({ status: 'done', checks: result.report.checks, result });
  }, []);

  return { state, run, show };
}
