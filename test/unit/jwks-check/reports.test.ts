// Reports: Markdown, HTML (escaped, script-free), comparison, the JSON schema, and the
// generated check table being current.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../../core/net/fetcher';
import type { Fetcher } from '../../../core/net/types';
import { CHECK_CATALOGUE, CHECK_IDS } from '../../../core/jwks-check/catalogue';
import { compareReports } from '../../../core/jwks-check/compare';
import { toHtml } from '../../../core/jwks-check/html';
import { diffToMarkdown, toMarkdown } from '../../../core/jwks-check/markdown';
import { jwksCheckReportSchema, verdictOf, type JwksCheckReport } from '../../../contract/schemas/jwks-check';
import { runJwksCheck } from '../../../core/jwks-check/run';
import { html, json, route, startHttpsServer, type TestServer } from '../../support/hostile-server';
import { rsaKey, type TestKey } from '../../support/jwks-servers';
import { getTestPki, LOCAL_HOSTS } from '../../support/test-pki';

const root = path.resolve(import.meta.dirname, '../../..');
const HOSTILE_KID = '<script>alert("x")</script>[link](javascript:alert(1))\n# heading';
const clock = { now: () => new Date('2026-11-27T12:00:00Z') };

let server: TestServer;
let fetcher: Fetcher;
let key: TestKey;
let good: JwksCheckReport;
let broken: JwksCheckReport;
let hostile: JwksCheckReport;

beforeAll(async () => {
  const pki = await getTestPki();
  const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
  key = rsaKey(2048, 'k1');
  server = await startHttpsServer({
    cert: leaf.chainPem,
    key: leaf.keyPem,
    handler: route({
      '/good': json({ keys: [key.publicJwk] }),
      '/html': html(),
      '/hostile': json({ keys: [{ ...key.privateJwk, kid: HOSTILE_KID }] }),
    }),
  });
  fetcher = createFetcher({ extraCaPem: [pki.caCertPem] });
  const run = (p: string) => runJwksCheck({ url: server.url(p), fetcher, source: 'typed', clock, replicas: 1, toolVersion: '0.1.0', expect: { publicJwks: [key.publicJwk], alg: 'RS256', sign: key.sign } });
  [good, broken, hostile] = [await run('/good'), await run('/html'), await run('/hostile')];
});

afterAll(async () => {
  fetcher?.close();
  await server?.close();
});

describe('verdict', () => {
  it('is fail if any check fails, warn if any warns, else pass', () => {
    expect(verdictOf([{ status: 'pass' }, { status: 'skip' }])).toBe('pass');
    expect(verdictOf([{ status: 'pass' }, { status: 'warn' }, { status: 'skip' }])).toBe('warn');
    expect(verdictOf([{ status: 'warn' }, { status: 'fail' }])).toBe('fail');
    expect(good.verdict).toBe('warn'); // loopback
    expect(broken.verdict).toBe('fail');
  });
});

describe('JSON report schema', () => {
  it('round-trips a saved report and refuses a foreign one', () => {
    const saved = JSON.parse(JSON.stringify(hostile)) as unknown;
    expect(jwksCheckReportSchema.parse(saved)).toEqual(hostile);
    expect(jwksCheckReportSchema.safeParse({ ...good, schemaVersion: 2 }).success).toBe(false);
    expect(jwksCheckReportSchema.safeParse({ ...good, checks: [{ ...good.checks[0], status: 'info' }] }).success).toBe(false);
    expect(good.startedAt).toBe('2026-11-27T12:00:00.000Z');
    expect(good.toolVersion).toBe('0.1.0');
  });
});

