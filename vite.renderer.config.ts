/**
 * Builds the renderer (React) into dist/renderer. The output must run under the strict CSP in
 * renderer/index.html, so nothing may be inlined into the page: no module-preload polyfill
 * (an inline script) and no data: URLs for assets (fonts/images stay files).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig(({ mode }) => ({
  root: path.join(here, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(here, 'dist', 'renderer'),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    sourcemap: mode !== 'production',
    target: 'chrome130',
  },
}));
