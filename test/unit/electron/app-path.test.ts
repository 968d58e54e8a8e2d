import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN, contentTypeFor, isSameOrigin, resolveAppPath } from '../../../electron/app-path';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'app-path-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  writeFileSync(path.join(root, 'assets', 'main-abc.js'), 'export {}');
  writeFileSync(path.join(root, 'assets', 'name with space.css'), 'body{}');
  writeFileSync(path.join(base, 'secret.txt'), 'outside the root');
  mkdirSync(path.join(base, 'renderer-evil'));
  writeFileSync(path.join(base, 'renderer-evil', 'x.js'), 'sibling with a shared prefix');
  // Symlinks inside the root: one escaping it, one staying in.
  symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'escape.txt'));
  symlinkSync(path.join(base), path.join(root, 'up'));
  symlinkSync(path.join(root, 'index.html'), path.join(root, 'alias.html'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveAppPath', () => {
  const served: [string, string][] = [
    ['app://oidc-onboard/', 'index.html'],
    ['app://oidc-onboard', 'index.html'],
    ['app://oidc-onboard/index.html', 'index.html'],
    ['app://oidc-onboard/index.html?x=1#top', 'index.html'],
    ['app://oidc-onboard/assets/main-abc.js', 'assets/main-abc.js'],
    ['app://oidc-onboard/assets/name%20with%20space.css', 'assets/name with space.css'],
    ['app://OIDC-ONBOARD/index.html', 'index.html'],
    ['app://oidc-onboard/alias.html', 'index.html'],
  ];
  it.each(served)('serves %s', (url, relative) => {
    expect(resolveAppPath(root, url)).toBe(path.join(root, relative));
  });

  const refused: [string, string][] = [
    ['dot-dot', 'app://oidc-onboard/../secret.txt'],
    ['dot-dot inside', 'app://oidc-onboard/assets/../../secret.txt'],
    ['encoded dots', 'app://oidc-onboard/%2e%2e/secret.txt'],
    ['mixed-case encoded dots', 'app://oidc-onboard/%2E%2e/secret.txt'],
    ['half-encoded dots', 'app://oidc-onboard/.%2e/secret.txt'],
    ['encoded slash', 'app://oidc-onboard/..%2fsecret.txt'],
    ['encoded slash upper', 'app://oidc-onboard/assets%2F..%2F..%2Fsecret.txt'],
    ['encoded backslash', 'app://oidc-onboard/..%5csecret.txt'],
    ['raw backslash', 'app://oidc-onboard/..\\secret.txt'],
    ['double-encoded dots', 'app://oidc-onboard/%252e%252e/secret.txt'],
    ['null byte', 'app://oidc-onboard/index.html%00.png'],
    ['raw null byte', 'app://oidc-onboard/index.html\0'],
    ['absolute path in path', 'app://oidc-onboard//etc/passwd'],
    ['windows drive', 'app://oidc-onboard/C:/Windows/win.ini'],
    ['sibling with shared prefix', 'app://oidc-onboard/../renderer-evil/x.js'],
    ['symlink escaping the root', 'app://oidc-onboard/escape.txt'],
    ['symlinked directory escaping the root', 'app://oidc-onboard/up/secret.txt'],
    ['wrong host', 'app://evil/index.html'],
    ['host with port', 'app://oidc-onboard:8080/index.html'],
    ['userinfo', 'app://user:pw@oidc-onboard/index.html'],
    ['wrong scheme', 'file:///etc/passwd'],
    ['https', 'https://oidc-onboard/index.html'],
    ['missing file', 'app://oidc-onboard/nope.js'],
    ['directory', 'app://oidc-onboard/assets/'],
    ['not a URL', 'not a url'],
    ['bad percent-encoding', 'app://oidc-onboard/%E0%A4%A.js'],
  ];
  it.each(refused)('refuses %s', (_name, url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('refuses everything when the root does not exist', () => {
    expect(resolveAppPath(path.join(base, 'missing'), 'app://oidc-onboard/index.html')).toBeNull();
  });

  it('never returns a path outside the root, whatever the request path', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E.', '..%2f', '%5c', '%00', 'index.html', 'assets', 'main-abc.js', 'escape.txt', 'up', 'secret.txt', '', 'C:', '\\..'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (segments) => {
        const result = resolveAppPath(root, `app://oidc-onboard/${segments.join('/')}`);
        if (result === null) return true;
        const relative = path.relative(root, result);
        return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a/b/main.JS', 'text/javascript; charset=utf-8'],
    ['styles.css', 'text/css; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['font.woff2', 'font/woff2'],
    ['data.bin', 'application/octet-stream'],
    ['no-extension', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});

describe('isSameOrigin (navigation lock)', () => {
  const origins = [APP_ORIGIN, 'http://localhost:5173'];
  it.each([
    ['app://oidc-onboard/index.html', true],
    ['app://oidc-onboard/other#x', true],
    ['http://localhost:5173/src/main.tsx', true],
    ['app://evil/index.html', false],
    ['app://oidc-onboard.evil/index.html', false],
    ['app://user@oidc-onboard/index.html', false],
    ['http://localhost:5174/', false],
    ['https://localhost:5173/', false],
    ['http://127.0.0.1:9/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,hi', false],
    ['about:blank', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isSameOrigin(url, origins)).toBe(expected);
  });

  it('allows only the app origin when there is no dev server', () => {
    expect(isSameOrigin('http://localhost:5173/', [APP_ORIGIN])).toBe(false);
  });
});
