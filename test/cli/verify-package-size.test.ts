// `verify-package` on an untrusted 600 MB file that is not a zip: refused from its size before a
// byte is read, in a real CLI process whose peak memory stays under 150 MB (it used to read the
// whole file first: 1.3 GB). The file is sparse, so the test costs no disk.
import { spawn } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MiB = 1024 * 1024;
const wrapper = path.resolve(import.meta.dirname, '../support/peak-rss.mjs');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'oidc-cli-size-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the real CLI under the peak-RSS wrapper. */
function runMeasured(args: string[]): Promise<{ code: number; stdout: string; stderr: string; peakMiB: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wrapper, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const kib = /peak-rss-kib=(\d+)/.exec(stderr);
      if (!kib) return reject(new Error(`no peak RSS reported: ${stderr}`));
      resolve({ code: code ?? -1, stdout, stderr, peakMiB: Number(kib[1]) / 1024 });
    });
  });
}

describe('verify-package size cap', () => {
  it('refuses a 600 MB non-zip from its size (exit 2) with peak RSS under 150 MB', async () => {
    const file = path.join(dir, 'huge.zip');
    const handle = await open(file, 'w');
    await handle.truncate(600 * MiB);
    await handle.close();
    const run = await runMeasured(['verify-package', file, '--offline', '--json']);
    expect(run.code, run.stderr).toBe(2);
    const { error } = JSON.parse(run.stdout) as { error: { code: string; details: { reason: string; bytes: number; maxBytes: number } } };
    expect(error).toMatchObject({ code: 'INPUT_UNREADABLE', details: { reason: 'too-large', bytes: 600 * MiB, maxBytes: 20 * MiB } });
    expect(run.peakMiB).toBeLessThan(150);
  }, 60_000);
});
