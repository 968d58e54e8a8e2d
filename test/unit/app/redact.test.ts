// Redaction removes private keys, private JWK members and known secrets from text bound for logs and bundles.
import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactText, redactValue } from '../../../core/redact';

describe('redaction', () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const jwk = privateKey.export({ format: 'jwk' });

  it('removes PEM private keys of every kind', () => {
    for (const label of ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY']) {
      const text = `before -----BEGIN ${label}-----\nAAAA\nBBBB\n-----END ${label}----- after`;
      expect(redactText(text)).toBe(`before [REDACTED ${label}] after`);
    }
    expect(redactText(`log: ${pem}`)).not.toContain('BEGIN PRIVATE KEY');
  });

  it('removes private JWK members and secret fields but keeps public ones', () => {
    const out = redactValue({ key: jwk, client_secret: 's3cr3t-value', nested: [{ password: 'hunter22' }] });
    expect(out.key.d).toBe('[REDACTED]');
    expect(out.key.x).toBe(jwk.x);
    expect(JSON.stringify(out)).not.toContain('s3cr3t-value');
    expect(JSON.stringify(out)).not.toContain('hunter22');
  });

  it('removes form-encoded secrets and any known secret value', () => {
    expect(redactText('grant_type=x&client_secret=abc123&x=1')).toBe('grant_type=x&client_secret=[REDACTED]&x=1');
    expect(redactText('the secret is Zq9-abcd in text', ['Zq9-abcd'])).toBe('the secret is [REDACTED] in text');
  });

  it('never throws and never leaves a known secret behind, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^[A-Za-z0-9_-]{4,40}$/), fc.string(), (before, secret, after) => {
        expect(redactText(before + secret + after, [secret])).not.toContain(secret);
      }),
    );
  });
});
