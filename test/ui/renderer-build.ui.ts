/**
 * vite.renderer.config.ts serves two builds: `npm run build:renderer` (dist/renderer, what these
 * tests load) and Electron Forge's Vite plugin, whose main process loads
 * `.vite/renderer/<name>/` (electron/main.ts). Resolved here exactly as Forge resolves it: its own
 * renderer config function merged with ours, with Forge's env.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadConfigFromFile } from 'vite';
import { expect, test } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const configFile = path.join(root, 'vite.renderer.config.ts');

type GetConfig = (env: Record<string, unknown>, user?: Record<string, unknown>) => { root?: string; base?: string; build: { outDir?: string } };

test('under Forge the renderer is built into .vite/renderer/main_window; otherwise into dist/renderer', async () => {
  const forgeFile = path.join(root, 'node_modules/@electron-forge/plugin-vite/dist/config/vite.renderer.config.js');
  const { getConfig } = (await import(pathToFileURL(forgeFile).href)) as { getConfig: GetConfig };
  const forgeEnv = {
    command: 'build',
    mode: 'production',
    root,
    forgeConfig: { build: [], renderer: [{ name: 'main_window', config: 'vite.renderer.config.ts' }] },
    forgeConfigSelf: { name: 'main_window', config: 'vite.renderer.config.ts' },
  };
  const user = (await loadConfigFromFile(forgeEnv as never, configFile, root))?.config as Record<string, unknown>;
  const merged = getConfig(forgeEnv, user);
  expect(merged.build.outDir).toBe(path.join(root, '.vite', 'renderer', 'main_window'));
  expect(merged.root).toBe(path.join(root, 'renderer'));
  expect(merged.base).toBe('./');

  const plain = (await loadConfigFromFile({ command: 'build', mode: 'production' }, configFile, root))?.config as { build: { outDir: string } };
  expect(plain.build.outDir).toBe(path.join(root, 'dist', 'renderer'));
});
