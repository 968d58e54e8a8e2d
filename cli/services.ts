/** The CLI's composition root: real services on the chosen data folder, built on first use. */
import { mkdirSync } from 'node:fs';
import { AppError, isAppError } from '../contract/errors';
import { createAppServices, type AppServices } from '../core/app/services';
import { createStreamLogger, cryptoRandom, systemClock } from '../core/ports/system';
import { createOsKeychain } from '../core/storage/os-keychain';
import type { CliContext } from './context';
import { createFetcher } from '../core/net/fetcher';

/** Builds the services for `context.dataDir`, reporting an unusable folder as an environment error. */
export function openServices(context: CliContext): AppServices {
  try {
    mkdirSync(context.dataDir, { recursive: true, mode: 0o700 });
    const services = createAppServices({
      dataDir: context.dataDir,
      // The service name comes from this run's environment (tests and scripts set their own).
      vault: createOsKeychain(context.env.OIDC_ONBOARD_KEYCHAIN_SERVICE ? { service: context.env.OIDC_ONBOARD_KEYCHAIN_SERVICE } : {}),
      clock: systemClock,
      random: cryptoRandom,
      fetcher: createFetcher(),
      logger: createStreamLogger((line) => context.err(line), context.env.OIDC_ONBOARD_LOG_LEVEL === 'debug' ? 'debug' : 'warn'),
    });
    for (const notice of services.store.notices) context.err(`oidc-onboard: ${notice.message}\n`);
    return services;
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError('DATA_DIR_NOT_WRITABLE', `The data folder ${context.dataDir} cannot be used: ${(error as Error).message}`, { cause: error });
  }
}
