/**
 * Renders the rule catalogue as the Markdown page `docs/rules.md`. Kept in core (pure,
 * deterministic) so the generator script and the staleness test share one renderer.
 */
import { RULE_LIST } from './rule-catalogue';

function cell(text: string): string {
  // `__proto__` would otherwise render as bold "proto".
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/__/g, '\\_\\_').replace(/\r?\n/g, ' ');
}

/** The Markdown document listing every rule: code, severity, meaning, fix, source. */
export function renderRuleTable(): string {
  const lines = [
    '# Registration rules',
    '',
    '<!-- Generated from core/registration/rule-catalogue.ts by `npm run docs`. Do not edit by hand: a unit test fails when this file is stale. -->',
    '',
    'Every finding the registration rule engine (`validateMetadata`) can report. Severity `error` makes the values invalid;',
    '`warning` and `info` do not. Rules marked "provider" depend on the provider profile; their findings cite the',
    "profile's own source (the link here is an example).",
    '',
    '| Code | Severity | Meaning | Fix | Source |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const rule of RULE_LIST) {
    const code = `\`${rule.code}\`${rule.provider ? ' (provider)' : ''}`;
    const meaning = `**${cell(rule.title)}.** ${cell(rule.explanation)}`;
    lines.push(`| ${code} | ${rule.severity} | ${meaning} | ${cell(rule.hint)} | [${cell(rule.source.title)}](${rule.source.url}) |`);
  }
  lines.push('', `${RULE_LIST.length} rules.`, '');
  return lines.join('\n');
}
