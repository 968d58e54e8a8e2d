#!/usr/bin/env node
// Entry point of `oidc-onboard`. In a checkout it runs the TypeScript sources through tsx, so it
// is always current; an installed package has no sources and runs the bundle from `npm run build:cli`.
import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';

// Cache V8's compiled code between runs: most of a short command's start-up is compiling modules.
enableCompileCache?.();

if (existsSync(new URL('../cli/main.ts', import.meta.url))) {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../cli/main.ts');
  await main();
} else {
  await import('../dist/cli/oidc-onboard.js');
}
