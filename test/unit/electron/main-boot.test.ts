/**
 * The main process boots (issue 10 item 7). `electron/main.ts` and `electron/preload.ts` are built
 * exactly as `electron-forge package` builds them — the plugin config from forge.config.ts, turned
 * into Vite configs by the plugin's own `ViteConfigGenerator` (which merges vite.main.config.ts /
 * vite.preload.config.ts) — into a temp folder laid out like the packaged app. The built
 * `main.cjs` is then loaded in Node with a small recording stand-in for the `electron` module
 * (typed against electron.d.ts) and must: load without throwing, register the `app://` scheme as
 * privileged before `ready`, create the window with the secure preferences and the built preload,
 * and register an `ipcMain.handle` for every operation of the contract. The built preload must
 * require nothing but `electron`. This is what proves `npm start` where the Electron binary
 * cannot run.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import Module, { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { VitePluginConfig } from '@electron-forge/plugin-vite';
import type * as Electron from 'electron';
import type {
  App,
  BrowserWindowConstructorOptions,
  Clipboard,
  ContextBridge,
  CustomScheme,
  Dialog,
  IpcMain,
  IpcRenderer,
  NativeTheme,
  Protocol,
  Shell,
} from 'electron';
import type { UserConfig } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bridgeMethodNames } from '../../../contract/bridge';
import { operations } from '../../../contract/contract';
import { APP_ENTRY_URL, APP_SCHEME } from '../../../electron/app-path';

const root = path.resolve(import.meta.dirname, '../../..');
let appDir: string;
let buildDir: string;
const warnings: { target: string; code: string }[] = [];

type ElectronModule = typeof Electron;
/** The stand-in may only offer members the real module has. */
type StandIn = { [K in keyof ElectronModule]?: unknown };

interface ConfigGenerator {
  getBuildConfigs(): Promise<UserConfig[]>;
}
type ConfigGeneratorClass = new (pluginConfig: VitePluginConfig, projectDir: string, isProd: boolean) => ConfigGenerator;

/** The Vite plugin's config from forge.config.ts: the build list `electron-forge package` uses. */
async function forgePluginConfig(): Promise<VitePluginConfig> {
  const forge = (await import('../../../forge.config')).default;
  const { VitePlugin } = await import('@electron-forge/plugin-vite');
  const plugin = forge.plugins?.find((candidate) => candidate instanceof VitePlugin);
  if (!plugin) throw new Error('forge.config.ts has no VitePlugin');
  return plugin.config;
}

/** The plugin's own config generator (not exported; it is what its packaging worker runs). */
async function configGenerator(): Promise<ConfigGeneratorClass> {
  const pluginEntry = createRequire(import.meta.url).resolve('@electron-forge/plugin-vite');
  const file = path.join(path.dirname(pluginEntry), 'ViteConfig.js');
  return ((await import(pathToFileURL(file).href)) as { default: ConfigGeneratorClass }).default;
}

beforeAll(async () => {
  // Laid out like the packaged app: <app>/.vite/build/{main,preload}.cjs beside <app>/node_modules
  // (Forge ships the native keychain binding there; main.ts expects the renderer in .vite/renderer/).
  appDir = mkdtempSync(path.join(os.tmpdir(), 'main-boot-'));
  buildDir = path.join(appDir, '.vite', 'build');
  mkdirSync(buildDir, { recursive: true });
  symlinkSync(path.join(root, 'node_modules'), path.join(appDir, 'node_modules'), 'dir');

  const { build, mergeConfig } = await import('vite');
  const Generator = await configGenerator();
  const pluginConfig = await forgePluginConfig();
  const configs = await new Generator(pluginConfig, root, true).getBuildConfigs();
  expect(configs).toHaveLength(2);
  for (const [index, resolved] of configs.entries()) {
    const target = pluginConfig.build[index]?.target ?? 'main';
    // Only where the output goes differs from a real package build (and Vite's cache stays out of the repo).
    const config = mergeConfig(resolved, {
      cacheDir: path.join(appDir, 'vite-cache'),
      build: { outDir: buildDir, rollupOptions: { onwarn: (warning: { code?: string }) => warnings.push({ target, code: warning.code ?? 'UNKNOWN' }) } },
    } satisfies UserConfig);
    await build({ configFile: false, logLevel: 'silent', ...config, clearScreen: false });
  }
}, 180_000);

