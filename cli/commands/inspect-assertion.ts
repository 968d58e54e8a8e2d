/**
 * `inspect-assertion` — decode a client assertion someone pasted (from a backend, a log, a support
 * thread) and explain what an NHS token endpoint makes of its header and claims: a `jku`, `x5u`,
 * `jwk` or `x5c` header is explained, not trusted. The signature is not verified.
 */
import { EXIT, print, usageError } from '../context';
import { defineCommand } from '../spec';
import { readInputText } from '../input';

const MARK = { error: '[ERROR]', warning: '[WARN]', info: '[INFO]' } as const;

/** `inspect-assertion`. */
export const inspectAssertionCommand = defineCommand({
  name: 'inspect-assertion',
  summary: 'Explain a pasted client assertion (header and claims; jku/x5u/jwk/x5c headers flagged); the signature is not checked',
  args: [{ name: 'file', description: 'a file holding the JWT; without it (or with -) the JWT is read from stdin', optional: true, file: true }],
  details: ['Exit 1 when NHS would refuse the assertion as it is.'],
  examples: ['oidc-onboard inspect-assertion assertion.jwt', 'pbpaste | oidc-onboard inspect-assertion --json'],
  async run(context, { positionals }) {
    const text = positionals[0] !== undefined && positionals[0] !== '-' ? await readInputText(context, positionals[0], 'assertion file') : await context.readStdin();
    if (text.trim() === '') throw usageError('Give the assertion (a JWT) in a file or on stdin.');
    const { inspectAssertion } = await import('../../core/credentials/inspect');
    const result = inspectAssertion(text);
    print(context, result, () =>
      [
        `Header: ${JSON.stringify(result.header)}`,
        `Claims: ${JSON.stringify(result.claims)}`,
        '(The signature is not verified here: that needs the key registered with the provider.)',
        '',
        ...(result.remarks.length === 0 ? ['No remarks: the header holds alg, kid and typ only, and the claims have the shape NHS expects.'] : result.remarks.map((r) => `${MARK[r.severity]} ${r.code}: ${r.message}`)),
        '',
      ].join('\n'),
    );
    return result.acceptable ? EXIT.ok : EXIT.invalid;
  },
});
