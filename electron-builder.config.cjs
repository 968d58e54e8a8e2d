/**
 * electron-builder configuration (`npm run dist`): AppImage + deb on Linux, a hardened-runtime
 * dmg on macOS, NSIS on Windows. Packages the Vite output in `.vite/` (built by
 * `electron-forge package`) plus the native keychain binding; the fuses match forge.config.ts.
 * @type {import('electron-builder').Configuration}
 */
module.exports = {
  appId: 'uk.nhs.oidc-onboard',
  productName: 'OIDC Onboard',
  executableName: 'oidc-onboard',
  directories: { buildResources: 'build', output: 'out/dist' },
  files: [
    'package.json',
    '.vite/build/**/*',
    '.vite/renderer/**/*',
    '!**/*.map',
    // Everything else is bundled by Vite; only the N-API keychain addon must ship as a module.
    '!node_modules/**/*',
    'node_modules/@napi-rs/keyring/**/*',
    'node_modules/@napi-rs/keyring-*/**/*',
  ],
  asar: true,
  // Native addons cannot be loaded from inside an asar archive.
  asarUnpack: ['**/*.node'],
  // @napi-rs/keyring ships prebuilt N-API binaries; there is nothing to rebuild against Electron.
  npmRebuild: false,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // loadBrowserProcessSpecificV8Snapshot is not in electron-builder's schema; its default is already off.
    grantFileProtocolExtraPrivileges: false,
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Development',
    icon: 'build/icons',
    synopsis: 'Prepare and keep an OpenID Connect client registration for NHS identity providers.',
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.developer-tools',
    icon: 'build/icon.icns',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
  },
  dmg: { sign: false },
  win: {
    target: ['nsis'],
    icon: 'build/icon.ico',
  },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
};
