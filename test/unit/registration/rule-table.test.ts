/** docs/rules.md is the generator's output (it cannot go stale), and the catalogue is well-formed. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RULE_CODES, RULE_LIST, renderRuleTable } from '../../../core/registration';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('rule table', () => {
  it('docs/rules.md equals the generator output', async () => {
    const onDisk = await readFile(join(root, 'docs', 'rules.md'), 'utf8');
    expect(onDisk).toBe(renderRuleTable());
  });

  it('the script prints exactly that document', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/gen-rule-table.ts'], { cwd: root });
    expect(stdout).toBe(renderRuleTable());
  }, 30_000);

  it('lists every rule once, with a source link', () => {
    const doc = renderRuleTable();
    for (const rule of RULE_LIST) {
      expect(doc).toContain(`| \`${rule.code}\``);
      expect(doc).toContain(`](${rule.source.url})`);
    }
  });
});

describe('rule catalogue', () => {
  it('has unique, stable-looking codes and complete texts', () => {
    expect(new Set(RULE_CODES).size).toBe(RULE_CODES.length);
    for (const rule of RULE_LIST) {
      expect(rule.code).toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
      expect(['error', 'warning', 'info']).toContain(rule.severity);
      expect(rule.title.length).toBeGreaterThan(3);
      expect(rule.explanation).toMatch(/[.)]$/);
      expect(rule.hint.length).toBeGreaterThan(3);
      expect(rule.source.url).toMatch(/^https:\/\//);
    }
  });
});
