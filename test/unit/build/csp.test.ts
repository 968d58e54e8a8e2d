/**
 * The built renderer page must carry a Content-Security-Policy strict enough that injected markup
 * cannot run script: checked on the BUILT index.html (what the app serves), built here with
 * vite.renderer.config.ts into a temp folder so the test never races other builds of dist/.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
let outDir: string;
let html: string;

beforeAll(async () => {
  outDir = mkdtempSync(path.join(os.tmpdir(), 'renderer-build-'));
  const { build } = await import('vite');
  await build({
    configFile: path.join(root, 'vite.renderer.config.ts'),
    mode: 'production',
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
  html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
}, 120_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** The attributes of every `<tag ...>` in the page (quoted values; good enough for Vite's output). */
function tags(name: string): { raw: string; index: number; attrs: Map<string, string> }[] {
  const found: { raw: string; index: number; attrs: Map<string, string> }[] = [];
  for (const match of html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'gi'))) {
    const attrs = new Map<string, string>();
    for (const attr of (match[1] ?? '').matchAll(/([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attrs.set((attr[1] ?? '').toLowerCase(), attr[2] ?? attr[3] ?? attr[4] ?? '');
    }
    found.push({ raw: match[0], index: match.index ?? 0, attrs });
  }
  return found;
}

function policy(): Map<string, string[]> {
  const metas = tags('meta').filter((m) => m.attrs.get('http-equiv')?.toLowerCase() === 'content-security-policy');
  expect(metas, 'exactly one CSP <meta http-equiv> in the built index.html').toHaveLength(1);
  const directives = new Map<string, string[]>();
  for (const part of (metas[0]?.attrs.get('content') ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

describe('CSP of the built renderer', () => {
  it('comes before any script, stylesheet or other element it must govern', () => {
    const meta = tags('meta').find((m) => m.attrs.get('http-equiv')?.toLowerCase() === 'content-security-policy');
    expect(meta).toBeDefined();
    const firstGoverned = Math.min(...[...tags('script'), ...tags('link'), ...tags('style')].map((t) => t.index), Number.POSITIVE_INFINITY);
    expect(meta!.index).toBeLessThan(firstGoverned);
  });

  it("has default-src 'self'", () => {
    expect(policy().get('default-src')).toEqual(["'self'"]);
  });

  it('allows script only from the app itself: no unsafe-eval, unsafe-inline, data:, blob: or remote hosts', () => {
    const directives = policy();
    const script = directives.get('script-src') ?? directives.get('default-src') ?? [];
    expect(script.length).toBeGreaterThan(0);
    for (const forbidden of ["'unsafe-eval'", "'unsafe-inline'", "'unsafe-hashes'", "'wasm-unsafe-eval'", 'data:', 'blob:', '*', 'http:', 'https:', 'filesystem:']) {
      expect(script, `script-src must not contain ${forbidden}`).not.toContain(forbidden);
    }
    expect(script.every((source) => source === "'self'" || source === "'none'")).toBe(true);
    for (const name of ['script-src-elem', 'script-src-attr']) {
      expect(directives.get(name) ?? ["'self'"], name).not.toContain("'unsafe-inline'");
    }
  });

  it.each([
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
  ])("has %s %s", (name, value) => {
    expect(policy().get(name)).toEqual([value]);
  });

  it('does not rely on directives a <meta> policy ignores', () => {
    // frame-ancestors, report-uri and sandbox are ignored in <meta>; a page that needs them must
    // get them from a header, so their presence here would be a false sense of safety.
    const directives = policy();
    for (const ignored of ['frame-ancestors', 'report-uri', 'sandbox']) expect(directives.has(ignored), ignored).toBe(false);
  });

  it('has no inline script, no inline event handler and no javascript: URL', () => {
    const scripts = tags('script');
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(script.attrs.get('src'), `inline <script>: ${script.raw}`).toBeTruthy();
      const src = script.attrs.get('src') ?? '';
      expect(src, 'scripts load from the app origin').not.toMatch(/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i);
    }
    expect(html).not.toMatch(/<script\b[^>]*>\s*[^<\s]/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
  });

  it('emits only files under the build folder for the page to load (no inlined data: script)', () => {
    const files = readdirSync(outDir, { recursive: true }).map(String);
    for (const script of tags('script')) {
      const src = (script.attrs.get('src') ?? '').replace(/^\.\//, '');
      expect(files).toContain(src.split('/').join(path.sep));
    }
  });
});
