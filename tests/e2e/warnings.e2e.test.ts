// Warnings in the window: a batch whose files are processed but lose something shows one row per
// warning beside the error rows, filterable, with its code and message; the summary counts the
// files; the Output panel's background colour reaches the JPEG's pixels; the preview lists its
// warnings too. Real Chromium, real handlers and workers, files checked on disk.
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makeDamaged, makeImage } from '../fixtures.js';
import { addFilter, chooseOutputFolder, openProblems, queueByDrop, setWorkers, waitForSummary } from './app-actions.js';
import { chromiumMissing } from './chromium.js';
import type { AppHarness } from './harness.js';
import { SCREENSHOT_DIR } from './screenshots.js';
import { e2eSuite } from './suite.js';

/** RGB of one pixel of an image file. */
async function pixel(path: string, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [...data.subarray(i, i + 3)];
}
const near = (got: number[], want: number[]): boolean => want.every((v, i) => Math.abs(got[i]! - v) <= 12);

describe.skipIf(chromiumMissing)('Warnings in Chromium', () => {
  let app: AppHarness;
  let root: string;
  let folder: string;
  let logo: string;

  const suite = e2eSuite('warnings', async (dir) => {
    root = dir;
    folder = join(root, 'Logos');
    await mkdir(folder, { recursive: true });
    // A black square on transparency, a photo smaller than the resize box (left as it is, no warning), and one damaged file.
    logo = join(folder, 'logo.png');
    await sharp({ create: { width: 240, height: 160, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([
        { input: { create: { width: 80, height: 80, channels: 4, background: '#000000' } }, left: 80, top: 40 },
      ])
      .png()
      .toFile(logo);
    await makeImage(join(folder, 'small.jpg'), { width: 768, height: 512 });
    const damaged = await makeDamaged(join(root, 'damaged'));
    await copyFile(damaged.truncated, join(folder, 'truncated.jpg'));
  });

  it('lists warning rows beside error rows, filterable, and lays transparency on the chosen colour', async () => {
    const out = join(root, 'out');
    app = await suite.open();
    await queueByDrop(app, [{ path: folder, name: 'Logos', count: 3 }]);
    await addFilter(app.page, 'Resize');
    await app.page.getByLabel('Format', { exact: true }).selectOption({ label: 'JPEG' });
    await app.page.getByLabel('Background for transparency').fill('#ff0000');
    await setWorkers(app.page, 2, 'Processes');
    await chooseOutputFolder(app, out);
    await app.page.getByRole('button', { name: 'Start', exact: true }).click();

    const summary = await waitForSummary(app.page);
    expect(summary).toMatch(/^Finished · 2 images done, 1 failed in /);
    // One error, and the logo's rows: the button counts every row of the list.
    const drawer = await openProblems(app.page, /^\d+ problems$/);
    const warningRows = drawer.getByTestId('warning-row');
    await expect.poll(() => warningRows.count()).toBeGreaterThanOrEqual(1);
    const shown = await warningRows.evaluateAll((els) =>
      els.map((el) => ({ text: el.textContent ?? '', code: el.querySelector('code')?.textContent ?? '' })),
    );
    const logoRows = shown.filter((r) => r.text.includes('logo.png'));
    expect(logoRows.find((r) => r.code === 'ALPHA_FLATTENED')?.text).toContain(
      'Transparency was filled with #ff0000 (JPEG cannot hold it).',
    );
    expect(logoRows.find((r) => r.code === 'ALPHA_FLATTENED')?.text).toContain('→ logo.jpg');
    // "Fit inside, never enlarge" leaving the smaller images as they are is what was asked: no row.
    expect(shown.filter((r) => r.code === 'STEP_NO_EFFECT')).toEqual([]);
    expect(shown.filter((r) => r.text.includes('small.jpg'))).toEqual([]);
    expect(await app.page.getByTestId('error-row').count()).toBe(1);

    const show = drawer.getByRole('group', { name: 'Show problems' });
    await show.getByRole('button', { name: /^Warnings/ }).click();
    await expect.poll(() => app.page.getByTestId('error-row').count()).toBe(0);
    expect(await warningRows.count()).toBe(shown.length);
    await show.getByRole('button', { name: /^Errors/ }).click();
    await expect.poll(() => warningRows.count()).toBe(0);
    expect(await app.page.getByTestId('error-row').count()).toBe(1);
    await show.getByRole('button', { name: /^All/ }).click();
    await expect.poll(() => warningRows.count()).toBe(shown.length);

    await app.screenshot('finished-with-warnings');
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await drawer.screenshot({ path: join(SCREENSHOT_DIR, 'warning-list.png') });

    // The background reached the pixels: red around the black square.
    const jpeg = join(out, 'logo.jpg');
    expect(near(await pixel(jpeg, 5, 5), [255, 0, 0])).toBe(true);
    expect(near(await pixel(jpeg, 120, 80), [0, 0, 0])).toBe(true);
  });
});
