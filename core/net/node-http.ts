/**
 * node:http and node:https without their ES-module facade. Importing them as ES modules
 * evaluates every export, including the lazy getters that load Node's bundled undici — about
 * 50 ms of CLI start-up for code we never use. The CommonJS module objects keep them lazy.
 */
import type * as HttpModule from 'node:http';
import type * as HttpsModule from 'node:https';

/** `node:http`. */
export const http = process.getBuiltinModule('node:http') as typeof HttpModule;
/** `node:https`. */
export const https = process.getBuiltinModule('node:https') as typeof HttpsModule;
