/**
 * Who may call the main process: only our own window's main frame, loaded from our own
 * origin. Pure (no Electron import) so the same rule runs in the UI tests.
 * Origins are compared as parsed scheme + host, never with startsWith: `app://` is not a
 * special scheme, so `URL.origin` would be the string "null" for it.
 */

/** What the main process knows about the frame that sent an IPC message. */
export interface SenderInfo {
  /** `webContents.id` of the sender. */
  webContentsId: number;
  /** URL of the sending frame (`event.senderFrame.url`). */
  frameUrl: string;
  /** Whether the sending frame is the top-level frame of its webContents. */
  isMainFrame: boolean;
}

/** Scheme + host of a URL (`app://oidc-onboard`), or `undefined` when it does not parse. */
export function schemeAndHost(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}

/** Builds the sender gate from the ids of trusted webContents and the allowed origins. */
export function createSenderGate(options: { trustedIds: () => ReadonlySet<number>; allowedOrigins: readonly string[] }) {
  const allowed = new Set(options.allowedOrigins.map((origin) => schemeAndHost(origin)).filter((o): o is string => o !== undefined));
  return (sender: SenderInfo): boolean => {
    if (!sender.isMainFrame) return false;
    if (!options.trustedIds().has(sender.webContentsId)) return false;
    const origin = schemeAndHost(sender.frameUrl);
    return origin !== undefined && allowed.has(origin);
  };
}
