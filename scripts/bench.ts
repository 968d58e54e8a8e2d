/**
 * `npm run bench`: the cost of a full jwks_uri check against one bare fetch of the same URL,
 * on a local HTTPS server with injected latency. Prints ratios; never fails on timing.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runJwksCheck } from '../core/jwks-check';
import { createFetcher } from '../core/net';
import { json, startHttpsServer, type Handler } from '../test/support/hostile-server';
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
    await fetcher.fetch(url);
    fetcher.close();
  });
  const full = await time(async () => {
    const fetcher = createFetcher({ extraCaPem: [pki.caCertPem] });
    await runJwksCheck({ url, fetcher, clock: { now: () => new Date() } });
    fetcher.close();
  });
  // The installed CLI runs a bundle; a checkout runs the sources through tsx. Time both.
  const bundleDir = path.join(dir, 'cli');
  await promisify(execFile)(process.execPath, [path.resolve(import.meta.dirname, 'build-cli.mjs'), bundleDir]);
  const entries = { bundled: path.join(bundleDir, 'oidc-onboard.js'), 'checkout (tsx)': path.resolve(import.meta.dirname, '../bin/oidc-onboard.js') };
  // Asynchronous: the server lives in this process and must keep answering while the CLI runs.
  const run = promisify(execFile);
  const spawnTime = (entry: string, args: string[]) => time(() => run(process.execPath, [entry, ...args]).catch((error: unknown) => error));

  console.log(`jwks_uri check benchmark — ${LATENCY_MS} ms injected latency, median of ${RUNS} runs`);
  console.log(`  ${'one bare fetch (new connection)'.padEnd(40)} ${bare.toFixed(1).padStart(8)} ms`);
  console.log(`  ${'full check, in process'.padEnd(40)} ${full.toFixed(1).padStart(8)} ms   ${(full / bare).toFixed(2)}× a bare fetch (target ≤ 1.5×)`);
  for (const [name, entry] of Object.entries(entries)) {
    const start = await spawnTime(entry, ['--version']);
    const cli = await spawnTime(entry, ['check-jwks', url, '--ca', caFile, '--json']);
    console.log(`  ${`CLI ${name}: process start (--version)`.padEnd(40)} ${start.toFixed(1).padStart(8)} ms`);
    console.log(`  ${`CLI ${name}: check-jwks`.padEnd(40)} ${cli.toFixed(1).padStart(8)} ms   ${((cli - start) / bare).toFixed(2)}× a bare fetch beyond start (target ≤ 1.5×)`);
  }
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
