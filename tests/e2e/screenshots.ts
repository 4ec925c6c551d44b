// The README's screenshots come from this suite. Copying them into docs/ on every run would leave
// the committed PNGs changed after any test run, so it happens only when asked for.

import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import sharp from 'sharp';

const repo = resolve(import.meta.dirname, '../..');
export const SCREENSHOT_DIR = join(repo, 'test-results/e2e');
const DOCS = join(repo, 'docs/screenshots');
/** The views the look test photographs, at every size and in both themes (look-<view>-<size>-<theme>). */
const PUBLISHED = /^look-(.+)\.png$/;

/**
 * With PIXMILL_UPDATE_SCREENSHOTS=1, copies the look test's pictures to docs/screenshots/<view>-<size>-<theme>.png,
 * palette-quantised: flat UI colours survive it, and the committed files stay a third the size.
 */
export async function publishScreenshots(): Promise<void> {
  if (process.env['PIXMILL_UPDATE_SCREENSHOTS'] !== '1') return;
  await mkdir(DOCS, { recursive: true });
  for (const file of await readdir(SCREENSHOT_DIR)) {
    const name = PUBLISHED.exec(file)?.[1];
    if (name)
      await sharp(join(SCREENSHOT_DIR, file))
        .png({ palette: true, quality: 90, compressionLevel: 9 })
        .toFile(join(DOCS, `${name}.png`));
  }
}
