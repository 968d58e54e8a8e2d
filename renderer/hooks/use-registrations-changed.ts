/**
 * Changes made outside this window (the CLI, a script, another window) arrive as the
 * `registrations:changed` event; screens that show registrations refresh on it.
 */
import { useEffect, useRef } from 'react';
import type { PayloadOf } from '../../contract/ipc';
import type { Events } from '../../contract/contract';
import { getBridge } from '../bridge';

/** What changed elsewhere. */
export type RegistrationsChange = PayloadOf<Events['registrationsChanged']>;

/** Calls `listener` on every change made elsewhere, for as long as the component is mounted. */
export function useRegistrationsChanged(listener: (change: RegistrationsChange) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => getBridge()?.onRegistrationsChanged((change) => latest.current(change)), []);
}
