// Node's advice to re-run Node.js with another trust flag is removed from messages; everything else,
// including this tool's own --ca advice, stays as written.
import { describe, expect, it } from 'vitest';
import { withoutRuntimeAdvice } from '../../../contract/text/runtime-advice';

describe('withoutRuntimeAdvice', () => {
  it.each([
    ['unable to verify the first certificate; if the root CA is installed locally, try running Node.js with --use-system-ca', 'unable to verify the first certificate'],
    ['TLS failed for localhost: self-signed certificate (set NODE_EXTRA_CA_CERTS to trust it) — see the chain.', 'TLS failed for localhost: self-signed certificate — see the chain.'],
    ['The chain does not verify. Try --use-openssl-ca or NODE_OPTIONS. The leaf expires soon.', 'The chain does not verify. The leaf expires soon.'],
  ])('%j → %j', (message, expected) => {
    expect(withoutRuntimeAdvice(message)).toBe(expected);
  });

  it.each([
    'certificate has expired',
    'If the server uses a private, test or corporate CA, give its certificate with --ca <file.pem>.',
    'Status 404 (Not Found); exactly 200 is required.',
  ])('leaves %j alone', (message) => {
    expect(withoutRuntimeAdvice(message)).toBe(message);
  });
});
