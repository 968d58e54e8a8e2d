/**
 * Node.js ends some TLS errors with advice for whoever runs Node ("…; if the root CA is installed
 * locally, try running Node.js with --use-system-ca"). Neither the app nor the CLI is run that
 * way, and the flag would trust more than the check should: each states its own way to add a CA
 * (the "Extra trusted CA" field, `--ca`). The fetcher removes the advice from its errors once; the
 * renderer also applies this to messages kept from older reports.
 */

// A clause that tells the user to change how Node.js runs or what it trusts.
const RUNTIME_ADVICE = /--use-(system|openssl|bundled)-ca|NODE_EXTRA_CA_CERTS|NODE_OPTIONS|running Node\.js with/i;

/**
 * `message` without its clauses of Node.js runtime advice: parenthesised asides, `;`-joined
 * clauses and whole sentences that mention a Node flag or environment variable.
 */
export function withoutRuntimeAdvice(message: string): string {
  const asides = message.replace(/\s*\([^()]*\)/g, (aside) => (RUNTIME_ADVICE.test(aside) ? '' : aside));
  return asides
    .split(/(?<=[.!?])\s+/)
    .map((sentence) =>
      sentence
        .split(/\s*;\s*/)
        .filter((clause) => !RUNTIME_ADVICE.test(clause))
        .join('; '),
    )
    .filter((sentence) => sentence.trim() !== '')
    .join(' ');
}
