// The README's screenshots come from this suite. Copying them into docs/ on every run would leave
// the committed PNGs changed after any test run, so it happens only when asked for.
import { copyFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SCREENSHOT_DIR } from './harness.js';

const DOCS = resolve(import.meta.dirname, '../../docs');
const PUBLISHED = ['queued', 'finished-with-errors', 'preview', 'dark'];

/** With PIXMILL_UPDATE_SCREENSHOTS=1, copies the chosen states to docs/screenshot-<state>.png. */
export async function publishScreenshots(): Promise<void> {
  if (process.env['PIXMILL_UPDATE_SCREENSHOTS'] !== '1') return;
  await mkdir(DOCS, { recursive: true });
  for (const name of PUBLISHED) {
    const from = join(SCREENSHOT_DIR, `${name}.png`);
    if (existsSync(from)) await copyFile(from, join(DOCS, `screenshot-${name}.png`));
  }
}
