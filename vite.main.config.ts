/**
 * Main-process bundle for Forge's Vite plugin. The plugin already emits a CJS library named
 * after the entry (`electron/main.ts` → `.vite/build/main.cjs`, matching package.json "main")
 * and externalises `electron` and Node builtins; everything else is bundled, except the native
 * keychain binding, which cannot be bundled and is shipped beside the bundle (forge.config.ts).
 */
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    rollupOptions: {
      external: ['@napi-rs/keyring'],
    },
    sourcemap: true,
  },
});
