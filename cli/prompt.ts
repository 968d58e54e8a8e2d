/**
 * The hidden prompt on a terminal, with @inquirer/password: nothing is echoed (the terminal is in
 * raw mode while it reads), the prompt is written to stderr so stdout stays the command's result,
 * and Ctrl-C cancels. Loaded only when a secret is asked for, so start-up does not pay for it.
 */
import { AppError } from '../contract/errors';

/** Asks for a secret on `input` (a terminal), prompting on `output`. */
export async function promptHidden(message: string, input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<string> {
  const { default: password } = await import('@inquirer/password');
  try {
    return await password({ message, mask: false, toggleMask: false } as Parameters<typeof password>[0], { input, output, clearPromptOnDone: false });
  } catch (error) {
    if ((error as Error).name === 'ExitPromptError' || (error as Error).name === 'AbortPromptError') throw new AppError('CANCELLED', 'Cancelled at the prompt; nothing was changed.');
    throw error;
  }
}
