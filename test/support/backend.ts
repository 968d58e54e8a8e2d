/**
 * The real main-process side, built in the test process: real services on a temp data dir,
 * the real OS keychain (tests run inside a private D-Bus session with gnome-keyring), the real
 * handlers and IPC router. Only Electron's IPC pipe is replaced.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAppServices, type AppServices } from '../../core/app/services';
import { createFetcher } from '../../core/net/fetcher';
import { cryptoRandom, silentLogger, systemClock } from '../../core/ports/system';
import { createOsKeychain } from '../../core/storage/os-keychain';
import { createHandlers } from '../../electron/handlers';
import { createIpcRouter, type IpcRouter } from '../../electron/ipc-router';
import { createSenderGate } from '../../electron/trusted-sender';

/** A running backend for one test. */
export interface TestBackend {
  dataDir: string;
  services: AppServices;
  router: IpcRouter;
  /** Links the handlers were asked to open. */
  openedLinks: string[];
  /** What the handlers put on the clipboard. */
  clipboard: string[];
  /** The path the next save dialog answers with (`undefined` = the user cancels). */
  nextSavePath: string | undefined;
  close(): Promise<void>;
}

/** The webContents id the harness presents as the trusted window. */
export const TRUSTED_WEB_CONTENTS_ID = 1;

/** A unique keychain service per run so tests never touch real user items. */
export const TEST_KEYCHAIN_SERVICE = `oidc-onboard-test-${process.pid}`;

/** Builds the backend. `allowedOrigin` is the origin the UI is served from. */
export async function createTestBackend(options: { dataDir?: string; allowedOrigin?: string } = {}): Promise<TestBackend> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'oidc-onboard-test-')));
  const services = createAppServices({
    dataDir,
    vault: createOsKeychain({ service: TEST_KEYCHAIN_SERVICE }),
    clock: systemClock,
    random: cryptoRandom,
    logger: silentLogger,
    fetcher: createFetcher({ userAgent: 'oidc-onboard-test' }),
  });
  const openedLinks: string[] = [];
  const clipboard: string[] = [];
  const state = { nextSavePath: undefined as string | undefined };
  const handlers = createHandlers(services, {
    openExternal: async (url) => void openedLinks.push(url),
    chooseSavePath: async () => state.nextSavePath,
    writeClipboard: async (text) => void clipboard.push(text),
  });
  const router = createIpcRouter({
    handlers,
    isTrustedSender: createSenderGate({ trustedIds: () => new Set([TRUSTED_WEB_CONTENTS_ID]), allowedOrigins: [options.allowedOrigin ?? 'app://oidc-onboard'] }),
    logger: silentLogger,
  });
  return {
    dataDir,
    services,
    router,
    openedLinks,
    clipboard,
    get nextSavePath() {
      return state.nextSavePath;
    },
    set nextSavePath(value) {
      state.nextSavePath = value;
    },
    close: async () => {
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
