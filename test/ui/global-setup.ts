/**
 * Playwright global setup: empties the run-wide screenshot index (test/ui/screenshot-index.ts), so
 * a run compares its own screenshots only. Playwright usually clears its output dir itself, but
 * not when told to keep it (`--ui`, watch mode), so the index is emptied here explicitly.
 */
import type { FullConfig } from '@playwright/test';
import { resetScreenshotIndex, screenshotIndexDir } from './screenshot-index';

export default async function globalSetup(config: FullConfig): Promise<void> {
  const outputDirs = new Set(config.projects.map((project) => project.outputDir));
  for (const outputDir of outputDirs) await resetScreenshotIndex(screenshotIndexDir(outputDir));
}
