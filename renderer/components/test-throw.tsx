/**
 * A test-only way to make a screen throw while rendering, so the UI tests can prove the error
 * boundary. It reads a global that only the UI test harness defines (with an init script); the
 * Electron preload never sets it, so in the app this renders nothing and never throws.
 */
import type { ReactElement } from 'react';

declare global {
  interface Window {
    /** Set only by the UI tests: the screen (route name) that should throw, or 'app' for the frame. */
    readonly __oidcOnboardTestThrowIn?: string;
  }
}

/** Throws during render when the harness asked `where` to fail. */
export function TestThrow({ where }: { where: string }): ReactElement | null {
  if (window.__oidcOnboardTestThrowIn === where) throw new Error(`Test-only render failure in “${where}”.`);
  return null;
}
