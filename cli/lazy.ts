/** Loads the services module on first use, so `--help`, `--version` and usage errors stay fast. */
import type { AppServices } from '../core/app/services';
import type { CliContext } from './context';

/** The services for this run's data folder. */
export async function loadServices(context: CliContext): Promise<AppServices> {
  const { openServices } = await import('./services');
  return openServices(context);
}
