/**
 * One-line summaries of check evidence for the human reports (Markdown, HTML): the
 * facts a support engineer scans for, not the full JSON (which the JSON report keeps).
 */

const MAX_SUMMARY = 600;

function scalar(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

function certLine(cert: Record<string, unknown>): string {
  const facts = [
    cert.issuer !== undefined ? `issuer ${scalar(cert.issuer)}` : undefined,
    cert.validTo !== undefined ? `until ${scalar(cert.validTo)}` : undefined,
    cert.daysLeft !== undefined ? `${scalar(cert.daysLeft)} days left` : undefined,
    cert.selfSigned === true ? 'self-signed' : undefined,
  ].filter((f) => f !== undefined);
  return `${scalar(cert.subject)}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`;
}

/** Human lines summarising `evidence` (certificate chains and hops get their own lines). */
export function summariseEvidence(evidence: Record<string, unknown> | undefined): string[] {
  if (!evidence) return [];
  const lines: string[] = [];
  const rest: string[] = [];
  for (const [name, value] of Object.entries(evidence)) {
    if ((name === 'chain' || name === 'certificates') && Array.isArray(value)) {
      value.forEach((cert: unknown, i) => lines.push(`certificate ${i}: ${certLine((cert ?? {}) as Record<string, unknown>)}`));
    } else if (name === 'hops' && Array.isArray(value)) {
      value.forEach((hop: unknown, i) => {
        const h = (hop ?? {}) as Record<string, unknown>;
        lines.push(`hop ${i + 1}: ${scalar(h.url)} → ${scalar(h.status)}${h.location !== undefined ? ` (Location ${scalar(h.location)})` : ''}`);
      });
    } else {
      rest.push(`${name}: ${scalar(value)}`);
    }
  }
  if (rest.length > 0) {
    const joined = rest.join('; ');
    lines.push(joined.length > MAX_SUMMARY ? `${joined.slice(0, MAX_SUMMARY)}…` : joined);
  }
  return lines;
}
