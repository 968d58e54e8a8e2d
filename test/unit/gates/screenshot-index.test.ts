/**
 * The UI run's "no two screenshots identical" gate (test/ui/screenshot-index.ts): it must catch a
 * second picture with the same bytes under another name, across processes, and every UI spec must
 * take its pictures through the harness that consults it.
 */
import { fork } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordScreenshot, resetScreenshotIndex, screenshotIndexDir } from '../../ui/screenshot-index';
import globalSetup from '../../ui/global-setup';

const here = path.dirname(fileURLToPath(import.meta.url));
const uiDir = path.resolve(here, '..', '..', 'ui');
const png = (text: string) => new TextEncoder().encode(`\u0089PNG ${text}`);

describe('run-wide screenshot index', () => {
  let outputDir: string;
  let dir: string;
  beforeEach(async () => {
    outputDir = await mkdtemp(path.join(tmpdir(), 'screenshot-index-'));
    dir = screenshotIndexDir(outputDir);
    await resetScreenshotIndex(dir);
  });
  afterEach(async () => {
    await rm(outputDir, { recursive: true, force: true });
  });

  it('names the earlier screenshot when another one has the same bytes', async () => {
    expect(await recordScreenshot(dir, 'check-warn-light', png('a'))).toBeUndefined();
    expect(await recordScreenshot(dir, 'check-warn-dark', png('a'))).toBe('check-warn-light');
  });

  it('lets different bytes and a retaken name through', async () => {
    expect(await recordScreenshot(dir, 'one', png('a'))).toBeUndefined();
    expect(await recordScreenshot(dir, 'two', png('b'))).toBeUndefined();
    // A retried test takes the same name again with the same bytes: not a duplicate.
    expect(await recordScreenshot(dir, 'one', png('a'))).toBeUndefined();
  });

  it('forgets a name’s old bytes once that name is taken again with new ones', async () => {
    await recordScreenshot(dir, 'one', png('a'));
    await recordScreenshot(dir, 'one', png('c'));
    // No file named "one" has bytes "a" any more, so "two" duplicates nothing on disk.
    expect(await recordScreenshot(dir, 'two', png('a'))).toBeUndefined();
    expect(await recordScreenshot(dir, 'three', png('a'))).toBe('two');
    expect(await recordScreenshot(dir, 'four', png('c'))).toBe('one');
  });

  it('is shared by processes: of several racing with the same bytes, exactly one wins', async () => {
    const script = path.join(outputDir, 'record.mts');
    await writeFile(
      script,
      `import { recordScreenshot } from ${JSON.stringify(path.join(uiDir, 'screenshot-index.ts'))};\n` +
        `const twin = await recordScreenshot(process.argv[2]!, process.argv[3]!, new TextEncoder().encode('same'));\n` +
        `process.send!(twin ?? null, () => process.exit(0));\n`,
    );
    const names = ['w1', 'w2', 'w3', 'w4'];
    const twins = await Promise.all(
      names.map(
        (name) =>
          new Promise<string | null>((resolve, reject) => {
            const child = fork(script, [dir, name], { execArgv: ['--import', 'tsx'] });
            child.once('message', (message) => resolve(message as string | null));
            child.once('error', reject);
            child.once('exit', (code) => code !== 0 && reject(new Error(`worker ${name} exited ${code}`)));
          }),
      ),
    );
    const winners = names.filter((_, i) => twins[i] === null);
    expect(winners).toHaveLength(1);
    expect(twins.filter((twin) => twin !== null)).toEqual(Array(3).fill(winners[0]));
  });

  it('is emptied by the global setup at the start of a run', async () => {
    await recordScreenshot(dir, 'from-the-last-run', png('a'));
    await globalSetup({ projects: [{ outputDir }] } as unknown as Parameters<typeof globalSetup>[0]);
    expect(await readdir(dir)).toEqual(['names']);
    expect(await recordScreenshot(dir, 'this-run', png('a'))).toBeUndefined();
  });
});

describe('every UI screenshot goes through the harness', () => {
  it('no spec calls Playwright’s screenshot itself', async () => {
    const files = (await readdir(uiDir)).filter((file) => file.endsWith('.ts') && file !== 'harness.ts');
    const direct: string[] = [];
    for (const file of files) {
      const lines = (await readFile(path.join(uiDir, file), 'utf8')).split('\n');
      lines.forEach((line, index) => {
        // app.screenshot / this.app.screenshot / this.screenshot are the harness's; anything else
        // (page.screenshot, locator.screenshot) would bypass the run-wide index.
        for (const match of line.matchAll(/([\w.)\]]+)\s*\.\s*screenshot\s*\(/g)) {
          if (!/(^|\.)(app|this)$/.test(match[1] ?? '')) direct.push(`${file}:${index + 1}: ${line.trim()}`);
        }
      });
    }
    expect(files.length).toBeGreaterThan(5);
    expect(direct).toEqual([]);
  });

  it('the harness records every picture it takes', async () => {
    const harness = await readFile(path.join(uiDir, 'harness.ts'), 'utf8');
    const shots = [...harness.matchAll(/page\.screenshot\(/g)];
    expect(shots).toHaveLength(1);
    const after = harness.slice(shots[0]!.index);
    expect(after.slice(0, 600)).toMatch(/recordScreenshot\(indexDir, name, bytes\)/);
  });
});
