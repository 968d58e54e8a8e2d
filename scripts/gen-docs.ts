/**
 * Writes the generated documentation from the catalogues in core/: docs/rules.md,
 * docs/jwks-checks.md, and the tables between the `<!-- generated:NAME -->` markers in
 * README.md. Run `npm run docs`; `test/unit/gates/docs.test.ts` fails when anything is stale.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderCheckTable } from '../core/jwks-check/check-table';
import { renderRuleTable } from '../core/registration/rule-table';
import { COMMANDS } from '../cli/commands';
import { commandHelp, groupHelp, toolHelp } from '../cli/help';
import { isGroup, usageLine } from '../cli/spec';

const root = path.resolve(import.meta.dirname, '..');

/** Every usage line of the CLI, from the command declarations (what `help` prints). */
export function renderCliUsage(): string {
  const lines = COMMANDS.flatMap((e) => (isGroup(e) ? e.subcommands.map((s) => usageLine([e.name, s.name], s)) : [usageLine([e.name], e)]));
  return ['```text', ...lines, '```'].join('\n');
}

/** docs/cli.md: the help of the tool and of every command and subcommand, as `help` prints it. */
export function renderCliReference(): string {
  const block = (title: string, text: string) => [`## ${title}`, '', '```text', text.trimEnd(), '```', ''];
  return [
    '# oidc-onboard command reference',
    '',
    'Generated from the command declarations (`cli/commands/`) by `npm run docs`; the same text as `oidc-onboard help <command> [<subcommand>]`.',
    '',
    ...block('oidc-onboard', toolHelp(COMMANDS).replace(/^oidc-onboard \S+ /, 'oidc-onboard ')),
    ...COMMANDS.flatMap((e) => (isGroup(e) ? [...block(e.name, groupHelp(e)), ...e.subcommands.flatMap((s) => block(`${e.name} ${s.name}`, commandHelp([e.name, s.name], s)))] : block(e.name, commandHelp([e.name], e)))),
  ].join('\n');
}

/** The README blocks: Markdown table rows of each catalogue. */
export function readmeBlocks(): Record<string, string> {
  const tableOf = (markdown: string) => {
    const rows = markdown.split('\n').filter((line) => line.startsWith('|'));
    // Several tables (one per area) share one header: keep the first header, drop the repeats.
    const header = rows.slice(0, 2);
    return [...header, ...rows.filter((row, i) => i >= 2 && row !== header[0] && row !== header[1])].join('\n');
  };
  return { rules: tableOf(renderRuleTable()), 'jwks-checks': tableOf(renderCheckTable()), 'cli-usage': renderCliUsage() };
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
    'docs/cli.md': renderCliReference(),
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
