/**
 * Main-process bundle for Forge's Vite plugin. The plugin already emits a CJS library named
 * after the entry (`electron/main.ts` → `.vite/build/main.cjs`, matching package.json "main")
 * and externalises `electron` and Node builtins; everything else is bundled, except the native
 * keychain binding, which cannot be bundled and is shipped beside the bundle (forge.config.ts).
 * Dynamic imports are inlined: the main process loads once and lives long, so the one file
 * (which the packaged app and the boot test expect) costs nothing; only the CLI splits its bundle.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    rollupOptions: {
      external: ['@napi-rs/keyring'],
      output: { inlineDynamicImports: true },
    },
    sourcemap: true,
  },
});
