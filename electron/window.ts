/**
 * The main window, locked down: every security-relevant web preference is written out as a
 * literal (Electronegativity only reads literals), navigation and new windows are refused,
 * `<webview>` cannot attach, and the session grants no permission.
 */
import { BrowserWindow, nativeTheme, type Session, type WebContents } from 'electron';
import { isSameOrigin } from './app-path';

/** What the window needs from the composition root. */
export interface MainWindowOptions {
  /** Absolute path of the bundled preload (`preload.cjs`). */
  preloadPath: string;
  /** Origins the window may show (`app://oidc-onboard`, plus the Vite dev server in development). */
  allowedOrigins: readonly string[];
  /** Opens an allow-listed link in the system browser; refuses the rest. */
  openLink: (url: string) => Promise<boolean>;
}

// Background colours match the renderer's light/dark page colour, so there is no white flash
// before the first paint in dark mode.
const BACKGROUND = { dark: '#1c1c21', light: '#ffffff' } as const;

function backgroundColour(): string {
  return nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light;
}

const lockedContents = new WeakSet<WebContents>();
const lockedSessions = new WeakSet<Session>();

/** Creates the main window (hidden until its first paint) with every lock installed. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  // Follow the OS; the renderer styles itself with prefers-color-scheme.
  nativeTheme.themeSource = 'system';

  const window = new BrowserWindow({
    width: 1180,
    height: 820,
    minWidth: 880,
    minHeight: 600,
    show: false,
    title: 'OIDC Onboard',
    backgroundColor: backgroundColour(),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      navigateOnDragDrop: false,
    },
  });

  window.once('ready-to-show', () => window.show());

  const onThemeChange = () => {
    if (!window.isDestroyed()) window.setBackgroundColor(backgroundColour());
  };
  nativeTheme.on('updated', onThemeChange);
  window.on('closed', () => nativeTheme.off('updated', onThemeChange));

  lockWebContents(window.webContents, options);
  lockSession(window.webContents.session);
  return window;
}

/**
 * Navigation lock for any webContents: only our own origin may be navigated to, no popup window
 * is ever created, and allow-listed https links go to the system browser instead.
 */
export function lockWebContents(contents: WebContents, options: Pick<MainWindowOptions, 'allowedOrigins' | 'openLink'>): void {
  // main.ts locks every webContents as it is created and the window locks its own; once is enough.
  if (lockedContents.has(contents)) return;
  lockedContents.add(contents);
  const allowed = (url: string) => isSameOrigin(url, options.allowedOrigins);

  contents.on('will-navigate', (event, url) => {
    if (!allowed(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!allowed(url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!allowed(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    // Links to the RFCs and provider docs open in the browser; openLink applies the allow-list.
    void options.openLink(url).catch(() => undefined);
    return { action: 'deny' };
  });
}

/** Refuses every permission request and check (camera, notifications, clipboard-read, ...) and every download. */
export function lockSession(session: Session): void {
  // Windows share the default session; adding the download listener per window would pile up.
  if (lockedSessions.has(session)) return;
  lockedSessions.add(session);
  session.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => {
    event.preventDefault();
  });
}
