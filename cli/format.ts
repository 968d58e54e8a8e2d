/** Human-readable text for findings and drafts. */
import type { Finding, ValidationReport } from '../contract/schemas/findings';
import type { RegistrationDetail } from '../contract/types';

const MARK: Record<Finding['severity'], string> = { error: 'ERROR  ', warning: 'WARNING', info: 'info   ' };

/** One block per finding: severity, path, message, hint and source. */
export function formatFindings(report: ValidationReport): string {
  if (report.findings.length === 0) return 'No findings: the values look right.\n';
  const lines = report.findings.map(
    (f) => `${MARK[f.severity]} ${f.path || '(document)'}: ${f.message}\n        fix: ${f.hint}\n        rule: ${f.code} — ${f.source.title} <${f.source.url}>`,
  );
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  return `${lines.join('\n')}\n\n${report.valid ? 'Valid' : 'Not valid'}: ${errors} error(s), ${report.findings.length - errors} other finding(s).\n`;
}

/** A short description of a draft with its values. */
export function formatRegistration(detail: RegistrationDetail): string {
  const { registration: r, status } = detail;
  const values = Object.entries(r.metadata)
    .map(([key, value]) => `  ${key}: ${Array.isArray(value) ? value.map((v) => `\n    - ${String(v)}`).join('') : JSON.stringify(value)}`)
    .join('\n');
  return [
    `${r.id}  (${detail.providerName} · ${detail.environmentName})`,
    `  values: ${status.valuesValid ? 'valid' : 'not valid'} (${status.errorCount} error(s), ${status.warningCount} warning(s))`,
    values,
    r.notes ? `  notes: ${r.notes}` : '',
    ...(r.notices ?? []).map((notice) => `  NOTICE: ${notice.text}${notice.source ? ` (${notice.source.url})` : ''}`),
    '',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n');
}
