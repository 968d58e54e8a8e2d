#!/usr/bin/env node
/**
 * Electronegativity as a gate. The tool itself always exits 0, so this script runs it through its
 * JS API over a staging copy of `electron/` and `renderer/` (plus package.json for the Electron
 * version; test fixtures are never copied in), writes SARIF to test-artefacts/electronegativity.sarif,
 * and exits 1 when any finding is not in security/electronegativity-allowlist.json — each entry of
 * which must say why it is acceptable.
 *
 * Offline by construction: the tool fetches translations and Electron's release list at start-up;
 * its HTTP client is replaced by one that refuses at once, and the release-list check is excluded.
 *
 *   node scripts/electronegativity-gate.mjs               gate the app
 *   node scripts/electronegativity-gate.mjs --self-test   prove the gate fails a bad window
 *   options: --scan <dir> (repeatable, replaces the default dirs), --allowlist <file>, --sarif <file>, --verbose
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_SCAN = ['electron', 'renderer'];
const SELF_TEST_SCAN = ['test/fixtures/electronegativity'];
// Rules the self-test requires the fixture's window (nodeIntegration on, isolation, sandbox and web security off) to trip.
const SELF_TEST_EXPECTED = ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK'];

function parseArgs(argv) {
  const options = { scan: [], allowlist: 'security/electronegativity-allowlist.json', sarif: undefined, selfTest: false, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) usage(`${arg} needs a value`);
      return next;
    };
    if (arg === '--scan') options.scan.push(value());
    else if (arg === '--allowlist') options.allowlist = value();
    else if (arg === '--sarif') options.sarif = value();
    else if (arg === '--self-test') options.selfTest = true;
    else if (arg === '--verbose') options.verbose = true;
    else usage(`unknown argument ${arg}`);
  }
  if (options.scan.length === 0) options.scan = options.selfTest ? SELF_TEST_SCAN : DEFAULT_SCAN;
  options.sarif ??= options.selfTest ? 'test-artefacts/electronegativity-self-test.sarif' : 'test-artefacts/electronegativity.sarif';
  return options;
}

function usage(message) {
  console.error(`electronegativity-gate: ${message}`);
  process.exit(2);
}

/** Reads and checks the allow-list: an array of { ruleId, file?, reason } with a real reason. */
export function loadAllowlist(file) {
  const entries = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(entries)) throw new Error(`${file}: expected an array`);
  entries.forEach((entry, index) => {
    const where = `${file}[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw new Error(`${where}: expected an object`);
    if (typeof entry.ruleId !== 'string' || !/^[A-Z0-9_]+$/.test(entry.ruleId)) throw new Error(`${where}: ruleId must be an Electronegativity check id`);
    if (entry.file !== undefined && typeof entry.file !== 'string') throw new Error(`${where}: file must be a string`);
    if (typeof entry.reason !== 'string' || entry.reason.trim().length < 20) throw new Error(`${where}: every allowed finding needs a written reason (20+ characters)`);
  });
  return entries;
}

/** Finds the allow-list entry covering a finding, if any. Paths compare with forward slashes. */
export function allowedBy(allowlist, finding) {
  return allowlist.find((entry) => entry.ruleId === finding.ruleId && (entry.file === undefined || entry.file === finding.file));
}

/** Copies the folders to scan into a fresh directory, so nothing else (fixtures, builds) is scanned. */
function stage(dirs) {
  const staging = mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
  for (const dir of dirs) {
    const from = path.resolve(root, dir);
    if (!existsSync(from)) {
      console.warn(`electronegativity-gate: ${dir} does not exist; skipped`);
      continue;
    }
    // An absolute folder (a test's mutated copy of electron/) is staged under its own name.
    const name = path.isAbsolute(dir) ? path.basename(dir) : dir;
    cpSync(from, path.join(staging, name), { recursive: true, filter: (src) => !src.split(path.sep).includes('node_modules') });
  }
  // The Electron version comes from package.json; without it the version checks have nothing to read.
  cpSync(path.join(root, 'package.json'), path.join(staging, 'package.json'));
  return staging;
}

/** Loads Electronegativity's runner with its HTTP client replaced, so it never reaches the network. */
function loadRunner() {
  const require = createRequire(import.meta.url);
  const runnerPath = require.resolve('@doyensec/electronegativity');
  const engRequire = createRequire(runnerPath);
  const gotPath = engRequire.resolve('got');
  const refuse = () => Promise.reject(new Error('network disabled by electronegativity-gate'));
  const offlineGot = Object.assign(refuse, { head: refuse, get: refuse, extend: () => offlineGot });
  require.cache[gotPath] = { id: gotPath, filename: gotPath, path: path.dirname(gotPath), loaded: true, exports: offlineGot, children: [], paths: [] };
  const mod = require(runnerPath);
  return mod.default ?? mod;
}

/** Runs the scan; returns the findings as { ruleId, file, line, column, severity, description }. */
async function scan(dirs, sarifFile, verbose) {
  const staging = stage(dirs);
  const run = loadRunner();
  const log = console.log;
  const captured = [];
  // The tool prints progress and "no connectivity" chatter; keep it unless asked for.
  console.log = (...args) => captured.push(args.join(' '));
  let result;
  try {
    mkdirSync(path.dirname(path.resolve(root, sarifFile)), { recursive: true });
    result = await run({
      input: staging,
      output: path.resolve(root, sarifFile),
      isSarif: true,
      isRelative: true,
      customScan: [],
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    });
  } finally {
    console.log = log;
    rmSync(staging, { recursive: true, force: true });
  }
  if (verbose) for (const line of captured) console.log(`  [electronegativity] ${line}`);
  const findings = result.issues.map((issue) => ({
    ruleId: issue.id,
    file: issue.file.split(path.sep).join('/'),
    line: issue.location?.line ?? 0,
    column: issue.location?.column ?? 0,
    severity: issue.severity?.name ?? 'UNKNOWN',
    manualReview: Boolean(issue.manualReview),
    description: issue.description ?? '',
  }));
  // A file the tool could not parse is a file nobody checked.
  for (const error of result.errors.filter((e) => !e.tolerable)) {
    findings.push({ ruleId: 'PARSE_ERROR', file: path.relative(staging, error.file).split(path.sep).join('/'), line: 0, column: 0, severity: 'HIGH', manualReview: false, description: error.message });
  }
  return findings;
}

function judge(findings, allowlist) {
  const failing = [];
  const allowed = [];
  for (const finding of findings) {
    const entry = allowedBy(allowlist, finding);
    if (entry) allowed.push({ finding, entry });
    else failing.push(finding);
  }
  const unused = allowlist.filter((entry) => !allowed.some((a) => a.entry === entry));
  return { failing, allowed, unused };
}

function describe(finding) {
  const place = finding.file === 'N/A' ? '(global)' : `${finding.file}:${finding.line}:${finding.column}`;
  return `${finding.ruleId} ${finding.severity}${finding.manualReview ? ' review' : ''} ${place}${finding.description ? ` — ${finding.description}` : ''}`;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  let allowlist;
  try {
    allowlist = loadAllowlist(path.resolve(root, options.allowlist));
  } catch (error) {
    usage(`allow-list: ${error.message}`);
  }
  const findings = await scan(options.scan, options.sarif, options.verbose);
  const { failing, allowed, unused } = judge(findings, allowlist);

  for (const finding of failing) console.log(`FAIL ${describe(finding)}`);
  if (options.verbose) for (const { finding, entry } of allowed) console.log(`allowed ${describe(finding)} — ${entry.reason}`);
  if (!options.selfTest) for (const entry of unused) console.warn(`electronegativity-gate: allow-list entry no longer needed: ${entry.ruleId}${entry.file ? ` ${entry.file}` : ''}`);
  console.log(`SARIF: ${options.sarif}`);
  console.log(`electronegativity: ${findings.length} findings, ${allowed.length} allowed, ${failing.length} failing`);

  if (options.selfTest) {
    const tripped = SELF_TEST_EXPECTED.filter((rule) => failing.some((f) => f.ruleId === rule));
    if (tripped.length === SELF_TEST_EXPECTED.length) {
      console.log(`electronegativity self-test: passed (the gate fails the insecure fixture on ${tripped.join(', ')})`);
      return 0;
    }
    console.log(`electronegativity self-test: FAILED — expected failing ${SELF_TEST_EXPECTED.join(', ')}, got ${failing.map((f) => f.ruleId).join(', ') || 'nothing'}`);
    return 1;
  }
  return failing.length === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(`electronegativity-gate: ${error.stack ?? error}`);
      process.exitCode = 2;
    },
  );
}
