/** The rule table lists every rule, and the catalogue is well-formed (freshness: test/unit/gates/docs.test.ts). */
import { describe, expect, it } from 'vitest';
import { RULE_CODES, RULE_LIST, renderRuleTable } from '../../../core/registration';

describe('rule table', () => {
  it('lists every rule once, with a source link', () => {
    const doc = renderRuleTable();
    for (const rule of RULE_LIST) {
      expect(doc).toContain(`| \`${rule.code}\``);
      expect(doc).toContain(`](${rule.source.url})`);
    }
  });
});

describe('rule catalogue', () => {
  it('has unique, stable-looking codes and complete texts', () => {
    expect(new Set(RULE_CODES).size).toBe(RULE_CODES.length);
    for (const rule of RULE_LIST) {
      expect(rule.code).toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
      expect(['error', 'warning', 'info']).toContain(rule.severity);
      expect(rule.title.length).toBeGreaterThan(3);
      expect(rule.explanation).toMatch(/[.)]$/);
      expect(rule.hint.length).toBeGreaterThan(3);
      expect(rule.source.url).toMatch(/^https:\/\//);
    }
  });
});
