// Proves the boundary rules of ARCHITECTURE §2 fire: fixtures that break them must fail lint,
// and linted as if they lived in core/, renderer/ and contract/.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root, ignore: false });
// The layer table lives in the lint config (plain JS, untyped), so read it from there.
const configUrl = new URL('../../../eslint.config.js', import.meta.url).href;
const { CORE_LAYERS } = (await import(configUrl)) as { CORE_LAYERS: string[][] };

async function lintAs(fixture: string, pretendPath: string) {
  const code = await readFile(path.join(root, 'test/fixtures/lint', fixture), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: path.join(root, pretendPath) });
  return result!.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('boundary lint rules', () => {
  it('refuses electron in core/', async () => {
    expect(await lintAs('core/imports-electron.ts', 'core/fixture.ts')).toEqual(expect.arrayContaining([expect.stringMatching(/no-restricted-imports.*Only electron\//)]));
  });

  it('refuses Node built-ins and core/ in the renderer', async () => {
    const messages = await lintAs('renderer/imports-node.ts', 'renderer/fixture.ts');
    expect(messages.some((m) => m.includes('no Node built-ins'))).toBe(true);
    expect(messages.some((m) => m.includes('only through window.onboarding'))).toBe(true);
  });

  it('refuses Node built-ins in contract/', async () => {
    expect(await lintAs('contract/imports-node.ts', 'contract/fixture.ts')).toEqual(expect.arrayContaining([expect.stringMatching(/pure TypeScript/)]));
  });

  it('refuses ipcMain outside electron/ipc.ts and allows it there', async () => {
    const code = "import { ipcMain } from 'electron';\nexport const h = ipcMain;\n";
    const outside = await eslint.lintText(code, { filePath: path.join(root, 'electron/window.ts') });
    const inside = await eslint.lintText(code, { filePath: path.join(root, 'electron/ipc.ts') });
    expect(outside[0]!.messages.some((m) => m.message.includes('Only electron/ipc.ts'))).toBe(true);
    expect(inside[0]!.messages.some((m) => m.message.includes('Only electron/ipc.ts'))).toBe(false);
  });

  it('refuses rejectUnauthorized: false anywhere', async () => {
    const code = "export const options = { rejectUnauthorized: false };\n";
    const [result] = await eslint.lintText(code, { filePath: path.join(root, 'core/net/fixture.ts') });
    expect(result!.messages.some((m) => m.message.includes('Never switch TLS verification off'))).toBe(true);
  });

  describe('core/ layering (eslint-plugin-boundaries)', () => {
    const layering = (messages: string[]) => messages.filter((m) => m.startsWith('boundaries/dependencies: core/ layering'));

    it('refuses an import upward (storage → app, storage → registration)', async () => {
      const messages = layering(await lintAs('core/imports-upward.ts', 'core/storage/fixture.ts'));
      expect(messages).toHaveLength(2);
      expect(messages[0]).toContain('core-storage may not import core-app');
      expect(messages[1]).toContain('core-storage may not import core-registration');
    });

    it('refuses an import within the same layer, so no two folders can import each other', async () => {
      expect(layering(await lintAs('core/imports-sideways.ts', 'core/credentials/fixture.ts'))).toEqual([
        expect.stringContaining('core-credentials may not import core-jwks-check'),
      ]);
    });

    it('allows imports from lower layers, contract/ and the files directly in core/', async () => {
      expect(layering(await lintAs('core/imports-downward.ts', 'core/package/fixture.ts'))).toEqual([]);
    });

    it('gives every folder of core/ exactly one layer', async () => {
      const folders = (await readdir(path.join(root, 'core'), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
      const listed = CORE_LAYERS.flat().filter((name) => name !== 'leaves');
      expect(new Set(listed).size).toBe(listed.length);
      expect([...listed].sort()).toEqual([...folders].sort());
    });
  });
});
