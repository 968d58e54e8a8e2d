/**
 * `SUMMARY.md` and `summary.html` of a package: what is requested, what to send to whom,
 * the signing key, the jwks_uri check, any acknowledged findings, and the checksums.
 * Every user- or server-supplied string is escaped: the HTML page has no script, no
 * external resource, and no text that can turn into markup.
 */
import type { ChecklistView } from '../../contract/schemas/checklist';
import { htmlEscape } from '../text/html';
import { mdCode, mdEscape } from '../text/markdown';
import type { Manifest } from './format';

/** What the summary pages show. */
export interface SummaryInput {
  manifest: Omit<Manifest, 'files'>;
  metadata: Record<string, unknown>;
  submission: { text: string; known: boolean; url?: string | undefined };
  /**
   * The registration's submission checklist (core/registration/checklist.ts). When given, "What to
   * send, and to whom" is its items — the same data as the wizard's Submit step and
   * `oidc-onboard checklist` — and what the package is for comes from it too.
   */
  checklist?: ChecklistView | undefined;
  /** Checksums of the files the summary can name (all but itself, the manifest and request.jwt). */
  checksums: { name: string; sha256: string }[];
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

function safeHref(url: string): string | undefined {
  return /^https:\/\//i.test(url) ? url : undefined;
}

function clientName(metadata: Record<string, unknown>): string {
  return typeof metadata.client_name === 'string' && metadata.client_name !== '' ? metadata.client_name : '(no client_name)';
}

function keyLine(m: SummaryInput['manifest'], metadata: Record<string, unknown>): string {
  if (m.keySource === 'pem') return 'The provider takes the public key as a PEM file: send public-key.pem (it is in this package).';
  const uri = typeof metadata.jwks_uri === 'string' ? metadata.jwks_uri : '(none set)';
  return `The provider fetches the public keys from the jwks_uri ${uri}; jwks.json is a copy of the set to publish there.`;
}

function checkLine(m: SummaryInput['manifest']): string {
  return m.jwksCheck.included
    ? `jwks_uri check: ${m.jwksCheck.verdict.toUpperCase()} for ${m.jwksCheck.url} at ${m.jwksCheck.startedAt} (${m.jwksCheck.fresh ? 'run while packaging' : 'the latest kept check'}); full report in jwks-check.md and jwks-check.html.`
    : `jwks_uri check: not included (${m.jwksCheck.reason}).`;
}

const SEND_NOTE =
  'Send this .zip file as it is, and quote its SHA-256 (printed by `oidc-onboard package` and shown in the app) in your message so the recipient can confirm they received the same file. Anyone can check it with `oidc-onboard verify-package <file>`.';

function answerText(a: ChecklistView['items'][number]['answers'][number]): string {
  if (a.uses === 'you') return `you supply it${a.hint ? ` (${a.hint})` : ''}`;
  if (a.missing) return `missing: set ${a.uses}${a.hint ? ` (${a.hint})` : ''}`;
  return a.value ?? '';
}

function checklistMarkdown(view: ChecklistView): string[] {
  const out = [mdEscape(view.intro), ''];
  view.items.forEach((item, index) => {
    out.push(`### ${index + 1}. ${mdEscape(item.title)}${item.optional ? ' (optional)' : ''}`, '');
    out.push(`Where: ${mdEscape(item.where.name)}${item.where.url ? ` <${item.where.url.replace(/[<>\s]/g, '')}>` : ''}`, '');
    out.push(mdEscape(item.detail), '');
    for (const a of item.answers) {
      const value = answerText(a);
      if (a.uses !== 'you' && !a.missing && value.includes('\n')) out.push(`- ${mdEscape(a.label)} (${mdCode(a.uses)}):`, '', '  ```', ...value.split('\n').map((line) => `  ${line.replace(/`/g, "'")}`), '  ```');
      else out.push(`- ${mdEscape(a.label)}${a.uses === 'you' ? '' : ` (${mdCode(a.uses)})`}: ${a.uses === 'you' || a.missing ? mdEscape(value) : mdCode(value)}`);
    }
    if (item.answers.length > 0) out.push('');
    if (item.returns) out.push(`Comes back: ${mdEscape(item.returns)}`, '');
    out.push(`Source: <${item.source.url.replace(/[<>\s]/g, '')}>`, '');
  });
  return out;
}

function checklistHtml(view: ChecklistView): string[] {
  const e = htmlEscape;
  const link = (url: string, text: string) => {
    const href = safeHref(url);
    return href ? `<a href="${e(href)}" rel="noreferrer noopener">${e(text)}</a>` : e(text);
  };
  const parts = [`<p>${e(view.intro)}</p>`, '<ol>'];
  for (const item of view.items) {
    parts.push(`<li><h3>${e(item.title)}${item.optional ? ' (optional)' : ''}</h3>`);
    parts.push(`<p>Where: ${item.where.url ? link(item.where.url, item.where.name) : e(item.where.name)}</p>`, `<p>${e(item.detail)}</p>`);
    if (item.answers.length > 0) {
      parts.push('<ul>');
      for (const a of item.answers) {
        const value = answerText(a);
        parts.push(`<li>${e(a.label)}${a.uses === 'you' ? '' : ` (<code>${e(a.uses)}</code>)`}: ${a.uses === 'you' || a.missing ? e(value) : value.includes('\n') ? `<pre>${e(value)}</pre>` : `<code>${e(value)}</code>`}</li>`);
      }
      parts.push('</ul>');
    }
    if (item.returns) parts.push(`<p>Comes back: ${e(item.returns)}</p>`);
    parts.push(`<p>Source: ${link(item.source.url, item.source.title)}</p></li>`);
  }
  parts.push('</ol>');
  return parts;
}

/** The Markdown summary. */
export function summaryMarkdown(input: SummaryInput): string {
  const { manifest: m, metadata } = input;
  const out = [
    `# Registration request: ${mdEscape(clientName(metadata))}`,
    '',
    `Prepared with OIDC Onboard ${mdEscape(m.tool.version)} on ${mdEscape(m.createdAt)} for **${mdEscape(m.provider.name)}**, environment **${mdEscape(m.environment.label)}** (${mdCode(m.environment.id)}).`,
    '',
    '## What is requested',
    '',
    '| Member | Value |',
    '| --- | --- |',
    ...Object.keys(metadata)
      .sort()
      .map((key) => `| ${mdCode(key)} | ${mdCode(valueText(metadata[key])).replace(/\|/g, '\\|')} |`),
    '',
    '## What to send, and to whom',
    '',
  ];
  if (input.checklist?.available) out.push(...checklistMarkdown(input.checklist), '## This package', '', mdEscape(input.checklist.package.text), '');
  else {
    out.push(mdEscape(input.submission.text), '');
    if (input.submission.url) out.push(`Where: <${input.submission.url.replace(/[<>\s]/g, '')}>`, '');
    if (!input.submission.known) out.push('No public document we know of names the recipient: confirm it with your provider contact before sending.', '');
    out.push(mdEscape(SEND_NOTE), '');
  }
  out.push('## Signing key', '');
  out.push(`- Key ID (kid): ${mdCode(m.signingKey.kid)}`, `- Algorithm: ${mdCode(m.signingKey.alg)}`, `- RFC 7638 thumbprint: ${mdCode(m.signingKey.thumbprint)}`, `- ${mdEscape(keyLine(m, metadata))}`, '');
  out.push('## jwks_uri check', '', mdEscape(checkLine(m)), '');
  if (m.acknowledgement) {
    out.push('## Findings packaged anyway', '', `The sender acknowledged these findings. Reason given: ${mdEscape(m.acknowledgement.reason)}`, '');
    for (const f of m.acknowledgement.findings) out.push(`- [${f.severity.toUpperCase()}] ${mdCode(f.code)}${f.path ? ` at ${mdCode(f.path)}` : ''} (${f.source}): ${mdEscape(f.message)}`);
    out.push('');
  }
  if (m.notes.length > 0) {
    out.push('## Notes', '');
    for (const note of m.notes) out.push(`- ${mdEscape(note)}`);
    out.push('');
  }
  out.push('## Checksums (SHA-256)', '', '```');
  for (const c of input.checksums) out.push(`${c.sha256}  ${c.name}`);
  out.push('```', '', 'manifest.json lists these and the checksums of SUMMARY.md and summary.html; request.jwt is signed with the key above and carries the SHA-256 of manifest.json.');
  return `${out.join('\n')}\n`;
}

const CSS =
  'body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1b}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}code,pre{font-family:ui-monospace,monospace;font-size:.9em;word-break:break-all;white-space:pre-wrap}';

/** The HTML summary: one self-contained page, no scripts, every string escaped. */
export function summaryHtml(input: SummaryInput): string {
  const { manifest: m, metadata } = input;
  const e = htmlEscape;
  const parts = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>Registration request: ${e(clientName(metadata))}</title><style>${CSS}</style></head><body>`,
    `<h1>Registration request: ${e(clientName(metadata))}</h1>`,
    `<p>Prepared with OIDC Onboard ${e(m.tool.version)} on ${e(m.createdAt)} for <strong>${e(m.provider.name)}</strong>, environment <strong>${e(m.environment.label)}</strong> (<code>${e(m.environment.id)}</code>).</p>`,
    '<h2>What is requested</h2>',
    '<table><thead><tr><th>Member</th><th>Value</th></tr></thead><tbody>',
    ...Object.keys(metadata)
      .sort()
      .map((key) => `<tr><td><code>${e(key)}</code></td><td><code>${e(valueText(metadata[key]))}</code></td></tr>`),
    '</tbody></table>',
    '<h2>What to send, and to whom</h2>',
  ];
  if (input.checklist?.available) parts.push(...checklistHtml(input.checklist), '<h2>This package</h2>', `<p>${e(input.checklist.package.text)}</p>`);
  else {
    parts.push(`<p>${e(input.submission.text)}</p>`);
    const href = input.submission.url ? safeHref(input.submission.url) : undefined;
    if (input.submission.url) parts.push(href ? `<p>Where: <a href="${e(href)}" rel="noreferrer noopener">${e(input.submission.url)}</a></p>` : `<p>Where: ${e(input.submission.url)}</p>`);
    if (!input.submission.known) parts.push('<p>No public document we know of names the recipient: confirm it with your provider contact before sending.</p>');
    parts.push(`<p>${e(SEND_NOTE)}</p>`);
  }
  parts.push('<h2>Signing key</h2><ul>');
  parts.push(`<li>Key ID (kid): <code>${e(m.signingKey.kid)}</code></li>`, `<li>Algorithm: <code>${e(m.signingKey.alg)}</code></li>`, `<li>RFC 7638 thumbprint: <code>${e(m.signingKey.thumbprint)}</code></li>`, `<li>${e(keyLine(m, metadata))}</li></ul>`);
  parts.push('<h2>jwks_uri check</h2>', `<p>${e(checkLine(m))}</p>`);
  if (m.acknowledgement) {
    parts.push('<h2>Findings packaged anyway</h2>', `<p>The sender acknowledged these findings. Reason given: ${e(m.acknowledgement.reason)}</p><ul>`);
    for (const f of m.acknowledgement.findings) parts.push(`<li>[${e(f.severity.toUpperCase())}] <code>${e(f.code)}</code>${f.path ? ` at <code>${e(f.path)}</code>` : ''} (${e(f.source)}): ${e(f.message)}</li>`);
    parts.push('</ul>');
  }
  if (m.notes.length > 0) parts.push('<h2>Notes</h2><ul>', ...m.notes.map((note) => `<li>${e(note)}</li>`), '</ul>');
  parts.push('<h2>Checksums (SHA-256)</h2>', `<pre>${input.checksums.map((c) => `${e(c.sha256)}  ${e(c.name)}`).join('\n')}</pre>`);
  parts.push('<p>manifest.json lists these and the checksums of SUMMARY.md and summary.html; request.jwt is signed with the key above and carries the SHA-256 of manifest.json.</p>', '</body></html>');
  return `${parts.join('\n')}\n`;
}
