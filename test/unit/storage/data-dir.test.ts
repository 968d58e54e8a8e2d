// The CLI's default data folder is the desktop app's user-data folder on each OS.
import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from '../../../core/storage/data-dir';

describe('data folder', () => {
  it.each<[NodeJS.Platform, NodeJS.ProcessEnv, string]>([
    ['linux', {}, '/home/ann/.config/OIDC Onboard'],
    ['linux', { XDG_CONFIG_HOME: '/xdg' }, '/xdg/OIDC Onboard'],
    ['darwin', {}, '/home/ann/Library/Application Support/OIDC Onboard'],
    ['win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann\\AppData\\Roaming\\OIDC Onboard'],
  ])('on %s with %j is %s', (platform, env, expected) => {
    expect(defaultDataDir(env, platform, '/home/ann')).toBe(expected);
  });

  it('prefers the flag, then OIDC_ONBOARD_DATA_DIR, then the default', () => {
    expect(resolveDataDir('/flag', { OIDC_ONBOARD_DATA_DIR: '/env' })).toBe('/flag');
    expect(resolveDataDir(undefined, { OIDC_ONBOARD_DATA_DIR: '/env' })).toBe('/env');
    expect(resolveDataDir(undefined, { OIDC_ONBOARD_DATA_DIR: '', XDG_CONFIG_HOME: '/xdg' })).toBe(process.platform === 'linux' ? '/xdg/OIDC Onboard' : resolveDataDir(undefined, {}));
  });
});
