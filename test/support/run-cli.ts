/**
 * Running `oidc-onboard` from tests. `runCli` calls the CLI's own `runCli(argv, io)` in this
 * process — the same code the binary runs after start-up, with stdin decoded by the same reader —
 * so a test costs no process start. `spawnCli` runs the real binary (bin/oidc-onboard.js) in a
 * child process, for what only a process shows: the entry point, exit status, and an environment
 * the keychain library reads itself (e.g. no D-Bus session).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Readable } from 'node:stream';
import { readAll, runCli as runInProcess } from '../../cli/main';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/oidc-onboard.js');

/** Output and exit code of one CLI run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (throws when it is not). */
  json<T = unknown>(): T;
}

/** Options of a run. */
export interface CliOptions {
  /** What stdin holds (bytes to test decoding). */
  stdin?: string | Uint8Array;
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Working folder for relative paths; the repository root by default. */
  cwd?: string;
  /** Only {@link spawnCli} kills a run that overstays; in-process runs end with the test's own timeout. */
  timeoutMs?: number;
}

function result(code: number, stdout: string, stderr: string): CliRun {
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}

/** Runs the CLI in this process with `args`, optional stdin, extra environment and working folder. */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const stdin = options.stdin ?? '';
  const code = await runInProcess(args, {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    readStdin: () => readAll(Readable.from([Buffer.from(stdin)])),
    env: { ...process.env, ...options.env },
    cwd: options.cwd ?? root,
  });
  return result(code, stdout, stderr);
}

/** Spawns the real `oidc-onboard` binary with `args`; same options as {@link runCli}. */
export function spawnCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? root,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(result(code ?? -1, stdout, stderr));
    });
    child.stdin.end(options.stdin ?? '');
  });
}
