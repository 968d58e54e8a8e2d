/**
 * Debounced autosave: changes are sent ~400 ms after the last keystroke, only the newest answer
 * is applied, and a pending save is flushed when the component goes away (step change, leaving
 * the page) so nothing typed is lost.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorPayload } from '../../contract/errors';
import type { Result } from '../../contract/result';

/** Where the autosave stands, for the live region. */
export type SaveStatus = { kind: 'idle' } | { kind: 'pending' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; error: ErrorPayload };

/** The default debounce, long enough to coalesce typing, short enough to feel live. */
export const AUTOSAVE_DELAY_MS = 400;

/**
 * `schedule(value)` queues `save(value)`; `onSaved` receives each applied answer.
 * `flush()` sends the queued value now.
 */
export function useAutosave<V, R>(save: (value: V) => Promise<Result<R>>, onSaved: (result: R) => void, delay = AUTOSAVE_DELAY_MS) {
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const queued = useRef<{ value: V } | undefined>(undefined);
  const lastSent = useRef<{ value: V } | undefined>(undefined);
  const sequence = useRef(0);
  const mounted = useRef(true);
  const saveRef = useRef(save);
  const onSavedRef = useRef(onSaved);
  saveRef.current = save;
  onSavedRef.current = onSaved;

  const flush = useCallback(() => {
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = undefined;
    const item = queued.current;
    if (!item) return;
    queued.current = undefined;
    lastSent.current = item;
    const ticket = ++sequence.current;
    if (mounted.current) setStatus({ kind: 'saving' });
    void saveRef.current(item.value).then((result) => {
      // An older answer must not overwrite the findings of a newer value.
      if (!mounted.current || ticket !== sequence.current) return;
      if (result.ok) {
        onSavedRef.current(result.value);
        setStatus(queued.current ? { kind: 'pending' } : { kind: 'saved' });
      } else {
        setStatus({ kind: 'failed', error: result.error });
      }
    });
  }, []);

  const schedule = useCallback(
    (value: V) => {
      queued.current = { value };
      setStatus({ kind: 'pending' });
      if (timer.current !== undefined) clearTimeout(timer.current);
      timer.current = setTimeout(flush, delay);
    },
    [delay, flush],
  );

  /** Sends the value that failed again. */
  const retry = useCallback(() => {
    if (!queued.current && lastSent.current) queued.current = lastSent.current;
    flush();
  }, [flush]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      flush();
    };
  }, [flush]);

  return { status, schedule, flush, retry };
}
