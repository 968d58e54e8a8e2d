/**
 * What every CLI command gets: where to write, whether to print JSON, the data folder, and
 * lazily built services (so `--version` and `--help` stay fast and need no keychain).
 */
import path from 'node:path';
import { AppError, errorKind, isAppError, type ErrorCode } from '../contract/errors';

/** Exit codes (ARCHITECTURE §8). */
export const EXIT = { ok: 0, invalid: 1, usage: 2, environment: 3 } as const;

/** Streams and flags shared by every command. */
export interface CliContext {
  json: boolean;
  dataDir: string;
  out(text: string): void;
  err(text: string): void;
  /** Reads all of stdin (secrets and passphrases come from here, never argv). */
  readStdin(): Promise<string>;
  /** The environment of this run; commands read it here, never from `process.env`. */
  env: NodeJS.ProcessEnv;
  /** The folder relative paths in arguments are resolved against (the user's folder, also under `npm run`). */
  cwd: string;
  /**
   * Asks for a secret without echo; present only when stdin is a terminal (otherwise secrets
   * come from stdin). Prompts go to stderr, so stdout stays the result alone.
   */
  promptSecret?: (message: string) => Promise<string>;
  /** Colour the human output (a terminal, NO_COLOR unset); never for --json. */
  colour?: boolean;
}

/** `file` (as typed by the user) as an absolute path, relative to the run's working folder. */
export function resolvePath(context: Pick<CliContext, 'cwd'>, file: string): string {
  return path.resolve(context.cwd, file);
}

/** Exit code for an error, by who is at fault. */
export function exitCodeFor(code: ErrorCode): number {
  switch (errorKind(code)) {
    case 'usage':
      return EXIT.usage;
    case 'environment':
      return EXIT.environment;
    case 'invalid':
    case 'internal':
      return EXIT.invalid;
  }
}

/** What to do about an untrusted chain from the CLI (a Node flag is never the answer: it would trust more than the check or request at hand). */
export const TLS_CA_ADVICE = 'If the server uses a private, test or corporate CA, give its certificate with --ca <file.pem>.';

/** Prints an error the CLI way: JSON on stdout with --json, readable text on stderr otherwise. */
export function reportError(context: CliContext, error: unknown): number {
  const appError = isAppError(error) ? error : new AppError('INTERNAL', error instanceof Error ? error.message : String(error));
  if (context.json) context.out(JSON.stringify({ error: appError.toPayload() }, null, 2) + '\n');
  // TLS trust is fixed with --ca here (the fetcher already dropped Node's own runtime advice).
  const message = appError.code === 'NETWORK_TLS' ? `${appError.message}\n${TLS_CA_ADVICE}` : appError.message;
  context.err(`oidc-onboard: ${message}${appError.code === 'INTERNAL' ? '' : ` [${appError.code}]`}\n`);
  return exitCodeFor(appError.code);
}

/** A usage error with the command's usage line. */
export function usageError(message: string, usage?: string): AppError {
  return new AppError('USAGE', usage ? `${message}\nUsage: ${usage}` : message);
}

/** Prints `value` as JSON (with --json) or runs `human` to print text. */
export function print(context: CliContext, value: unknown, human: () => string): void {
  context.out(context.json ? JSON.stringify(value, null, 2) + '\n' : human());
}
