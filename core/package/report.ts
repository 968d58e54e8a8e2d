/** The readable (Markdown) report of a package verification, for tickets and terminals. */
import { diffToMarkdown, statusMark } from '../jwks-check/markdown';
import { mdCode, mdEscape } from '../text/markdown';
import type { PackageVerification } from './verify';

/** The verification as Markdown: verdict, the file's SHA-256, each step, what changed live. */
export function verificationToMarkdown(v: PackageVerification): string {
  const out = [
    `# Registration package: ${v.verdict === 'valid' ? 'VALID' : 'INVALID'}`,
    '',
    `- SHA-256 of the file: ${mdCode(v.sha256)} (${v.bytes} bytes)`,
    `- Verified: ${mdEscape(v.verifiedAt)}${v.offline ? ' (offline)' : ''}`,
  ];
  if (v.manifest) {
    const m = v.manifest;
    out.push(
      `- Made by: oidc-onboard ${mdEscape(m.tool.version)} on ${mdEscape(m.createdAt)}`,
      `- Provider: ${mdEscape(m.provider.name)} (${mdCode(m.provider.id)}), environment ${mdEscape(m.environment.label)} (${mdCode(m.environment.id)})`,
      `- Signing key: ${mdCode(m.signingKey.kid)} ${mdCode(m.signingKey.alg)}, thumbprint ${mdCode(m.signingKey.thumbprint)}`,
    );
    if (m.acknowledgement) out.push(`- Packaged despite ${m.acknowledgement.findings.length} finding(s); reason given: ${mdEscape(m.acknowledgement.reason)}`);
  }
  if (v.sendTo) out.push(`- Send to: ${mdEscape(v.sendTo)}`);
  out.push('', '## Steps', '');
  for (const s of v.steps) out.push(`- ${statusMark(s.status)} **${mdEscape(s.title)}** (${mdCode(s.id)}): ${mdEscape(s.message)}`);
  if (v.liveDiff) out.push('', '## jwks_uri: packaged check vs now', '', diffToMarkdown(v.liveDiff).replace(/^# .*\n\n/, '').trimEnd());
  return `${out.join('\n')}\n`;
}
