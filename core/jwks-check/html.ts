/**
 * The report as one self-contained HTML page (a saved file to attach or open, not our
 * UI): inline CSS, no scripts, no external resources, and every piece of text escaped,
 * because messages and evidence carry server-controlled strings.
 */
import { AREA_TITLES, CHECK_AREAS } from './catalogue';
import { summariseEvidence } from './evidence-summary';
import { statusMark } from './markdown';
import type { Check, JwksCheckReport } from '../../contract/schemas/jwks-check';
import { htmlEscape, safeHref } from '../text/html';

const CSS = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
.mark{font-family:ui-monospace,monospace;font-weight:700;padding:0 .3rem;border-radius:3px}
.pass{background:#d8f0dc}.warn{background:#fff1c2}.fail{background:#ffd6d6}.skip{background:#e8e8e8}
ul.checks{list-style:none;padding:0}ul.checks>li{margin:.6rem 0;padding:.4rem .6rem;border-left:4px solid #ccc}
ul.checks>li.fail{border-color:#c00}ul.checks>li.warn{border-color:#c90}ul.checks>li.pass{border-color:#2a7}
code{font-family:ui-monospace,monospace;font-size:.9em}.evidence{font-family:ui-monospace,monospace;font-size:.85em;color:#333;word-break:break-all}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}
`;

function checkItem(check: Check): string {
  const href = safeHref(check.source.url);
  const source = href ? `<a href="${href}" rel="noreferrer noopener">${htmlEscape(check.source.title)}</a>` : htmlEscape(check.source.title);
  const parts = [
    `<span class="mark ${check.status}">${statusMark(check.status)}</span> <strong>${htmlEscape(check.title)}</strong> <code>${htmlEscape(check.id)}</code>`,
    `<div>${htmlEscape(check.message)}</div>`,
  ];
  if (check.status === 'warn' || check.status === 'fail') parts.push(`<div><em>Fix:</em> ${htmlEscape(check.hint)}</div>`);
  if (check.status !== 'skip') parts.push(`<div><em>Source:</em> ${source}</div>`);
  for (const line of summariseEvidence(check.evidence)) parts.push(`<div class="evidence">${htmlEscape(line)}</div>`);
  return `<li class="${check.status}">${parts.join('\n')}</li>`;
}

/** The report as a complete, script-free HTML document. */
export function toHtml(report: JwksCheckReport): string {
  const sections = CHECK_AREAS.flatMap((area) => {
    const inArea = report.checks.filter((c) => c.area === area);
    if (inArea.length === 0) return [];
    return [`<section><h2>${htmlEscape(AREA_TITLES[area])}</h2><ul class="checks">${inArea.map(checkItem).join('\n')}</ul></section>`];
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>jwks_uri check ${htmlEscape(report.verdict.toUpperCase())}: ${htmlEscape(report.url)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>jwks_uri check: <span class="mark ${report.verdict}">${statusMark(report.verdict)}</span></h1>
<dl>
<dt>URL</dt><dd><code>${htmlEscape(report.url)}</code></dd>
<dt>Checked</dt><dd>${htmlEscape(report.startedAt)} to ${htmlEscape(report.finishedAt)} (${Math.round(report.timings.totalMs)} ms)</dd>
<dt>Trust store</dt><dd>${htmlEscape(report.trustStore.description)}</dd>
${report.toolVersion !== undefined ? `<dt>Tool</dt><dd>oidc-onboard ${htmlEscape(report.toolVersion)}</dd>` : ''}
</dl>
${sections.join('\n')}
</body>
</html>
`;
}
