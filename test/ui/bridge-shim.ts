/**
 * Runs in the page before any page script (bundled at test setup and installed with
 * addInitScript): builds `window.onboarding` with the contract's own `createBridge`, over the
 * Playwright bindings instead of Electron IPC. The same factory the preload uses.
 */
import './zod-jitless';
import { createBridge, type BridgeTransport } from '../../contract/bridge';

interface HarnessWindow {
  __onboardingInvoke(channel: string, payload: unknown): Promise<unknown>;
  __onboardingSubscribe(channel: string): Promise<void>;
}

const harness = globalThis as unknown as HarnessWindow;
const listeners = new Map<string, Set<(payload: unknown) => void>>();

const transport: BridgeTransport = {
  invoke: (channel, payload) => harness.__onboardingInvoke(channel, payload),
  subscribe(channel, listener) {
    let set = listeners.get(channel);
    if (!set) {
      set = new Set();
      listeners.set(channel, set);
      void harness.__onboardingSubscribe(channel);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  },
};

Object.defineProperty(globalThis, 'onboarding', { value: createBridge(transport), enumerable: true, configurable: false, writable: false });
// The harness delivers main→renderer events through this (Electron's preload uses ipcRenderer.on).
Object.defineProperty(globalThis, '__onboardingDeliver', {
  value: (channel: string, payload: unknown) => listeners.get(channel)?.forEach((listener) => listener(payload)),
  configurable: false,
  writable: false,
});
