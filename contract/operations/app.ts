/** Operations about the app itself: version, platform, data folder, keychain health. */
import { z } from 'zod';
import { defineOperation } from '../ipc';

/** What the OS keychain looks like from here. */
export const keychainStatusSchema = z.object({
  /** True when a probe item could be stored, read back and deleted. */
  available: z.boolean(),
  /** Human name, e.g. "Secret Service (GNOME Keyring)". */
  backend: z.string(),
  /** Why it is unavailable, and what to do. */
  guidance: z.string().optional(),
});

/** Facts about the running app shown on About & Diagnostics. */
export const appInfoSchema = z.object({
  productName: z.string(),
  version: z.string(),
  platform: z.string(),
  arch: z.string(),
  runtime: z.object({ node: z.string(), electron: z.string().optional(), chrome: z.string().optional() }),
  dataDir: z.string(),
  keychain: keychainStatusSchema,
});

/** `app:info` — version, platform, data folder and keychain availability. */
export const appInfo = defineOperation({
  channel: 'app:info',
  summary: 'Version, platform, data folder and OS keychain availability.',
  request: z.object({}).strict(),
  response: appInfoSchema,
});

/** `app:open-external` — opens an allow-listed https link (rule sources, provider docs) in the system browser. */
export const openExternal = defineOperation({
  channel: 'app:open-external',
  summary: 'Open an allow-listed https link in the system browser.',
  request: z.object({ url: z.string().max(2048) }).strict(),
  response: z.object({ opened: z.boolean() }),
});
