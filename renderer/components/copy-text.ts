/**
 * Copies public text (a fingerprint, a hosting snippet) through the main process. The window
 * itself may not touch the clipboard: the session refuses every permission (electron/window.ts),
 * so `navigator.clipboard` fails in the app.
 */
import { call } from '../hooks/use-operation';
import type { Result } from '../../contract/result';

/** Puts `text` (never secret) on the clipboard. */
export function copyPublicText(text: string): Promise<Result<{ copied: boolean }>> {
  return call('copyText', { text });
}
