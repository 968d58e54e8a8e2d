/**
 * Proves the Electronegativity gate gates: it fails an insecure window, fails a regression in our
 * own window.ts, and passes the real tree without scanning the fixtures.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const gate = path.join(root, 'scripts', 'electronegativity-gate.mjs');
const temps: string[] = [];

function runGate(args: string[]) {
  const result = spawnSync(process.execPath, [gate, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, out: `${result.stdout}\n${result.stderr}` };
}

function closingLine(out: string): { findings: number; allowed: number; failing: number } {
  const match = /electronegativity: (\d+) findings, (\d+) allowed, (\d+) failing/.exec(out);
  if (!match) throw new Error(`no closing line in:\n${out}`);
  return { findings: Number(match[1]), allowed: Number(match[2]), failing: Number(match[3]) };
}

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('electronegativity gate', () => {
  it('fails the insecure fixture window (nodeIntegration on, isolation and sandbox off)', () => {
    const sarif = path.join(mkdtempSync(path.join(os.tmpdir(), 'eng-')), 'fixture.sarif');
    temps.push(path.dirname(sarif));
    const { status, out } = runGate(['--scan', 'test/fixtures/electronegativity', '--sarif', sarif]);
    expect(status).toBe(1);
    expect(closingLine(out).failing).toBeGreaterThan(0);
    expect(out).toMatch(/FAIL CONTEXT_ISOLATION_JS_CHECK \w+ test\/fixtures\/electronegativity\/bad-window\.js/);
    expect(out).toMatch(/FAIL SANDBOX_JS_CHECK/);
    const report = JSON.parse(readFileSync(sarif, 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(report.version).toBe('2.1.0');
    expect(report.runs[0]?.results.map((r) => r.ruleId)).toContain('CONTEXT_ISOLATION_JS_CHECK');
  });

  it('--self-test passes because the gate fails the fixture', () => {
    const { status, out } = runGate(['--self-test']);
    expect(out).toContain('electronegativity self-test: passed');
    expect(status).toBe(0);
  });

  it('fails when our own window.ts regresses to sandbox: false', () => {
    const copy = path.join(mkdtempSync(path.join(os.tmpdir(), 'eng-')), 'electron');
    temps.push(path.dirname(copy));
    cpSync(path.join(root, 'electron'), copy, { recursive: true });
    const windowFile = path.join(copy, 'window.ts');
    const source = readFileSync(windowFile, 'utf8');
    expect(source).toContain('sandbox: true,');
    writeFileSync(windowFile, source.replace('sandbox: true,', 'sandbox: false,'));
    const { status, out } = runGate(['--scan', copy, '--scan', 'renderer', '--sarif', path.join(path.dirname(copy), 'mutant.sarif')]);
    expect(out).toMatch(/FAIL SANDBOX_JS_CHECK \w+ electron\/window\.ts/);
    expect(status).toBe(1);
  });

  it('rejects an allow-list entry without a reason', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'eng-'));
    temps.push(dir);
    const allowlist = path.join(dir, 'allow.json');
    writeFileSync(allowlist, JSON.stringify([{ ruleId: 'PRELOAD_JS_CHECK', reason: '' }]));
    const { status, out } = runGate(['--allowlist', allowlist, '--sarif', path.join(dir, 'x.sarif')]);
    expect(status).toBe(2);
    expect(out).toContain('needs a written reason');
  });

  it('passes the app (electron/ + renderer/) with every finding allow-listed, and never scans the fixtures', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'eng-'));
    temps.push(dir);
    const sarif = path.join(dir, 'app.sarif');
    const { status, out } = runGate(['--sarif', sarif]);
    const report = JSON.parse(readFileSync(sarif, 'utf8')) as { runs: { results: { locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[] }[] }[] };
    const files = report.runs[0]?.results.map((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? '') ?? [];
    expect(files.filter((f) => f.includes('fixtures'))).toEqual([]);
    expect(closingLine(out).failing, out).toBe(0);
    expect(status).toBe(0);
  });
});
