/**
 * The renderer's one way out: `window.onboarding`, built by the preload (or, in the UI tests,
 * by the same factory over Playwright bindings). Typed from the contract, so a new operation
 * needs no code here.
 */
import type { OnboardingApi } from '../contract/bridge';

declare global {
  interface Window {
    /** Installed before any page script runs; absent only if the preload failed. */
    readonly onboarding?: OnboardingApi;
  }
}

/** The bridge, or `undefined` when the page runs without one (e.g. opened in a plain browser). */
export function getBridge(): OnboardingApi | undefined {
  return window.onboarding;
}
