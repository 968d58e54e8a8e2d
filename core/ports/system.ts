/** Production implementations of the small ports: system clock, crypto randomness, console logger. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock, Logger, Random } from './index';

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };

/** Randomness from node:crypto. */
export const cryptoRandom: Random = {
  bytes: (length) => new Uint8Array(randomBytes(length)),
  uuid: () => randomUUID(),
};

/** A logger that drops everything (tests, `--json` runs). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** A logger writing one JSON line per entry to a stream (stderr in the CLI, a file in the app). */
export function createStreamLogger(write: (line: string) => void, minLevel: 'debug' | 'info' | 'warn' | 'error' = 'info'): Logger {
  const order = ['debug', 'info', 'warn', 'error'] as const;
  const threshold = order.indexOf(minLevel);
  const emit = (level: (typeof order)[number]) => (message: string, fields?: Record<string, unknown>) => {
    if (order.indexOf(level) < threshold) return;
    write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }) + '\n');
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
