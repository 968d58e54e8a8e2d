/**
 * Where the data lives: the desktop app's user-data folder on each OS, so that the app and
 * the CLI see the same registrations. Mirrors Electron's `app.getPath('userData')`, which is
 * `<appData>/<productName>`.
 */
import os from 'node:os';
import path from 'node:path';

/** The product name Electron uses for the user-data folder. */
export const PRODUCT_NAME = 'OIDC Onboard';

/** The default data folder for this user and platform. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  switch (platform) {
    case 'win32':
      return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return path.posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
    default:
      return path.posix.join(env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : path.posix.join(home, '.config'), PRODUCT_NAME);
  }
}

/** The data folder chosen by flag, then `OIDC_ONBOARD_DATA_DIR`, then the default; a relative one is taken from `cwd`. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const chosen = flag ?? (env.OIDC_ONBOARD_DATA_DIR && env.OIDC_ONBOARD_DATA_DIR !== '' ? env.OIDC_ONBOARD_DATA_DIR : undefined);
  return path.resolve(cwd, chosen ?? defaultDataDir(env));
}