afterAll(() => {
  if (appDir) rmSync(appDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Loading a built bundle with `require('electron')` answered by a stand-in.

/**
 * Requires `file` with `require('electron')` answered by `standIn`; returns every module id the
 * file itself required. `Module.prototype.require` is what a CommonJS module's `require` calls,
 * for builtins (`node:*`) too, so nothing the bundle loads goes unseen.
 */
function loadWithStandIn(file: string, standIn: StandIn): string[] {
  const proto = Module.prototype as { require: (this: NodeJS.Module, id: string) => unknown };
  const original = proto.require;
  const required: string[] = [];
  proto.require = function (id) {
    if (this.filename === file) required.push(id);
    if (id === 'electron') return standIn;
    return original.call(this, id);
  };
  try {
    createRequire(import.meta.url)(file);
  } finally {
    proto.require = original;
  }
  return required;
}

// ---------------------------------------------------------------------------------------------
// The recording stand-in for the main process: only what main.ts and its modules call.

type Listener = (...args: unknown[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  off(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
}

interface MainRecord {
  log: string[];
  ready: () => void;
  schemes: CustomScheme[];
  handled: Map<string, Listener>;
  windows: FakeWindow[];
  loaded: string[];
  permissionRequest?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
  windowOpen?: (details: { url: string }) => { action: string };
}

let record: MainRecord;

class FakeSession extends Emitter {
  setPermissionRequestHandler(handler: MainRecord['permissionRequest']): void {
    record.permissionRequest = handler;
  }
  setPermissionCheckHandler(): void {}
  setDevicePermissionHandler(): void {}
}
const defaultSession = new FakeSession();

class FakeWebContents extends Emitter {
  readonly id: number;
  readonly session = defaultSession;
  constructor(id: number) {
    super();
    this.id = id;
  }
  setWindowOpenHandler(handler: MainRecord['windowOpen']): void {
    record.windowOpen = handler;
  }
  isDestroyed(): boolean {
    return false;
  }
}

class FakeWindow extends Emitter {
  readonly options: BrowserWindowConstructorOptions;
  readonly webContents: FakeWebContents;
  constructor(options: BrowserWindowConstructorOptions) {
    super();
    this.options = options;
    record.windows.push(this);
    record.log.push('new BrowserWindow');
    this.webContents = new FakeWebContents(record.windows.length);
  }
  async loadURL(url: string): Promise<void> {
    record.loaded.push(url);
  }
  isDestroyed(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return false;
  }
  setBackgroundColor(): void {}
  show(): void {}
  focus(): void {}
  restore(): void {}
}

function mainStandIn(dataDir: string): StandIn {
  let isReady = false;
  let resolveReady: () => void = () => undefined;
  const whenReady = new Promise<void>((resolve) => (resolveReady = resolve));
  const paths = new Map<string, string>([['userData', dataDir]]);
  const appEvents = new Emitter();
  record = {
    log: [],
    ready: () => {
      isReady = true;
      record.log.push('ready');
      resolveReady();
    },
    schemes: [],
    handled: new Map(),
    windows: [],
    loaded: [],
  };

  const app = {
    enableSandbox: () => void record.log.push('app.enableSandbox'),
    setPath: (name: string, value: string) => void paths.set(name, value),
    getPath: (name: Parameters<App['getPath']>[0]) => paths.get(name) ?? path.join(dataDir, name),
    getVersion: () => '0.0.0-boot-test',
    requestSingleInstanceLock: () => true,
    whenReady: () => whenReady,
    isReady: () => isReady,
    on: (event: string, listener: Listener) => (appEvents.on(event, listener), app),
    quit: () => void record.log.push('app.quit'),
    exit: (code?: number) => void record.log.push(`app.exit ${code ?? 0}`),
  } satisfies Partial<Record<keyof App, unknown>>;

  const protocol = {
    registerSchemesAsPrivileged: (schemes: CustomScheme[]) => {
      // As in Electron: registering after ready is an error.
      if (isReady) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
      record.log.push('protocol.registerSchemesAsPrivileged');
      record.schemes.push(...schemes);
    },
    handle: (scheme: string) => void record.log.push(`protocol.handle ${scheme}`),
  } satisfies Partial<Record<keyof Protocol, unknown>>;

  const ipc = {
    handle: (channel: string, listener: Listener) => {
      if (record.handled.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      record.handled.set(channel, listener);
    },
    on: () => ipc,
    removeHandler: (channel: string) => void record.handled.delete(channel),
  } satisfies Partial<Record<keyof IpcMain, unknown>>;

  const nativeTheme = Object.assign(new Emitter(), { themeSource: 'system', shouldUseDarkColors: false }) satisfies Partial<Record<keyof NativeTheme, unknown>>;
  const shell = { openExternal: async () => undefined, openPath: async () => '' } satisfies Partial<Record<keyof Shell, unknown>>;
  const clipboard = { writeText: () => undefined, readText: () => '' } satisfies Partial<Record<keyof Clipboard, unknown>>;
  const dialog = { showSaveDialog: async () => ({ canceled: true }) } satisfies Partial<Record<keyof Dialog, unknown>>;

  return {
    app,
    protocol,
    // eslint-disable-next-line no-restricted-syntax -- the stand-in's ipcMain, not Electron's
    ipcMain: ipc,
    BrowserWindow: FakeWindow,
    nativeTheme,
    shell,
    clipboard,
    dialog,
  };
}

/** Lets the promise callbacks queued by `ready` (main.ts's `start`) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('the built main process under a stand-in for electron', () => {
  let dataDir: string;
  let mainRequires: string[];

  beforeAll(async () => {
    dataDir = path.join(appDir, 'user-data');
    const previous = process.env.OIDC_ONBOARD_DATA_DIR;
    process.env.OIDC_ONBOARD_DATA_DIR = dataDir;
    try {
      const standIn = mainStandIn(dataDir);
      mainRequires = loadWithStandIn(path.join(buildDir, 'main.cjs'), standIn);
      record.log.push('loaded');
      record.ready();
      await settle();
    } finally {
      if (previous === undefined) delete process.env.OIDC_ONBOARD_DATA_DIR;
      else process.env.OIDC_ONBOARD_DATA_DIR = previous;
    }
  });

  it('loads without throwing and starts once ready (no app.exit, a window that loads app://)', () => {
    expect(record.log).not.toContainEqual(expect.stringMatching(/^app\.(exit|quit)/));
    expect(record.windows).toHaveLength(1);
    expect(record.loaded).toEqual([APP_ENTRY_URL]);
    expect(record.log).toContain(`protocol.handle ${APP_SCHEME}`);
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(mainRequires.filter((id) => id !== 'electron' && !builtins.has(id))).toEqual(['@napi-rs/keyring']);
  });

  it('registers the app:// scheme as privileged (standard, secure) and enables the sandbox before ready', () => {
    expect(record.schemes).toEqual([expect.objectContaining({ scheme: APP_SCHEME, privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    const readyAt = record.log.indexOf('ready');
    expect(record.log.indexOf('protocol.registerSchemesAsPrivileged')).toBeGreaterThanOrEqual(0);
    expect(record.log.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(readyAt);
    expect(record.log.indexOf('app.enableSandbox')).toBeLessThan(readyAt);
    expect(record.log.indexOf('new BrowserWindow')).toBeGreaterThan(readyAt);
  });

  it('creates the window with the secure preferences and the built preload', () => {
    const preferences = record.windows[0]?.options.webPreferences;
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      preload: path.join(buildDir, 'preload.cjs'),
    });
    expect(existsSync(preferences?.preload ?? '')).toBe(true);
    // The locks are installed: no permission is granted, no popup window is opened.
    let granted: boolean | undefined;
    record.permissionRequest?.({}, 'media', (answer) => (granted = answer));
    expect(granted).toBe(false);
    expect(record.windowOpen?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
  });

  it('registers an ipcMain.handle for every operation of the contract, and nothing else', () => {
    const channels = Object.values(operations).map((operation) => operation.channel);
    expect([...record.handled.keys()].sort()).toEqual([...channels].sort());
  });
});

describe('the built preload', () => {
  it('requires only electron and exposes the bridge with one method per operation and event', () => {
    const exposed: { name: string; api: Record<string, unknown> }[] = [];
    const contextBridge = {
      exposeInMainWorld: (name: string, api: unknown) => void exposed.push({ name, api: api as Record<string, unknown> }),
    } satisfies Partial<Record<keyof ContextBridge, unknown>>;
    const renderer = {
      invoke: async () => undefined,
      on: () => renderer,
      removeListener: () => renderer,
    } satisfies Partial<Record<keyof IpcRenderer, unknown>>;
    // eslint-disable-next-line no-restricted-syntax -- the stand-in's ipcRenderer, not Electron's
    const required = loadWithStandIn(path.join(buildDir, 'preload.cjs'), { contextBridge, ipcRenderer: renderer });
    expect([...new Set(required)]).toEqual(['electron']);
    expect(exposed.map((entry) => entry.name)).toEqual(['onboarding']);
    expect(Object.keys(exposed[0]?.api ?? {}).sort()).toEqual(bridgeMethodNames());
    // The sandboxed preload is one CommonJS file: no ESM, no chunks beside it.
    expect(readFileSync(path.join(buildDir, 'preload.cjs'), 'utf8')).not.toMatch(/^import /m);
  });

  it('neither bundle uses import.meta, which the bundler empties in CommonJS output', () => {
    // Rolldown replaces import.meta with {} for cjs and says so with EMPTY_IMPORT_META;
    // code reading import.meta.url would then get undefined inside Electron.
    expect(warnings.filter((w) => w.code === 'EMPTY_IMPORT_META')).toEqual([]);
  });
});
