/**
 * The renderer-facing API, built from the contract by a plain factory so that the preload
 * (over Electron IPC) and the UI tests (over Playwright bindings) expose exactly the same thing.
 */
import { operations, events, type Operations, type Events } from './contract';
import { subscriptionName, type BridgeMethod, type BridgeSubscription, type SubscriptionName } from './ipc';
import type { Result } from './result';

/** How the bridge reaches the main process. */
export interface BridgeTransport {
  /** Sends `payload` on `channel` and resolves with the main process's envelope. */
  invoke(channel: string, payload: unknown): Promise<unknown>;
  /** Subscribes to an event channel; the listener gets the payload only, never an event object. */
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

/** `window.onboarding`: one named method per operation, one `onX` per event. Nothing else. */
export type OnboardingApi = { readonly [K in keyof Operations]: BridgeMethod<Operations[K]> } & {
  readonly [K in keyof Events & string as SubscriptionName<K>]: BridgeSubscription<Events[K]>;
};

/** Builds the bridge object over a transport. The object is frozen and has no generic `invoke`. */
export function createBridge(transport: BridgeTransport): OnboardingApi {
  const api: Record<string, unknown> = {};
  for (const [name, op] of Object.entries(operations)) {
    api[name] = (request: unknown = {}) => transport.invoke(op.channel, request) as Promise<Result<unknown>>;
  }
  for (const [name, ev] of Object.entries(events) as [string, { channel: string }][]) {
    api[subscriptionName(name)] = (listener: (payload: unknown) => void) =>
      transport.subscribe(ev.channel, (payload) => listener(payload));
  }
  return Object.freeze(api) as OnboardingApi;
}

/** The names the bridge exposes, for the surface test. */
export function bridgeMethodNames(): string[] {
  return [...Object.keys(operations), ...Object.keys(events).map((name) => subscriptionName(name))].sort();
}
