/**
 * The only path to `shell.openExternal`: every URL goes through the allow-list first, because
 * openExternal launches whatever protocol handler the OS has for the scheme (checklist item 15).
 * The opener is injected so the rule is unit-testable without Electron.
 */
import { isAllowedExternalUrl } from '../external-links';

/** Opens links in the system browser. */
export interface ExternalOpener {
  /** Opens `url` when allow-listed; resolves `false` (and opens nothing) otherwise. */
  open(url: string): Promise<boolean>;
}

/** Wraps Electron's `shell.openExternal` (passed in) with the allow-list. */
export function createExternalOpener(openExternal: (url: string) => Promise<void>): ExternalOpener {
  return {
    async open(url) {
      if (!isAllowedExternalUrl(url)) return false;
      // Hand over the re-serialised URL, not the caller's string, so what was checked is what opens.
      await openExternal(new URL(url).href);
      return true;
    },
  };
}
