/**
 * Writes the generated documentation from the catalogues in core/: docs/rules.md,
 * docs/jwks-checks.md, and the tables between the `<!-- generated:NAME -->` markers in
 * README.md. Run `npm run docs`; `test/unit/gates/docs.test.ts` fails when anything is stale.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderCheckTable } from '../core/jwks-check/check-table';
import { renderRuleTable } from '../core/registration/rule-table';

const root = path.resolve(import.meta.dirname, '..');

/** The README blocks: Markdown table rows of each catalogue. */
export function readmeBlocks(): Record<string, string> {
  const tableOf = (markdown: string) => {
    const rows = markdown.split('\n').filter((line) => line.startsWith('|'));
    // Several tables (one per area) share one header: keep the first header, drop the repeats.
    const header = rows.slice(0, 2);
    return [...header, ...rows.filter((row, i) => i >= 2 && row !== header[0] && row !== header[1])].join('\n');
  };
  return { rules: tableOf(renderRuleTable()), 'jwks-checks': tableOf(renderCheckTable()) };
}

/** README.md with every generated block replaced. */
export function renderReadme(readme: string): string {
  let out = readme;
  for (const [name, table] of Object.entries(readmeBlocks())) {
    const pattern = new RegExp(`(<!-- generated:${name} -->\\n)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!pattern.test(out)) throw new Error(`README.md has no <!-- generated:${name} --> block`);
    out = out.replace(pattern, (_match, start: string, end: string) => `${start}${table}\n${end}`);
  }
  return out;
}

/** Every generated file and its expected content. */
export async function generatedFiles(): Promise<Record<string, string>> {
  return {
    'docs/rules.md': renderRuleTable(),
    'docs/jwks-checks.md': renderCheckTable(),
    'README.md': renderReadme(await readFile(path.join(root, 'README.md'), 'utf8')),
  };
}

if (process.argv[1] === import.meta.filename) {
  for (const [file, content] of Object.entries(await generatedFiles())) {
    await writeFile(path.join(root, file), content, 'utf8');
    console.log(`wrote ${file}`);
  }
}
