/**
 * The main and preload bundles, built here exactly as Forge's Vite plugin builds them (its own
 * config functions merged with vite.main.config.ts / vite.preload.config.ts), without Electron:
 * they must land as main.cjs / preload.cjs (package.json "main", main.ts's preload path), and the
 * sandboxed preload may require nothing but `electron`.
 */
import { builtinModules } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
let outDir: string;
const warnings: { target: string; code: string }[] = [];

type GetConfig = (env: Record<string, unknown>, user?: Record<string, unknown>) => { build: { outDir?: string } } & Record<string, unknown>;

async function forgeConfigFn(target: 'main' | 'preload'): Promise<GetConfig> {
  // Forge does not export these; they are what `electron-forge package` runs.
  const file = path.join(root, 'node_modules/@electron-forge/plugin-vite/dist/config', `vite.${target}.config.js`);
  return ((await import(pathToFileURL(file).href)) as { getConfig: GetConfig }).getConfig;
}

beforeAll(async () => {
  outDir = mkdtempSync(path.join(os.tmpdir(), 'forge-bundles-'));
  const { build, loadConfigFromFile } = await import('vite');
  const forgeConfig = { build: [], renderer: [{ name: 'main_window', config: 'vite.renderer.config.ts' }] };
  for (const [target, entry, configFile] of [
    ['main', 'electron/main.ts', 'vite.main.config.ts'],
    ['preload', 'electron/preload.ts', 'vite.preload.config.ts'],
  ] as const) {
    const env = { command: 'build', mode: 'production', root, forgeConfig, forgeConfigSelf: { entry, config: configFile, target } };
    const user = (await loadConfigFromFile(env as never, path.join(root, configFile), root))?.config as Record<string, unknown> | undefined;
    const config = (await forgeConfigFn(target))(env, user);
    config.build.outDir = outDir;
    const rollupOptions = ((config.build as Record<string, unknown>).rollupOptions ?? {}) as Record<string, unknown>;
    (config.build as Record<string, unknown>).rollupOptions = {
      ...rollupOptions,
      onwarn: (warning: { code?: string }) => warnings.push({ target, code: warning.code ?? 'UNKNOWN' }),
    };
    await build({ ...config, configFile: false, logLevel: 'silent' } as never);
  }
}, 180_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** Module ids actually required (not those inside template strings, e.g. ajv's code generator). */
function requiredModules(file: string): string[] {
  const code = readFileSync(path.join(outDir, file), 'utf8');
  return [...new Set([...code.matchAll(/(?<!`)\brequire\("([^"]+)"\)/g)].map((m) => m[1] ?? ''))].sort();
}

describe('Forge bundles', () => {
  it('preload.cjs is one CommonJS file that requires only electron', () => {
    expect(requiredModules('preload.cjs')).toEqual(['electron']);
    const code = readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
    expect(code).not.toMatch(/\bimport\s*\(|^import /m);
    expect(code).toContain('exposeInMainWorld');
  });

  it('main.cjs requires only electron, Node builtins and the native keychain binding', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const others = requiredModules('main.cjs').filter((id) => id !== 'electron' && !builtins.has(id));
    expect(others).toEqual(['@napi-rs/keyring']);
  });

  it('neither bundle uses import.meta, which the bundler empties in CommonJS output', () => {
    // Rolldown replaces import.meta with {} for cjs and says so with EMPTY_IMPORT_META;
    // code reading import.meta.url would then get undefined inside Electron.
    expect(warnings.filter((w) => w.code === 'EMPTY_IMPORT_META')).toEqual([]);
  });
});
