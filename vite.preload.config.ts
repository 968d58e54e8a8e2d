/**
 * Preload bundle for Forge's Vite plugin: one self-contained CJS file
 * (`electron/preload.ts` → `.vite/build/preload.cjs`). A sandboxed preload may only require
 * `electron` and a few builtins, so zod and the contract are bundled in; the plugin already
 * sets format `cjs`, a single chunk and the `.cjs` file name.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    sourcemap: false,
  },
});
