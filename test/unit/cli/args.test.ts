// Option values that start with a dash (a base64url kid such as "-Xy…") belong to their option.
import { describe, expect, it } from 'vitest';
import { bindStringValues, parseDeclared } from '../../../cli/args';
import type { CommandDecl } from '../../../cli/spec';

const options = { kid: { type: 'string', description: 'k' }, yes: { type: 'boolean', description: 'y' }, contact: { type: 'string', multiple: true, description: 'c' } } as const;
const decl = (args: number): CommandDecl => ({ name: 't', summary: 't', examples: [], options, args: Array.from({ length: args }, (_, n) => ({ name: `a${n}`, description: 'a' })), run: async () => 0 });
const parseCommandArgs = (argv: string[], _o: unknown, _u: string, count: { min: number; max: number }) => parseDeclared(argv, decl(count.max), ['t']);

describe('CLI arguments', () => {
  it('binds a dash-leading value to its string option', () => {
    const { values, positionals } = parseCommandArgs(['reg-1', '--kid', '-AbC_12', '--yes'], options, 'usage', { min: 1, max: 1 });
    expect(values).toEqual({ kid: '-AbC_12', yes: true });
    expect(positionals).toEqual(['reg-1']);
    expect(parseCommandArgs(['r', '--kid', '--weird'], options, 'usage', { min: 1, max: 1 }).values.kid).toBe('--weird');
  });

  it('leaves booleans, --name=value and positionals alone, and keeps repeated options', () => {
    expect(bindStringValues(['--yes', 'pos', '--kid=-a', '--contact', 'a@x', '--contact', 'b@x'], options)).toEqual(['--yes', 'pos', '--kid=-a', '--contact=a@x', '--contact=b@x']);
    expect(parseCommandArgs(['--contact', 'a@x', '--contact', '-b@x'], options, 'usage', { min: 0, max: 0 }).values.contact).toEqual(['a@x', '-b@x']);
  });

  it('still refuses a missing value and unknown options as usage errors', () => {
    expect(() => parseCommandArgs(['--kid'], options, 'usage', { min: 0, max: 0 })).toThrow(expect.objectContaining({ code: 'USAGE' }));
    expect(() => parseCommandArgs(['--nope'], options, 'usage', { min: 0, max: 0 })).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});
