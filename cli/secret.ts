/**
 * Secrets and passphrases: asked for without echo when stdin is a terminal, read from stdin
 * when it is piped, never taken from arguments (they would sit in shell history and `ps`).
 */
import { AppError } from '../contract/errors';
import type { CliContext } from './context';

/** How a secret is read. */
export interface SecretRequest {
  /** What is asked for, e.g. "Passphrase for the exported key". */
  prompt: string;
  /** Stdin: the first line only (passphrases) or all of it without trailing line breaks (client secrets). */
  stdin: 'first-line' | 'all';
  /** On a terminal, ask twice and refuse when they differ (a passphrase that protects a new file). */
  confirm?: boolean;
}

/** stdin without its trailing line break(s): `echo secret |` and here-strings add one. */
function stripTrailingNewlines(text: string): string {
  return text.replace(/[\r\n]+$/, '');
}

/** The secret, or `undefined` when none was given (empty stdin, or Enter alone at the prompt). */
export async function readSecret(context: CliContext, request: SecretRequest): Promise<string | undefined> {
  if (context.promptSecret) {
    const first = await context.promptSecret(`${request.prompt}:`);
    if (first === '') return undefined;
    if (request.confirm && (await context.promptSecret(`${request.prompt} (again):`)) !== first) {
      throw new AppError('USAGE', 'The two entries differ; nothing was written.');
    }
    return first;
  }
  const text = await context.readStdin();
  const secret = request.stdin === 'first-line' ? (text.split(/\r?\n/)[0] ?? '') : stripTrailingNewlines(text);
  return secret === '' ? undefined : secret;
}

/** How to give a secret when none came: the terminal prompt, or a pipe that keeps it out of files and history. */
export function secretHint(context: CliContext): string {
  return context.promptSecret
    ? 'Type it at the prompt (nothing is shown while you type).'
    : 'Give it on stdin, e.g. `read -rs S && printf %s "$S" | oidc-onboard …` (not from a file you keep), or run the command in a terminal to be asked for it.';
}
