// The README's screenshots come from this suite. Copying them into docs/ on every run would leave
// the committed PNGs changed after any test run, so it happens only when asked for.

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import sharp from 'sharp';

const repo = resolve(import.meta.dirname, '../..');
export const SCREENSHOT_DIR = join(repo, 'test-results/e2e');
const DOCS = join(repo, 'docs');
const PUBLISHED = ['queued', 'finished-with-errors', 'preview', 'dark'];

/**
 * With PIXMILL_UPDATE_SCREENSHOTS=1, copies the chosen states to docs/screenshot-<state>.png,
 * palette-quantised: flat UI colours survive it, and the committed files stay a third the size.
 */
export async function publishScreenshots(): Promise<void> {
  if (process.env['PIXMILL_UPDATE_SCREENSHOTS'] !== '1') return;
  await mkdir(DOCS, { recursive: true });
  for (const name of PUBLISHED) {
    const from = join(SCREENSHOT_DIR, `${name}.png`);
    if (existsSync(from))
      await sharp(from)
        .png({ palette: true, quality: 90, compressionLevel: 9 })
        .toFile(join(DOCS, `screenshot-${name}.png`));
  }
}
