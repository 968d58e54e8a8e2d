// Every oidc-onboard command line in the README names a real command and only options that
// command declares (its help lists them), so the README cannot drift from `help`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../cli/commands';
import { resolveCommand } from '../../../cli/resolve';
import { isGroup } from '../../../cli/spec';

const root = path.resolve(import.meta.dirname, '../../..');
const GLOBAL = new Set(['json', 'data-dir', 'help', 'version']);

/** The command lines of the README's code blocks (from `oidc-onboard` to a comment, pipe, redirection or line end). */
async function readmeCommandLines(): Promise<string[]> {
  const readme = await readFile(path.join(root, 'README.md'), 'utf8');
  const lines: string[] = [];
  let inCode = false;
  for (const line of readme.split('\n')) {
    if (line.startsWith('```')) inCode = !inCode;
    else if (inCode) for (const match of line.matchAll(/(?:^|[\s|(&;])oidc-onboard((?: [^#|;&]*)?)/g)) lines.push(`oidc-onboard${match[1]!.split(/ [<>] /)[0]!}`.trim());
  }
  return lines;
}

describe('README command lines', () => {
  it('name declared commands and only their declared options', async () => {
    const lines = await readmeCommandLines();
    expect(lines.length).toBeGreaterThan(40);
    for (const line of lines) {
      const words = line.split(/\s+/).slice(1).filter((w) => !w.startsWith('--') && !/^[<[(]/.test(w));
      if (words.length === 0) continue;
      const entry = COMMANDS.find((e) => e.name === words[0] || e.aliases?.includes(words[0]!));
      expect(entry, line).toBeDefined();
      const resolved = resolveCommand(COMMANDS, words, true);
      const decl = resolved.sub ?? (isGroup(resolved.entry) ? undefined : resolved.entry);
      if (!decl) continue;
      for (const flag of line.matchAll(/(?:^|\s|\[)--([a-z][a-z-]*)/g)) {
        const name = flag[1]!;
        expect(GLOBAL.has(name) || Object.hasOwn(decl.options ?? {}, name), `${line}: --${name}`).toBe(true);
      }
    }
  });
});