describe('toMarkdown', () => {
  it('gives the verdict, groups by area, marks each check and includes hints, sources and evidence', () => {
    const md = toMarkdown(broken);
    expect(md).toMatch(/^# jwks_uri check: \[FAIL\]/);
    expect(md).toContain('## TLS');
    expect(md).toContain('## Response headers');
    expect(md).toMatch(/- \[FAIL\] \*\*JSON content type\*\* \(`headers\.content-type`\)/);
    expect(md).toContain('  - Fix: Serve the file with Content-Type: application/json.');
    expect(md).toMatch(/- \[PASS\] .*`tls\.chain`/);
    expect(md).toMatch(/- \[SKIP\] .*`body\.jwk-set`/);
    expect(md).toMatch(/Evidence: `certificate 0: CN=localhost/);
    expect(md).not.toMatch(/[\u{1F300}-\u{1FAFF}\u2705\u274C\u26A0]/u);
  });

  it('neutralises server-supplied text and never shows private key values', () => {
    const md = toMarkdown(hostile);
    // Outside code spans, markup is escaped; evidence lines are single inline code spans (rendered literally).
    const prose = md.split('\n').filter((l) => !l.startsWith('  - Evidence: '));
    expect(prose.join('\n')).not.toContain('<script>');
    expect(prose.join('\n')).not.toContain('](javascript:');
    for (const l of md.split('\n').filter((x) => x.startsWith('  - Evidence: '))) expect(l).toMatch(/^ {2}- Evidence: `[^`\n]*`$/);
    expect(md).toContain('\\<script\\>');
    expect(md).not.toMatch(/\n# heading/);
    for (const member of ['d', 'p', 'q'] as const) expect(md).not.toContain(key.privateJwk[member] as string);
  });
});

describe('toHtml', () => {
  it('is one self-contained page without scripts, all text escaped', () => {
    const page = toHtml(hostile);
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/\son[a-z]+=/i);
    expect(page).not.toMatch(/(src|href)="(?!https?:)/i);
    expect(page).toContain('&#60;script&#62;');
    expect(page).toContain("default-src 'none'");
    for (const member of ['d', 'p', 'q'] as const) expect(page).not.toContain(key.privateJwk[member] as string);
    expect(toHtml(good)).toContain('[WARN]');
  });
});

describe('compareReports', () => {
  it('lists the verdict change and each check whose status changed', () => {
    const diff = compareReports(broken, good);
    expect(diff.verdictChanged).toBe(true);
    expect(diff.verdict).toEqual({ before: 'fail', after: 'warn' });
    expect(diff.changed).toContainEqual(expect.objectContaining({ id: 'headers.content-type', before: 'fail', after: 'pass' }));
    expect(diff.changed).toContainEqual(expect.objectContaining({ id: 'match.round-trip', before: 'skip', after: 'pass' }));
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    const md = diffToMarkdown(diff);
    expect(md).toContain('Verdict changed: [FAIL] → [WARN]');
    expect(md).toContain('`headers.content-type`: [FAIL] → [PASS]');
  });

  it('reports checks only in one report (an older tool version), and no change for equal reports', () => {
    const older = { ...good, checks: good.checks.filter((c) => c.id !== 'consistency.replicas') };
    const diff = compareReports(older, good);
    expect(diff.added).toEqual([{ id: 'consistency.replicas', status: 'pass' }]);
    expect(compareReports(good, older).removed).toEqual([{ id: 'consistency.replicas', status: 'pass' }]);
    const same = compareReports(good, good);
    expect(same).toMatchObject({ verdictChanged: false, changed: [], added: [], removed: [] });
    expect(diffToMarkdown(same)).toContain('No check changed.');
  });
});

describe('the check catalogue and its documentation', () => {
  it('has unique dotted ids, each with a title, meaning, hint and https source', () => {
    expect(new Set(CHECK_IDS).size).toBe(CHECK_IDS.length);
    for (const d of CHECK_CATALOGUE) {
      expect(d.id).toMatch(new RegExp(`^${d.area}\\.[a-z0-9-]+$`));
      expect(d.title && d.meaning && d.hint).toBeTruthy();
      expect(d.source.url).toMatch(/^https:\/\//);
    }
  });

  it('docs/jwks-report-schema.md documents every top-level field, status and area', async () => {
    const doc = await readFile(path.join(root, 'docs/jwks-report-schema.md'), 'utf8');
    for (const field of Object.keys(jwksCheckReportSchema.shape)) expect(doc).toContain(`\`${field}\``);
    for (const status of ['pass', 'warn', 'fail', 'skip']) expect(doc).toContain(`\`${status}\``);
    for (const area of new Set(CHECK_CATALOGUE.map((d) => d.area))) expect(doc).toContain(`\`${area}\``);
  });
});
