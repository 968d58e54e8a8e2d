/**
 * The `app://oidc-onboard/` scheme the UI is served from (never `file://`, checklist item 18).
 * Which file a request may read is decided by the pure {@link resolveAppPath}.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, contentTypeFor, resolveAppPath } from './app-path';

/**
 * Declares the scheme standard (so relative URLs and origins work) and secure (so the page is a
 * secure context). Must run before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer in `rootDir` on the scheme. Call once the app is ready. */
export function serveAppScheme(rootDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
    const filePath = resolveAppPath(rootDir, request.url);
    if (filePath === null) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    try {
      const body = await readFile(filePath);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: {
          'content-type': contentTypeFor(filePath),
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
