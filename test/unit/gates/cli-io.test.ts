// The CLI reads nothing of its process but in `main()`: argv, streams, environment and working
// folder reach commands through `runCli(argv, io)`, which is what lets the CLI tests run it in-process.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const cliDir = path.resolve(import.meta.dirname, '../../../cli');
const PROCESS_IO = /process\.(env|cwd|stdin|stdout|stderr|argv|exit)\b/g;

describe('CLI io', () => {
  it('no command or helper touches process env, cwd, streams, argv or exit; only main() does', async () => {
    const files = (await readdir(cliDir, { recursive: true })).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    const offenders: string[] = [];
    for (const file of files) {
      let text = await readFile(path.join(cliDir, file), 'utf8');
      // main() is the one place that hands the process to runCli (and the guard that calls it).
      if (file === 'main.ts') text = text.replace(/export async function main\(\)[\s\S]*?\n}\n/, '').replace(/^if \(process\.argv\[1\].*$/m, '');
      text = text.replace(/\/\*\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const match of text.matchAll(PROCESS_IO)) offenders.push(`${file}: ${match[0]}`);
    }
    expect(offenders).toEqual([]);
  });
});
