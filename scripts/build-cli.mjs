// Bundles the CLI into dist/cli/ (what an installed `oidc-onboard` runs): one pass of esbuild,
// lazy commands kept as separate chunks, the native keychain binding left outside.
// Usage: node scripts/build-cli.mjs [outdir]
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.resolve(process.argv[2] ?? path.join(root, 'dist/cli'));

await build({
  // Enable V8's compile cache before anything else loads: most of a short command's start-up is compiling.
  stdin: {
    contents: "import { enableCompileCache } from 'node:module';\nenableCompileCache?.();\nconst { main } = await import('./cli/main');\nawait main();\n",
    resolveDir: root,
    sourcefile: 'oidc-onboard.ts',
    loader: 'ts',
  },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  outdir,
  entryNames: 'oidc-onboard',
  external: ['@napi-rs/keyring', 'electron'],
  // Bundled CommonJS dependencies may call require(); give them one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
console.log(`built ${path.relative(root, path.join(outdir, 'oidc-onboard.js'))}`);
