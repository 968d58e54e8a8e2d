/** The readable (Markdown) report of a package verification, for tickets and terminals. */
import { orderedRequestedValues } from '../../contract/schemas/package-verification';
import { diffToMarkdown, statusMark } from '../jwks-check/markdown';
import { mdCode, mdEscape } from '../text/markdown';
import type { PackageVerification } from './verify';

const LIVE_WORD = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', 'not-checked': 'NOT CHECKED' } as const;

/** One requested value as Markdown lines: scalars inline, lists one item a line, objects as compact JSON. */
function valueLines(name: string, value: unknown): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [`- ${mdCode(name)}: (empty list)`];
    return [`- ${mdCode(name)}:`, ...value.map((item) => `  - ${mdCode(typeof item === 'string' ? item : JSON.stringify(item))}`)];
  }
  return [`- ${mdCode(name)}: ${mdCode(typeof value === 'string' ? value : JSON.stringify(value))}`];
}

/**
 * The verification as Markdown: the headline and its two verdicts (intact; live now), the file's
 * SHA-256, what the package asks for, each finding under today's rules, each step, what changed live.
 */
export function verificationToMarkdown(v: PackageVerification): string {
  const out = [
    `# Registration package: ${v.verdict === 'valid' ? 'VALID' : 'INVALID'}`,
    '',
    mdEscape(v.headline),
    '',
    `- Intact and signed by the enclosed key: ${v.intact.status === 'pass' ? 'YES' : 'NO'}${v.intact.status === 'fail' ? ` (${v.intact.failed.map(mdCode).join(', ')} failed)` : ''}`,
    `- Live state now: ${LIVE_WORD[v.live.status]} — ${mdEscape(v.live.message)}`,
  ];
  if (v.live.status !== 'not-checked') {
    const yesNo = (b: boolean | undefined) => (b === undefined ? 'not known' : b ? 'yes' : 'no');
    out.push(
      `  - jwks_uri reachable: ${yesNo(v.live.reachable)}`,
      `  - signing key still published: ${yesNo(v.live.keyPublished)}`,
      `  - jwks_uri check: ${(v.live.checkThen ?? 'none packaged').toUpperCase()} at packaging → ${(v.live.checkNow ?? 'not run').toUpperCase()} now`,
    );
  }
  out.push('', `- SHA-256 of the file: ${mdCode(v.sha256)} (${v.bytes} bytes)`, `- Verified: ${mdEscape(v.verifiedAt)}${v.offline ? ' (offline)' : ''}`);
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
  if (v.requested) {
    out.push('', '## Requested values', '', `For ${mdEscape(v.requested.provider.name)}, environment ${mdEscape(v.requested.environment.label)} (from registration.json${v.intact.status === 'pass' ? '' : ' — the package is not intact, so these may have been altered'}):`, '');
    for (const [name, value] of orderedRequestedValues(v.requested.values)) out.push(...valueLines(name, value));
  }
  out.push('', "## Findings under today's rules", '');
  if (v.findings.length === 0) out.push(v.requested ? '- None.' : '- Not checked: registration.json is not readable.');
  for (const f of v.findings) out.push(`- [${f.severity.toUpperCase()}] ${mdCode(f.code)}${f.path ? ` at ${mdCode(f.path)}` : ''}: ${mdEscape(f.message)}`);
  out.push('', '## Steps', '');
  for (const s of v.steps) out.push(`- ${statusMark(s.status)} **${mdEscape(s.title)}** (${mdCode(s.id)}): ${mdEscape(s.message)}`);
  if (v.liveDiff) out.push('', '## jwks_uri: packaged check vs now', '', diffToMarkdown(v.liveDiff).replace(/^# .*\n\n/, '').trimEnd());
  return `${out.join('\n')}\n`;
}
