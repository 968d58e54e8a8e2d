import { describe, expect, it } from 'vitest';
import { createExternalOpener } from '../../../electron/adapters/shell';

function recordingShell() {
  const opened: string[] = [];
  return { opened, openExternal: async (url: string) => void opened.push(url) };
}

describe('external opener (the only path to shell.openExternal)', () => {
  it('opens an allow-listed https link, re-serialised', async () => {
    const shell = recordingShell();
    const opener = createExternalOpener(shell.openExternal);
    await expect(opener.open('HTTPS://www.rfc-editor.org:443/rfc/rfc7591')).resolves.toBe(true);
    expect(shell.opened).toEqual(['https://www.rfc-editor.org/rfc/rfc7591']);
  });

  it.each(['file:///etc/passwd', 'smb://host/share', 'ms-msdt:/id x', 'javascript:alert(1)', 'https://github.com.attacker.example/', 'https://u@github.com/', 'http://github.com/'])(
    'opens nothing for %s',
    async (url) => {
      const shell = recordingShell();
      const opener = createExternalOpener(shell.openExternal);
      await expect(opener.open(url)).resolves.toBe(false);
      expect(shell.opened).toEqual([]);
    },
  );
});
