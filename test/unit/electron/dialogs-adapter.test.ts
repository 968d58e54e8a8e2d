import { describe, expect, it } from 'vitest';
import type { BaseWindow } from 'electron';
import { createDialogs } from '../../../electron/adapters/dialogs';

/** Stands in for Electron's dialog module (not loadable here); records what it was asked. */
function scriptedDialog(answer: { canceled: boolean; filePath?: string; filePaths?: string[] }) {
  const calls: unknown[][] = [];
  return {
    calls,
    dialog: {
      showSaveDialog: async (...args: unknown[]) => {
        calls.push(args);
        return { canceled: answer.canceled, filePath: answer.filePath ?? '' };
      },
      showOpenDialog: async (...args: unknown[]) => {
        calls.push(args);
        return { canceled: answer.canceled, filePaths: answer.filePaths ?? [] };
      },
    } as never,
  };
}

describe('dialogs adapter', () => {
  it('returns the chosen save path, parented to the main window', async () => {
    const window = { id: 1 } as unknown as BaseWindow;
    const { dialog, calls } = scriptedDialog({ canceled: false, filePath: '/tmp/jwks.json' });
    const dialogs = createDialogs(dialog, () => window);
    await expect(dialogs.chooseSavePath({ title: 'Save JWKS', defaultName: 'jwks.json', filters: [{ name: 'JSON', extensions: ['json'] }] })).resolves.toBe('/tmp/jwks.json');
    expect(calls[0]?.[0]).toBe(window);
    expect(calls[0]?.[1]).toMatchObject({ title: 'Save JWKS', defaultPath: 'jwks.json', filters: [{ name: 'JSON', extensions: ['json'] }] });
  });

  it('returns undefined when the user cancels', async () => {
    const { dialog } = scriptedDialog({ canceled: true, filePath: '/tmp/ignored' });
    const dialogs = createDialogs(dialog, () => undefined);
    await expect(dialogs.chooseSavePath({ title: 't', defaultName: 'x' })).resolves.toBeUndefined();
    await expect(dialogs.chooseOpenPath({ title: 't' })).resolves.toBeUndefined();
  });

  it('returns the first chosen file to open', async () => {
    const { dialog } = scriptedDialog({ canceled: false, filePaths: ['/tmp/a.zip', '/tmp/b.zip'] });
    const dialogs = createDialogs(dialog, () => undefined);
    await expect(dialogs.chooseOpenPath({ title: 'Open package' })).resolves.toBe('/tmp/a.zip');
  });
});
