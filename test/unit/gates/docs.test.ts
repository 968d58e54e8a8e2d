// The generated documentation (docs/rules.md, docs/jwks-checks.md, docs/cli.md, README tables) matches the catalogues and the CLI's declarations.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../../../scripts/gen-docs';
import { RULE_CODES } from '../../../core/registration';
import { CHECK_IDS } from '../../../core/jwks-check';

const root = path.resolve(import.meta.dirname, '../../..');

describe('generated documentation (regenerate with `npm run docs`)', () => {
  it.each(['docs/rules.md', 'docs/jwks-checks.md', 'docs/cli.md', 'README.md'])('%s is current', async (file) => {
    const expected = (await generatedFiles())[file];
    expect(await readFile(path.join(root, file), 'utf8')).toBe(expected);
  });

  it('the README lists every rule code and every check id', async () => {
    const readme = await readFile(path.join(root, 'README.md'), 'utf8');
    for (const code of RULE_CODES) expect(readme).toContain(`\`${code}\``);
    for (const id of CHECK_IDS) expect(readme).toContain(`\`${id}\``);
  });
});
