/**
 * The composition root of the desktop app: the one place real adapters are built. Everything
 * here is wiring; the rules live in core/ (services), electron/ipc-router.ts (IPC), window.ts
 * (window locks), app-protocol.ts (what the UI may load) and adapters/ (allow-listed shell,
 * clipboard auto-clear, dialogs).
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { app, clipboard, dialog, shell, type BrowserWindow } from 'electron';
import { events } from '../contract/contract';
import { createAppServices } from '../core/app/services';
import { createFetcher } from '../core/net/fetcher';
import { resolveDataDir } from '../core/storage/data-dir';
import { createStreamLogger, cryptoRandom, systemClock } from '../core/ports/system';
import { createOsKeychain } from '../core/storage/os-keychain';
import { watchSettings } from '../core/storage/settings-watch';
import { createClipboardAdapter } from './adapters/clipboard';
import { createDialogs } from './adapters/dialogs';
import { createExternalOpener } from './adapters/shell';
import { APP_ENTRY_URL, APP_ORIGIN } from './app-path';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { createHandlers } from './handlers';
import { registerIpc } from './ipc';
import { createIpcRouter } from './ipc-router';
import { createSenderGate } from './trusted-sender';
import { createMainWindow, lockSession, lockWebContents } from './window';

// Defined by Forge's Vite plugin at build time. `typeof` keeps a build without them (type-check,
// a hand-run bundle) from throwing a ReferenceError.
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string | undefined;

const devServerUrl = typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' && MAIN_WINDOW_VITE_DEV_SERVER_URL !== '' ? MAIN_WINDOW_VITE_DEV_SERVER_URL : undefined;
const rendererName = typeof MAIN_WINDOW_VITE_NAME === 'string' ? MAIN_WINDOW_VITE_NAME : 'main_window';
// main.cjs runs from .vite/build/; Forge writes the renderer to .vite/renderer/<name>/.
const rendererRoot = path.join(__dirname, '..', 'renderer', rendererName);
const preloadPath = path.join(__dirname, 'preload.cjs');
const allowedOrigins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN];

// Before ready: every renderer sandboxed, the scheme privileged, and the data folder chosen
// (OIDC_ONBOARD_DATA_DIR, as for the CLI, so both see the same registrations; tests point it at a
// temp dir). Chromium's own profile lives there too, as it does by default.
app.enableSandbox();
registerAppScheme();
const dataDir = resolveDataDir(undefined);
app.setPath('userData', dataDir);

let mainWindow: BrowserWindow | undefined;
const trustedIds = new Set<number>();

if (!app.requestSingleInstanceLock()) {
  // Two processes writing one settings file would lose edits; hand over to the running one.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(start, (error: unknown) => {
    console.error('OIDC Onboard could not start:', error);
    app.exit(1);
  });
}

function start(): void {
  mkdirSync(path.join(dataDir, 'logs'), { recursive: true, mode: 0o700 });
  const logStream = createWriteStream(path.join(dataDir, 'logs', 'main.log'), { flags: 'a', mode: 0o600 });
  const logger = createStreamLogger((line) => logStream.write(line));
  logger.info('app: starting', { version: app.getVersion(), electron: process.versions.electron, dev: devServerUrl !== undefined });

  const opener = createExternalOpener((url) => shell.openExternal(url));
  const clipboardPort = createClipboardAdapter({ clipboard });
  const dialogs = createDialogs(dialog, () => mainWindow);

  const services = createAppServices({
    dataDir,
    vault: createOsKeychain(),
    clock: systemClock,
    random: cryptoRandom,
    logger,
    // The one safe fetcher of the app (ARCHITECTURE §6): every check, discovery and probe goes through it.
    fetcher: createFetcher(),
    runtime: { electron: process.versions.electron, chrome: process.versions.chrome },
  });
  const handlers = createHandlers(services, {
    openExternal: async (url) => {
      await opener.open(url);
    },
    chooseSavePath: (request) => dialogs.chooseSavePath(request),
    writeClipboard: async (text, clearAfterMs) => {
      if (clearAfterMs === undefined) await clipboardPort.copy(text);
      else await clipboardPort.copySecret(text, clearAfterMs);
    },
  });
  // Changes other processes make to config.json (the CLI, scripts) reach the open window, which refreshes.
  const settingsWatch = watchSettings({
    store: services.store,
    logger,
    onChange: (change) => {
      const contents = mainWindow?.webContents;
      if (contents && !contents.isDestroyed() && trustedIds.has(contents.id)) {
        contents.send(events.registrationsChanged.channel, { ids: change.registrations, preferences: change.preferences, readOnly: change.readOnly });
      }
    },
  });
  app.on('will-quit', () => settingsWatch.close());
  const router = createIpcRouter({ handlers, isTrustedSender: createSenderGate({ trustedIds: () => trustedIds, allowedOrigins }), logger });
  registerIpc(router);

  if (!devServerUrl) serveAppScheme(rendererRoot);

  // Every webContents (not only ours) gets the navigation lock and the deny-all session.
  app.on('web-contents-created', (_event, contents) => {
    lockWebContents(contents, { allowedOrigins, openLink: (url) => opener.open(url) });
    lockSession(contents.session);
  });
  app.on('render-process-gone', (_event, _contents, details) => logger.error('app: renderer gone', { reason: details.reason, exitCode: details.exitCode }));
  // A secret copied moments before quitting must not outlive the app: wipe it, then quit.
  let clipboardSettled = false;
  app.on('before-quit', (event) => {
    if (clipboardSettled) return;
    event.preventDefault();
    clipboardSettled = true;
    void clipboardPort
      .dispose()
      .catch(() => undefined)
      .finally(() => app.quit());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!mainWindow) openWindow();
  });

  openWindow();

  function openWindow(): void {
    const window = createMainWindow({ preloadPath, allowedOrigins, openLink: (url) => opener.open(url) });
    const id = window.webContents.id;
    trustedIds.add(id);
    mainWindow = window;
    window.on('closed', () => {
      trustedIds.delete(id);
      if (mainWindow === window) mainWindow = undefined;
    });
    // Never file:// and never loadFile: the UI is served from app:// (or the dev server).
    window.loadURL(devServerUrl ?? APP_ENTRY_URL).catch((error: unknown) => {
      logger.error('app: the window could not load', { error: error instanceof Error ? error.message : String(error) });
    });
  }
}
