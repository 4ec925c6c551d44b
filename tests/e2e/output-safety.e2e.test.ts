// Output safety from the window, checked on disk: several folders get a sub-folder each, a re-run
// with the default "if an output already exists" never doubles the folder, and "skip if larger"
// leaves no output and says why.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { hashTree, listFiles, makeImage } from '../fixtures.js';
import { chooseOutputFolder, openProblems, queueByDrop, waitForSummary } from './app-actions.js';
import { chromiumMissing } from './chromium.js';
import type { AppHarness } from './harness.js';
import { shots } from './run-bar-shots.js';
import { SCREENSHOT_DIR } from './screenshots.js';
import { e2eSuite } from './suite.js';

/** The outputs a person sees in the folder: Pixmill's own record is a hidden file. */
const visible = async (dir: string): Promise<string[]> =>
  (await listFiles(dir)).filter((f) => !f.split('/').some((part) => part.startsWith('.'))).sort();

describe.skipIf(chromiumMissing)('output safety in the window', () => {
  let app: AppHarness;
  let root: string;
  let beach: { path: string; name: string; count: number };
  let city: { path: string; name: string; count: number };
  let grows: { path: string; name: string; count: number };

  const suite = e2eSuite('safety', async (dir) => {
    root = dir;
    beach = { path: join(root, 'Beach'), name: 'Beach', count: 2 };
    city = { path: join(root, 'City'), name: 'City', count: 2 };
    // The same file names in both folders: merged into one tree they would collide.
    for (const folder of [beach, city])
      for (const name of ['a.jpg', 'b.jpg']) await makeImage(join(folder.path, name), { width: 800, height: 600 });
    grows = { path: join(root, 'Small'), name: 'Small', count: 2 };
    await mkdir(grows.path, { recursive: true });
    // Saved at quality 30, it can only grow as a quality-100 JPEG; a large PNG can only shrink.
    await sharp(join(beach.path, 'a.jpg')).jpeg({ quality: 30 }).toFile(join(grows.path, 'tiny.jpg'));
    await sharp(join(beach.path, 'b.jpg')).png({ compressionLevel: 0 }).toFile(join(grows.path, 'big.png'));
  });

  it('gives each of two queued folders its own sub-folder, and a re-run does not double the folder', async () => {
    const out = join(root, 'out-two');
    app = await suite.open();
    await queueByDrop(app, [beach, city]);
    const toggle = app.page.getByRole('checkbox', { name: 'A sub-folder for each source folder' });
    expect(await toggle.isChecked()).toBe(true);
    expect(await app.page.getByTestId('source-folders-hint').textContent()).toMatch(/2 folders are queued/);
    expect(await app.page.getByLabel('If an output already exists').inputValue()).toBe('suffix');
    await toggle.scrollIntoViewIfNeeded();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await app.page.screenshot({ path: join(SCREENSHOT_DIR, 'output-safety-settings.png') });
    await chooseOutputFolder(app, out);
    const start = app.page.getByRole('button', { name: 'Start', exact: true });
    await start.click();
    expect(await waitForSummary(app.page)).toMatch(/^Finished · 4 images done/);
    const first = await visible(out);
    expect(first).toEqual(['Beach/a.jpg', 'Beach/b.jpg', 'City/a.jpg', 'City/b.jpg']);
    await app.screenshot('output-safety-two-folders');

    // The same batch again: everything is up to date, nothing is added beside it.
    const before = await hashTree(out);
    await start.click();
    await expect.poll(() => app.page.getByTestId('summary').textContent()).toMatch(/4 skipped \(up to date\)/);
    expect(await visible(out)).toEqual(first);
    // With a changed setting the outputs are made again, in place of the old ones.
    await app.page.getByLabel('Quality', { exact: true }).fill('50');
    await start.click();
    await expect.poll(() => app.page.getByTestId('summary').textContent()).toMatch(/^Finished · 4 images done/);
    expect(await visible(out)).toEqual(first);
    expect(await hashTree(out)).not.toEqual(before);
  });

  it('merges the folders into one tree when the sub-folders are switched off', async () => {
    const out = join(root, 'out-merged');
    app = await suite.open();
    await queueByDrop(app, [beach, city]);
    await app.page.getByRole('checkbox', { name: 'A sub-folder for each source folder' }).uncheck();
    await chooseOutputFolder(app, out);
    await app.page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForSummary(app.page);
    // "Keep both": the second folder's files get -1 rather than replacing the first's.
    expect(await visible(out)).toEqual(['a-1.jpg', 'a.jpg', 'b-1.jpg', 'b.jpg']);
  });

  it('skips an image whose output would be larger, leaving no file and a warning that says by how much', async () => {
    const out = join(root, 'out-larger');
    app = await suite.open();
    await queueByDrop(app, [grows]);
    await app.page.getByLabel('Format', { exact: true }).selectOption({ label: 'JPEG' });
    await app.page.getByLabel('Quality', { exact: true }).fill('100');
    await app.page.getByRole('checkbox', { name: 'Skip if the output would be larger than the original' }).check();
    await chooseOutputFolder(app, out);
    await app.page.getByRole('button', { name: 'Start', exact: true }).click();
    const summary = await waitForSummary(app.page);
    expect(summary).toMatch(/1 image done, 1 skipped \(would be larger\)/);
    expect(await visible(out)).toEqual(['big.jpg']);

    const drawer = await openProblems(app.page, '1 problem');
    const row = drawer.getByTestId('warning-row');
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toMatch(/tiny\.jpg.*OUTPUT_KEPT_OUT.*Kept out: the output would be \d+% larger/);
    await app.screenshot('output-safety-skip-larger');
    // The finished state with its problem list open, checked by axe-core in light and dark.
    await shots(app, 'finished-problems', ['#problems-drawer']);
  });
});
