// The redaction catches a private JWK member however it is quoted or escaped: JSON, JSON inside
// a JSON-quoted log line (at any depth), Node's inspect (`d: '…'`), Python-style `'d': '…'`, and
// `d=…` — and a JSON document stays valid JSON, with its public members intact.
import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactText, redactValue } from '../../../core/redact';

const PRIVATE = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'] as const;
const base64url = fc.stringMatching(/^[A-Za-z0-9_-]{12,64}$/);

type Style = 'json' | 'inspect' | 'python' | 'form' | 'logfmt';
const style = fc.constantFrom<Style>('json', 'inspect', 'python', 'form', 'logfmt');

/** One line carrying `name: value` in `style`, beside public members. */
function render(kind: Style, name: string, value: string, pub: string): string {
  const jwk = { kty: 'RSA', kid: 'key-1', n: pub, [name]: value, e: 'AQAB' };
  switch (kind) {
    case 'json':
      return JSON.stringify(jwk);
    case 'inspect':
      return inspect(jwk, { breakLength: Infinity });
    case 'python':
      return `{${Object.entries(jwk)
        .map(([k, v]) => `'${k}': '${v}'`)
        .join(', ')}}`;
    case 'form':
      return `kty=RSA&n=${pub}&${name}=${value}&e=AQAB`;
    case 'logfmt':
      return `level=error msg="key loaded" n=${pub} ${name}=${value} e=AQAB`;
  }
}

/** The line as a log would carry it: inside `depth` rounds of JSON-quoted messages. */
function wrap(line: string, depth: number): string {
  let out = line;
  for (let i = 0; i < depth; i += 1) out = JSON.stringify({ level: 'error', message: `failed: ${out}` });
  return out;
}

describe('redaction of private JWK members, property-based', () => {
  it('leaves no private member value behind, however quoted and nested', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PRIVATE), base64url, base64url, style, fc.integer({ min: 0, max: 3 }), fc.string(), fc.string(), (name, value, pub, kind, depth, before, after) => {
        // The private value must not occur elsewhere in the text, or "not in the output" would mean nothing.
        fc.pre(![pub, before, after].some((t) => t.includes(value)) && !value.includes(pub));
        const line = wrap(render(kind, name, value, pub), depth);
        const out = redactText(`${before} ${line} ${after}`);
        expect(out).not.toContain(value);
        expect(out).toContain('[REDACTED]');
        // Public members are untouched.
        expect(out).toContain(pub);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps a JSON document valid JSON, redacted at every depth', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PRIVATE), base64url, base64url, fc.constantFrom<Style>('json', 'inspect', 'python'), fc.integer({ min: 0, max: 3 }), (name, value, pub, kind, depth) => {
        fc.pre(!pub.includes(value) && !value.includes(pub));
        const doc = wrap(render(kind, name, value, pub), Math.max(depth, kind === 'json' ? 0 : 1));
        const out = redactText(doc);
        expect(() => JSON.parse(out)).not.toThrow();
        expect(out).not.toContain(value);
      }),
      { numRuns: 2000 },
    );
  });

  it('masks a secret field with any text at the top level of JSON, and keeps the JSON valid', () => {
    fc.assert(
      fc.property(fc.constantFrom('client_secret', 'password', 'passphrase', 'd'), fc.string({ minLength: 1 }), (name, secret) => {
        const out = redactValue({ before: 'x', [name]: secret, after: 'y' });
        expect(out).toEqual({ before: 'x', [name]: '[REDACTED]', after: 'y' });
      }),
      { numRuns: 1000 },
    );
  });

  it('does not take lookalike names for private members', () => {
    const text = JSON.stringify({ kid: 'kid-value-1', id: 'id-value-1', dq2: 'x' }) + ' id=keep-this kid: keep-that';
    expect(redactText(text)).toBe(text);
  });
});
