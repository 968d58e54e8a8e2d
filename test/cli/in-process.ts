/** Runs `oidc-onboard` in this process through `runCli`, capturing its output (no child process). */
import { runCli } from '../../cli/main';

/** Output and exit code of one in-process CLI run. */
export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

/** Runs the CLI with `args` and extra environment; stdin is `stdin` (default empty). */
export async function runInProcess(args: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<InProcessRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    out: (text) => (stdout += text),
    err: (text) => (stderr += text),
    readStdin: async () => options.stdin ?? '',
    env: { ...process.env, ...options.env },
  });
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}
