/**
 * Electron Forge: package, make installers, bundle with Vite, flip the fuses.
 * `npm run make` builds the installers; `npm run dist` hands Forge's packaged app to
 * electron-builder (AppImage, NSIS, notarisable dmg) — see electron-builder.config.cjs.
 */
import type { ForgeConfig } from '@electron-forge/shared-types';
import { MakerZIP } from '@electron-forge/maker-zip';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerRpm } from '@electron-forge/maker-rpm';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerDMG } from '@electron-forge/maker-dmg';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { FuseV1Options, FuseVersion } from '@electron/fuses';

// What goes into the app: the Vite output, package.json, and the native keychain binding (a
// prebuilt N-API addon that cannot be bundled; the `-<platform>` package holds the .node file).
// Everything else in the project folder stays out. Paths start with '/' (packager's copy filter).
const KEEP = [/^\/\.vite(\/|$)/, /^\/package\.json$/, /^\/node_modules$/, /^\/node_modules\/@napi-rs$/, /^\/node_modules\/@napi-rs\/keyring[^/]*(\/|$)/];

const config: ForgeConfig = {
  packagerConfig: {
    // Native addons cannot be loaded from inside an asar archive, so they are unpacked beside it.
    asar: { unpack: '**/node_modules/@napi-rs/**/*.node' },
    name: 'OIDC Onboard',
    executableName: 'oidc-onboard',
    icon: 'build/icon',
    appBundleId: 'uk.nhs.oidc-onboard',
    appCategoryType: 'public.app-category.developer-tools',
    ignore: (file: string) => file !== '' && !KEEP.some((pattern) => pattern.test(file)),
  },
  rebuildConfig: {},
  makers: [
    new MakerZIP({}, ['darwin', 'linux', 'win32']),
    new MakerDeb({ options: { bin: 'oidc-onboard', icon: 'build/icon.png', categories: ['Development'], section: 'devel' } }),
    new MakerRpm({ options: { bin: 'oidc-onboard', icon: 'build/icon.png', categories: ['Development'] } }),
    new MakerSquirrel({ name: 'oidc_onboard', setupIcon: 'build/icon.ico' }),
    new MakerDMG({ icon: 'build/icon.icns', format: 'ULFO' }),
  ],
  plugins: [
    new VitePlugin({
      build: [
        // Emitted as .vite/build/main.cjs and .vite/build/preload.cjs (CJS; package.json is "type": "module").
        { entry: 'electron/main.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'electron/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
      ],
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.ts' }],
    }),
    // Flipped in the binary before signing (security checklist item 19). The same set is in
    // electron-builder.config.cjs. EnableNodeCliInspectArguments=false is why the Playwright
    // specs run the unpackaged build with the stock electron binary.
    new FusesPlugin({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    }),
  ],
};

export default config;
