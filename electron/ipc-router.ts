/**
 * The one generic IPC handler, free of Electron so that the UI tests drive the very same code
 * through Playwright bindings. For every call: check the sender, parse the request with the
 * contract's zod schema, run the service, and return a Result envelope. Unknown errors become
 * INTERNAL and are logged without secrets.
 */
import type { z } from 'zod';
import { operations, type Operations } from '../contract/contract';
import { AppError, isAppError } from '../contract/errors';
import type { ParsedRequestOf, ResponseOf } from '../contract/ipc';
import { fail, ok, type Result } from '../contract/result';
import type { Logger } from '../core/ports';
import { redactText } from '../core/redact';
import { schemeAndHost, type SenderInfo } from './trusted-sender';

/** What a handler may do besides returning: emit events to the window that called. */
export interface CallContext {
  emit(channel: string, payload: unknown): void;
  /** Aborted when the caller's window goes away. */
  signal?: AbortSignal;
}

/** One implementation per contract operation; the type makes a missing one a compile error. */
export type Handlers = {
  [K in keyof Operations]: (request: ParsedRequestOf<Operations[K]>, context: CallContext) => Promise<ResponseOf<Operations[K]>>;
};

/** The router's dependencies. */
export interface RouterOptions {
  handlers: Handlers;
  isTrustedSender: (sender: SenderInfo) => boolean;
  logger: Logger;
}

/** A dispatcher for every channel of the contract. */
export interface IpcRouter {
  /** Every channel the router answers, to register with ipcMain. */
  readonly channels: readonly string[];
  /** Handles one call; never throws. */
  dispatch(channel: string, payload: unknown, sender: SenderInfo, context: CallContext): Promise<Result<unknown>>;
}

/** Builds the router over the contract. */
export function createIpcRouter({ handlers, isTrustedSender, logger }: RouterOptions): IpcRouter {
  const byChannel = new Map<string, { name: keyof Operations; request: z.ZodType }>();
  for (const [name, op] of Object.entries(operations) as [keyof Operations, Operations[keyof Operations]][]) {
    byChannel.set(op.channel, { name, request: op.request });
  }

  async function dispatch(channel: string, payload: unknown, sender: SenderInfo, context: CallContext): Promise<Result<unknown>> {
    if (!isTrustedSender(sender)) {
      logger.warn('ipc: refused untrusted sender', { channel, origin: schemeAndHost(sender.frameUrl) ?? '(unparseable)', isMainFrame: sender.isMainFrame });
      return fail({ code: 'IPC_UNTRUSTED_SENDER', message: 'This window is not allowed to call OIDC Onboard.' });
    }
    const entry = byChannel.get(channel);
    if (!entry) return fail({ code: 'IPC_UNKNOWN_OPERATION', message: `Unknown operation ${JSON.stringify(channel).slice(0, 80)}.` });

    const parsed = entry.request.safeParse(payload);
    if (!parsed.success) {
      return fail({
        code: 'IPC_INVALID_INPUT',
        message: 'The request was not valid.',
        details: { issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })) },
      });
    }
    const handler = handlers[entry.name] as (request: unknown, context: CallContext) => Promise<unknown>;
    try {
      return ok(await handler(parsed.data, context));
    } catch (error) {
      if (isAppError(error)) return fail(error.toPayload());
      logger.error('ipc: unexpected failure', {
        channel,
        error: error instanceof Error ? redactText(`${error.name}: ${error.message}`) : 'non-error thrown',
      });
      return fail(new AppError('INTERNAL', 'Something went wrong inside OIDC Onboard. The details are in the log.').toPayload());
    }
  }

  return { channels: [...byChannel.keys()], dispatch };
}

