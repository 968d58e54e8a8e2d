/**
 * `npm run bench`: the cost of a full jwks_uri check against one bare fetch of the same URL,
 * on a local HTTPS server with injected latency; then the figures tests no longer assert (tests
 * never pass or fail on elapsed time): how long the event loop stalls during an RSA-4096
 * generation, how close the fetcher ends at its deadline, how long the parsers take on huge
 * inputs, and the peak memory of `verify-package` refusing a 600 MB file. Prints; never fails.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { open } from 'node:fs/promises';
import { generateKeyObjects } from '../core/keys/generate';
import { classifyRedirectUri } from '../core/registration/redirect-uri';
import { validateJwks } from '../core/jwks-check/validate-jwks';
import { runJwksCheck } from '../core/jwks-check';
import { createFetcher } from '../core/net';
import { json, neverAnswer, startHttpsServer, type Handler } from '../test/support/hostile-server';
import { rsaKey } from '../test/support/jwks-servers';
import { getTestPki, LOCAL_HOSTS } from '../test/support/test-pki';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 150);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function time(work: () => Promise<unknown> | unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const pki = await getTestPki();
const leaf = await pki.issueLeaf({ hosts: LOCAL_HOSTS });
const body = json({ keys: [rsaKey(2048, 'bench-1').publicJwk, rsaKey(2048, 'bench-2').publicJwk] }, { 'cache-control': 'public, max-age=300' });
// Latency before the response, as a distant server would add it.
const slow: Handler = (req, res, ctx) => void setTimeout(() => body(req, res, ctx), LATENCY_MS);
const server = await startHttpsServer({ cert: leaf.chainPem, key: leaf.keyPem, handler: slow });
const url = server.url('/.well-known/jwks.json');
const dir = await mkdtemp(path.join(os.tmpdir(), 'oidc-bench-'));
const caFile = path.join(dir, 'ca.pem');
await writeFile(caFile, pki.caCertPem);

try {
  const bare = await time(async () => {
    const fetcher = createFetcher({ extraCaPem: [pki.caCertPem] });
    await fetcher.fetch(url, { source: 'typed' });
    fetcher.close();
  });
  const full = await time(async () => {
    const fetcher = createFetcher({ extraCaPem: [pki.caCertPem] });
    await runJwksCheck({ url, fetcher, source: 'typed', clock: { now: () => new Date() } });
    fetcher.close();
  });
  // The installed CLI runs a bundle; a checkout runs the sources through tsx. Time both.
  const bundleDir = path.join(dir, 'cli');
  await promisify(execFile)(process.execPath, [path.resolve(import.meta.dirname, 'build-cli.mjs'), bundleDir]);
  const entries = { bundled: path.join(bundleDir, 'oidc-onboard.js'), 'checkout (tsx)': path.resolve(import.meta.dirname, '../bin/oidc-onboard.js') };
  // Asynchronous: the server lives in this process and must keep answering while the CLI runs.
  const run = promisify(execFile);
  const spawned = (file: string, args: string[]) => () => run(file, args).catch((error: unknown) => error);
  const curlAvailable = await run('curl', ['--version']).then(() => true, () => false);
  // What Node itself costs for one GET in a fresh process (start, TLS, the same roots): the floor any Node CLI stands on.
  const nodeGet = `const t=require('node:tls'),h=require('node:https'),f=require('node:fs');h.get(process.argv[1],{ca:[...t.rootCertificates,f.readFileSync(process.argv[2],'utf8')]},r=>r.resume().on('end',()=>{})).on('error',()=>process.exit(1))`;
  // Every process is timed in rounds, one of each per round, so a change in machine load
  // falls on all of them alike rather than on whichever ran last.
  const processes: Record<string, () => Promise<unknown>> = {
    // One bare curl of the same URL (its own process start included, a few ms): what the issue compares with.
    ...(curlAvailable && { curl: spawned('curl', ['-s', '-o', '/dev/null', '--cacert', caFile, url]) }),
    'node start': spawned(process.execPath, ['-e', '0']),
    node: spawned(process.execPath, ['-e', nodeGet, url, caFile]),
    ...Object.fromEntries(
      Object.entries(entries).flatMap(([name, entry]) => [
        [`${name} start`, spawned(process.execPath, [entry, '--version'])],
        [`${name} check`, spawned(process.execPath, [entry, 'check-jwks', url, '--ca', caFile, '--json'])],
      ]),
    ),
  };
  const samples = new Map<string, number[]>(Object.keys(processes).map((name) => [name, []]));
  for (let i = 0; i < RUNS; i += 1) {
    for (const [name, work] of Object.entries(processes)) {
      const start = performance.now();
      await work();
      samples.get(name)!.push(performance.now() - start);
    }
  }
  const spawnMedian = (name: string) => median(samples.get(name)!);

  console.log(`jwks_uri check benchmark — ${LATENCY_MS} ms injected latency, median of ${RUNS} runs`);
  console.log(`  ${'one bare fetch (new connection)'.padEnd(40)} ${bare.toFixed(1).padStart(8)} ms`);
  const curl = curlAvailable ? spawnMedian('curl') : undefined;
  if (curl !== undefined) console.log(`  ${'one bare curl (process included)'.padEnd(40)} ${curl.toFixed(1).padStart(8)} ms`);
  const nodeBeyondStart = spawnMedian('node') - spawnMedian('node start');
  console.log(`  ${'node: one https GET (process included)'.padEnd(40)} ${spawnMedian('node').toFixed(1).padStart(8)} ms   ${curl !== undefined ? `${(nodeBeyondStart / curl).toFixed(2)}× one curl beyond \`node -e 0\` (the runtime's own floor)` : ''}`);
  console.log(`  ${'full check, in process'.padEnd(40)} ${full.toFixed(1).padStart(8)} ms   ${(full / bare).toFixed(2)}× a bare fetch (target ≤ 1.5×)`);
  for (const name of Object.keys(entries)) {
    const start = spawnMedian(`${name} start`);
    const cli = spawnMedian(`${name} check`);
    console.log(`  ${`CLI ${name}: process start (--version)`.padEnd(40)} ${start.toFixed(1).padStart(8)} ms`);
    console.log(`  ${`CLI ${name}: check-jwks`.padEnd(40)} ${cli.toFixed(1).padStart(8)} ms   ${((cli - start) / bare).toFixed(2)}× a bare fetch beyond start (target ≤ 1.5×)`);
    if (curl !== undefined) console.log(`  ${''.padEnd(40)} ${''.padStart(8)}      ${((cli - start) / curl).toFixed(2)}× one curl beyond start (installed bundle: target ≤ 1.3×, goal 1.2×)`);
  }

  // Figures the test suite used to assert on elapsed time.
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(52)} ${value}`);
  console.log('\nFigures (informational)');

  let last = performance.now();
  let maxGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
  }, 20);
  const genStart = performance.now();
  await generateKeyObjects({ kty: 'RSA', size: 4096 });
  const genMs = performance.now() - genStart;
  clearInterval(ticker);
  line('RSA-4096 generation', `${genMs.toFixed(0)} ms; longest event-loop gap ${maxGap.toFixed(0)} ms (20 ms ticks)`);

  const silent = await startHttpsServer({ cert: leaf.chainPem, key: leaf.keyPem, handler: neverAnswer });
  try {
    const fetcher = createFetcher({ extraCaPem: [pki.caCertPem] });
    const overshoot = (await time(() => fetcher.fetch(silent.url('/'), { timeoutMs: 500, source: 'typed' }).catch(() => undefined))) - 500;
    fetcher.close();
    line('fetch of a silent server, 500 ms deadline', `ended ${overshoot.toFixed(0)} ms after the deadline (median)`);
  } finally {
    await silent.close();
  }

  const longUris = [`https://a.org/${'a'.repeat(1_000_000)}`, 'h'.repeat(1_000_000), `https://${'a.'.repeat(200_000)}org/`];
  line('classifyRedirectUri on three ~1 MB strings', `${(await time(() => longUris.forEach((uri) => classifyRedirectUri(uri)))).toFixed(1)} ms`);
  const rsa = rsaKey(2048, 'bench-many').publicJwk;
  const many = { keys: Array.from({ length: 10_000 }, (_, i) => ({ ...rsa, kid: `k${i}` })) };
  line('validateJwks on 10,000 keys', `${(await time(() => validateJwks(many, { profileAlg: 'RS256' }))).toFixed(0)} ms`);

  const huge = path.join(dir, 'huge.zip');
  const handle = await open(huge, 'w');
  await handle.truncate(600 * 1024 * 1024);
  await handle.close();
  const wrapper = path.resolve(import.meta.dirname, '../test/support/peak-rss.mjs');
  const measured = await run(process.execPath, [wrapper, 'verify-package', huge, '--offline']).catch((error: { stderr?: string }) => error);
  const kib = /peak-rss-kib=(\d+)/.exec(String((measured as { stderr?: string }).stderr ?? ''));
  line('verify-package refusing a 600 MB file: peak RSS', kib ? `${(Number(kib[1]) / 1024).toFixed(0)} MiB` : 'not reported');
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
