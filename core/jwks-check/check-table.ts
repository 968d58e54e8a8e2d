/**
 * Renders `docs/jwks-checks.md` from the catalogue, so the documentation is the engine's
 * own table (written by scripts/gen-docs.ts, kept current by a test).
 */
import { AREA_TITLES, CHECK_AREAS, CHECK_CATALOGUE } from './catalogue';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The full Markdown of `docs/jwks-checks.md`. */
export function renderCheckTable(): string {
  const out = [
    '# jwks_uri checks',
    '',
    '<!-- Generated from core/jwks-check/catalogue.ts by `npm run docs`. Do not edit by hand: a unit test fails when this file is stale. -->',
    '',
    'Every check the jwks_uri tester (`runJwksCheck`, the app\'s "Test jwks_uri" step and `oidc-onboard` CLI) reports,',
    'by stable id. Each check ends as `pass`, `warn`, `fail` or `skip` (could not run; the message says why).',
    'The verdict is `fail` if any check fails, `warn` if any warns, else `pass`.',
    'The JSON report format is described in [jwks-report-schema.md](jwks-report-schema.md).',
  ];
  for (const area of CHECK_AREAS) {
    const defs = CHECK_CATALOGUE.filter((d) => d.area === area);
    if (defs.length === 0) continue;
    out.push('', `## ${AREA_TITLES[area]}`, '', '| Id | Check | What it means | How to fix | Source |', '|---|---|---|---|---|');
    for (const d of defs) {
      out.push(`| \`${d.id}\` | ${cell(d.title)} | ${cell(d.meaning)} | ${cell(d.hint)} | [${cell(d.source.title)}](${d.source.url}) |`);
    }
  }
  return `${out.join('\n')}\n`;
}
