/**
 * Static checks on the Electron-only files, which cannot run here (no Electron binary). They pin
 * what the Playwright specs in test/electron check at runtime, so a regression fails `npm test`
 * even on machines without Electron. Electronegativity covers the BrowserWindow options too; these
 * cover what it cannot see (navigation events it does not know, file://, the bridge surface).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
/** Source without comments, so a commented-out line cannot satisfy a check. */
const code = (file: string) => read(file).replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

describe('electron/window.ts', () => {
  const source = code('electron/window.ts');
  const prefs = /webPreferences:\s*\{([\s\S]*?)\}/.exec(source)?.[1] ?? '';

  it.each([
    'contextIsolation: true',
    'sandbox: true',
    'nodeIntegration: false',
    'nodeIntegrationInSubFrames: false',
    'webSecurity: true',
    'allowRunningInsecureContent: false',
    'webviewTag: false',
    'experimentalFeatures: false',
    'spellcheck: false',
  ])('webPreferences literal has %s', (setting) => {
    expect(prefs).toContain(setting);
  });

  it('keeps the window hidden until ready-to-show', () => {
    expect(source).toContain('show: false');
    expect(source).toMatch(/once\('ready-to-show'/);
  });

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate', 'will-attach-webview'])('prevents %s', (event) => {
    expect(source).toMatch(new RegExp(`on\\('${event}',[\\s\\S]*?preventDefault\\(\\)`));
  });

  it('denies every window.open and denies all permissions and downloads', () => {
    expect(source).toMatch(/setWindowOpenHandler\([\s\S]*?return \{ action: 'deny' \}/);
    expect(source).not.toMatch(/action: 'allow'/);
    expect(source).toMatch(/setPermissionRequestHandler\([\s\S]*?callback\(false\)/);
    expect(source).toMatch(/setPermissionCheckHandler\(\(\) => false\)/);
    expect(source).toMatch(/on\('will-download'[\s\S]*?preventDefault\(\)/);
  });
});

describe('electron/main.ts', () => {
  const source = code('electron/main.ts');

  it('never loads the UI from file://', () => {
    expect(source).not.toMatch(/loadFile\(/);
    expect(source).not.toMatch(/file:\/\//);
    expect(source).toMatch(/loadURL\(devServerUrl \?\? APP_ENTRY_URL\)/);
  });

  it('sandboxes every renderer, registers the scheme and takes the single-instance lock before ready', () => {
    const readyAt = source.indexOf('whenReady()');
    for (const call of ['app.enableSandbox()', 'registerAppScheme()', 'requestSingleInstanceLock()']) {
      expect(source.indexOf(call)).toBeGreaterThan(-1);
      expect(source.indexOf(call)).toBeLessThan(readyAt);
    }
  });

  it('trusts only the main window and the app origin (plus the dev server in development)', () => {
    expect(source).toMatch(/createSenderGate\(\{ trustedIds: \(\) => trustedIds, allowedOrigins \}\)/);
    expect(source).toMatch(/devServerUrl \? \[APP_ORIGIN, new URL\(devServerUrl\)\.origin\] : \[APP_ORIGIN\]/);
  });
});

describe('electron/preload.ts', () => {
  const source = code('electron/preload.ts');

  it('exposes exactly one object, built by the contract bridge', () => {
    expect(source.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(source).toMatch(/exposeInMainWorld\(\s*'onboarding',\s*createBridge\(/);
  });

  it('hands listeners the payload only, never the IpcRendererEvent', () => {
    expect(source).toMatch(/\(_event: IpcRendererEvent, payload: unknown\) => \{[\s\S]*?listener\(payload\)/);
  });
});

describe('packaging', () => {
  const forge = code('forge.config.ts');
  const builder = code('electron-builder.config.cjs');

  it.each([
    ['RunAsNode', 'false', 'runAsNode'],
    ['EnableCookieEncryption', 'true', 'enableCookieEncryption'],
    ['EnableNodeOptionsEnvironmentVariable', 'false', 'enableNodeOptionsEnvironmentVariable'],
    ['EnableNodeCliInspectArguments', 'false', 'enableNodeCliInspectArguments'],
    ['EnableEmbeddedAsarIntegrityValidation', 'true', 'enableEmbeddedAsarIntegrityValidation'],
    ['OnlyLoadAppFromAsar', 'true', 'onlyLoadAppFromAsar'],
    ['GrantFileProtocolExtraPrivileges', 'false', 'grantFileProtocolExtraPrivileges'],
  ])('fuse %s is %s in Forge and electron-builder', (fuse, value, builderKey) => {
    expect(forge).toContain(`[FuseV1Options.${fuse}]: ${value},`);
    expect(builder).toContain(`${builderKey}: ${value},`);
  });

  it('Forge builds main and preload to the files package.json and main.ts expect', () => {
    const pkg = JSON.parse(read('package.json')) as { main: string };
    expect(pkg.main).toBe('.vite/build/main.cjs');
    expect(forge).toContain("entry: 'electron/main.ts'");
    expect(forge).toContain("entry: 'electron/preload.ts'");
    expect(code('electron/main.ts')).toContain("path.join(__dirname, 'preload.cjs')");
  });
});
