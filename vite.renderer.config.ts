/**
 * Builds the renderer (React). Two callers:
 * - `npm run build:renderer` / the UI tests: output in dist/renderer.
 * - Electron Forge's Vite plugin: it calls this config with its own env (`forgeConfigSelf`, the
 *   renderer entry of forge.config.ts) and the main process loads `.vite/renderer/<name>/`
 *   (electron/main.ts), so under Forge the output goes there instead. Forge merges its defaults
 *   under this config, so the outDir must be set here explicitly, not left to Forge.
 *
 * The output must run under the strict CSP in renderer/index.html, so nothing may be inlined
 * into the page: no module-preload polyfill (an inline script) and no data: URLs for assets.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ConfigEnv } from 'vite';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The env Forge's plugin-vite adds to Vite's (`forgeConfigSelf` is the renderer entry being built). */
type ForgeEnv = ConfigEnv & { forgeConfigSelf?: { name?: string } };

/** Where the build goes: Forge's `.vite/renderer/<name>` when Forge builds, else dist/renderer. */
export function rendererOutDir(env: ForgeEnv): string {
  const forgeName = env.forgeConfigSelf?.name;
  return forgeName === undefined ? path.join(here, 'dist', 'renderer') : path.join(here, '.vite', 'renderer', forgeName);
}

export default defineConfig((env: ForgeEnv) => ({
  root: path.join(here, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: rendererOutDir(env),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    sourcemap: env.mode !== 'production',
    target: 'chrome130',
  },
}));
