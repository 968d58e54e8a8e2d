/**
 * Pure helpers behind the `app://` protocol (no Electron import, so Vitest can load them).
 * The renderer is served from a custom scheme rather than `file://` (security checklist item 18);
 * this module decides which file, if any, a request URL may read.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';

/** The custom scheme the UI is served from. */
export const APP_SCHEME = 'app';
/** The one host the scheme answers for. */
export const APP_HOST = 'oidc-onboard';
/** Scheme + host of the UI, as the sender gate and navigation lock compare it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The Content-Type to serve a file with; unknown extensions are opaque bytes (never sniffed). */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

// Percent-encoded separators, dots and NUL are refused before decoding: once decoded they could
// turn a single segment into a path walk that the URL parser never saw.
const ENCODED_DANGER = /%(?:2f|5c|00|2e)/i;

/**
 * Maps an `app://oidc-onboard/...` request URL to a real file inside `rootDir`, or `null` when
 * the request must be refused (wrong scheme or host, traversal, encoded separators, NUL,
 * absolute or drive paths, a symlink leading outside the root, a directory, a missing file).
 * `/` serves `index.html`.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  if (requestUrl.includes('\\') || requestUrl.includes('\0')) return null;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  // Chromium lowercases the host of a standard scheme; Node's parser keeps an opaque host's case.
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST || url.username !== '' || url.password !== '') return null;

  // Check the raw path too: the URL parser resolves `..` and `%2e%2e` silently, which would hide
  // an attempt we would rather refuse outright than reinterpret.
  const rawPath = rawPathOf(requestUrl);
  if (rawPath === null || ENCODED_DANGER.test(rawPath)) return null;
  if (rawPath.split('/').some((segment) => segment === '..' || segment === '.')) return null;

  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..' || segment.includes(':'))) return null;
  if (segments.length === 0) segments.push('index.html');

  let realRoot: string;
  try {
    realRoot = realpathSync(rootDir);
  } catch {
    return null;
  }
  const candidate = path.resolve(realRoot, ...segments);
  if (!isInside(realRoot, candidate)) return null;
  let realFile: string;
  try {
    realFile = realpathSync(candidate);
    if (!statSync(realFile).isFile()) return null;
  } catch {
    return null;
  }
  // A symlink inside the build folder must not lead outside it.
  return isInside(realRoot, realFile) ? realFile : null;
}

/** The path part of a URL exactly as written (before any normalisation), or null. */
function rawPathOf(requestUrl: string): string | null {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(\/[^?#]*)?/i.exec(requestUrl);
  if (!match) return null;
  return match[1] ?? '/';
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/**
 * True when `url` has the scheme and host of one of `allowedOrigins` (compared parsed, never
 * with `startsWith`). Used by the navigation lock.
 */
export function isSameOrigin(url: string, allowedOrigins: readonly string[]): boolean {
  const target = schemeHost(url);
  if (target === undefined) return false;
  return allowedOrigins.some((origin) => schemeHost(origin) === target);
}

function schemeHost(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    if (parsed.username !== '' || parsed.password !== '') return undefined;
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}
