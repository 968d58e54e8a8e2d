/**
 * The Markdown form of a report and of a report comparison, for support tickets:
 * verdict first, then checks grouped by area with [PASS]/[WARN]/[FAIL]/[SKIP] marks,
 * hints, sources and summarised evidence. Server-supplied text is neutralised so it
 * cannot inject Markdown structure (links, headings, HTML) into the ticket.
 */
import { AREA_TITLES, CHECK_AREAS } from './catalogue';
import type { ReportDiff } from './compare';
import { summariseEvidence } from './evidence-summary';
import type { Check, CheckStatus, JwksCheckReport } from '../../contract/schemas/jwks-check';
import { mdCode, mdEscape } from '../text/markdown';

/** The mark of a status in text reports. */
export function statusMark(status: CheckStatus): string {
  return `[${status.toUpperCase()}]`;
}

function counts(checks: readonly Check[]): string {
  const by = (s: CheckStatus): number => checks.filter((c) => c.status === s).length;
  return `${by('pass')} passed, ${by('warn')} warnings, ${by('fail')} failed, ${by('skip')} skipped`;
}

function checkLines(check: Check): string[] {
  const lines = [`- ${statusMark(check.status)} **${mdEscape(check.title)}** (\`${check.id}\`): ${mdEscape(check.message)}`];
  if (check.status === 'warn' || check.status === 'fail') lines.push(`  - Fix: ${mdEscape(check.hint)}`);
  if (check.status !== 'skip') lines.push(`  - Source: [${mdEscape(check.source.title)}](<${check.source.url.replace(/[<>\s]/g, '')}>)`);
  for (const line of summariseEvidence(check.evidence)) lines.push(`  - Evidence: ${mdCode(line)}`);
  return lines;
}

/** The report as Markdown. */
export function toMarkdown(report: JwksCheckReport): string {
  const out: string[] = [
    `# jwks_uri check: ${statusMark(report.verdict)}`,
    '',
    `- URL: ${mdEscape(report.url)}`,
    `- Verdict: ${statusMark(report.verdict)} (${counts(report.checks)})`,
    `- Checked: ${mdEscape(report.startedAt)} to ${mdEscape(report.finishedAt)} (${Math.round(report.timings.totalMs)} ms; fetch ${Math.round(report.timings.fetchMs)} ms)`,
    `- Trust store: ${mdEscape(report.trustStore.description)}`,
  ];
  if (report.toolVersion !== undefined) out.push(`- Tool: oidc-onboard ${mdEscape(report.toolVersion)}`);
  for (const area of CHECK_AREAS) {
    const inArea = report.checks.filter((c) => c.area === area);
    if (inArea.length === 0) continue;
    out.push('', `## ${AREA_TITLES[area]}`, '');
    for (const check of inArea) out.push(...checkLines(check));
  }
  return `${out.join('\n')}\n`;
}

/** A report comparison as Markdown. */
export function diffToMarkdown(diff: ReportDiff): string {
  const out = ['# jwks_uri check comparison', ''];
  out.push(
    diff.verdictChanged
      ? `- Verdict changed: ${statusMark(diff.verdict.before)} → ${statusMark(diff.verdict.after)}`
      : `- Verdict unchanged: ${statusMark(diff.verdict.after)}`,
  );
  if (diff.changed.length === 0 && diff.added.length === 0 && diff.removed.length === 0) out.push('- No check changed.');
  if (diff.changed.length > 0) {
    out.push('', '## Changed', '');
    for (const c of diff.changed) out.push(`- \`${c.id}\`: ${statusMark(c.before)} → ${statusMark(c.after)} — ${mdEscape(c.message)}`);
  }
  if (diff.added.length > 0) {
    out.push('', '## Only in the newer report', '');
    for (const c of diff.added) out.push(`- \`${c.id}\`: ${statusMark(c.status)}`);
  }
  if (diff.removed.length > 0) {
    out.push('', '## Only in the older report', '');
    for (const c of diff.removed) out.push(`- \`${c.id}\`: ${statusMark(c.status)}`);
  }
  return `${out.join('\n')}\n`;
}
