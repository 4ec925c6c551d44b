// The file list in a real Chromium, bridged to the real handlers, workers and files: every queued
// image with a thumbnail the workers made, its size and dimensions, its status after a run, the
// status filter, selection, "show in folder", duplicates and non-images answered at queue time,
// and the Delete key.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makeDamaged, makeImage } from '../fixtures.js';
import { bmp24, knownPixels, qoi, tga } from '../format-fixtures.js';
import {
  batchEvents,
  chooseOutputFolder,
  fileRow,
  queueByDrop,
  queueRow,
  scrollToFile,
  setWorkers,
  waitForSummary,
} from './app-actions.js';
import { chromiumMissing } from './chromium.js';
import type { AppHarness } from './harness.js';
import { imageSrc } from './pixels.js';
import { e2eSuite } from './suite.js';

const isFocused = (el: unknown): boolean =>
  el === (el as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement;

describe.skipIf(chromiumMissing)('The file list, in Chromium', () => {
  let app: AppHarness;
  let root: string;
  let trip: string;
  let beach: string;
  let scans: string;
  let portrait: string;
  let big: string;
  let odd: string;

  const suite = e2eSuite('files', async (dir) => {
    root = dir;
    trip = join(root, 'Trip');
    scans = join(root, 'Scans');
    big = join(root, 'Big');
    odd = join(root, 'Odd');
    const pixels = knownPixels(96, 64, 3);
    await mkdir(odd, { recursive: true });
    [beach, portrait] = await Promise.all([
      makeImage(join(trip, 'beach.jpg'), { width: 1200, height: 800 }),
      makeImage(join(root, 'portrait.jpg'), { width: 300, height: 400 }),
      makeImage(join(trip, 'dunes.jpg'), { width: 640, height: 960 }),
      makeImage(join(trip, 'harbour.png'), { width: 500, height: 300, format: 'png' }),
      writeFile(join(trip, 'notes.txt'), 'Bring the long lens.\n'),
      makeDamaged(scans),
      makeImage(join(scans, 'good.jpg'), { width: 800, height: 600 }),
      // Formats the fallback decoder reads: named by content on the row, thumbnailed, processed.
      writeFile(join(odd, 'old-scan.bmp'), bmp24(pixels)),
      writeFile(join(odd, 'render.qoi'), qoi(pixels)),
      writeFile(join(odd, 'sprite.tga'), tga(pixels)),
      // Large enough that a batch on one worker is still running when it is paused.
      ...Array.from({ length: 6 }, (_, i) => makeImage(join(big, `big-${i + 1}.jpg`), { width: 2400, height: 1600 })),
    ]);
  });

  it('lists every file with a real thumbnail, size and dimensions, and answers non-images and duplicates at once', async () => {
    app = await suite.open();
    await queueByDrop(app, [
      { path: beach, name: 'beach.jpg', count: 1 },
      { path: trip, name: 'Trip', count: 3 },
    ]);
    // beach.jpg comes twice: it counts, and is processed, once.
    await expect
      .poll(() => app.page.getByTestId('queue-summary').textContent())
      .toBe('1 folder · 1 file · 3 images · 1 duplicate left out');

    const dunes = fileRow(app.page, 'dunes.jpg');
    await expect.poll(() => dunes.locator('.file-meta').textContent()).toMatch(/^\d+(\.\d)? kB · JPEG · 640 × 960$/);
    const src = await imageSrc(dunes.getByTestId('thumbnail'));
    const thumb = await sharp(Buffer.from(src.slice(src.indexOf(',') + 1), 'base64')).metadata();
    expect(thumb).toMatchObject({ format: 'webp', width: 64, height: 96 });
    // The browser decoded it too: a real picture on screen, not a broken image icon.
    expect(await dunes.getByTestId('thumbnail').evaluate((img) => (img as { naturalWidth: number }).naturalWidth)).toBe(
      64,
    );
    await expect.poll(() => fileRow(app.page, 'harbour.png').locator('.file-meta').textContent()).toMatch(/500 × 300/);

    const notes = fileRow(app.page, 'notes.txt');
    expect(await notes.getByTestId('file-status').textContent()).toBe('Not an image');
    expect(await notes.locator('.file-meta').textContent()).toBe('Not an image: this is a text file.');
    expect(await notes.getByTestId('thumbnail').count()).toBe(0);

    // beach.jpg is queued by itself first, so the copy in Trip is the duplicate.
    const rows = app.page.getByTestId('file-row').filter({ hasText: 'beach.jpg' });
    await expect.poll(() => rows.count()).toBe(2);
    const copy = rows.nth(1);
    expect(await copy.getByTestId('file-status').textContent()).toBe('Duplicate');
    expect(await copy.locator('.file-detail').textContent()).toContain('Already queued via beach.jpg');
    expect(await rows.nth(0).getByTestId('file-status').textContent()).toBe('Queued');
    await app.screenshot('file-list-queued');

    // Moving the folder first makes its copy the one processed, and the queued file the duplicate.
    await queueRow(app.page, 'Trip').getByRole('button', { name: 'Move Trip up' }).click();
    await expect.poll(() => rows.nth(0).getByTestId('file-status').textContent()).toBe('Queued');
    await expect.poll(() => rows.nth(1).getByTestId('file-status').textContent()).toBe('Duplicate');
    expect(await rows.nth(1).locator('.file-detail').textContent()).toContain('Already queued via Trip');
  });

  it('names each file’s format by its content, thumbnails formats libvips cannot read, and processes them', async () => {
    app = await suite.open();
    await queueByDrop(app, [{ path: odd, name: 'Odd', count: 3 }]);
    const expected = { 'old-scan.bmp': 'BMP', 'render.qoi': 'QOI', 'sprite.tga': 'TGA' };
    for (const [name, format] of Object.entries(expected)) {
      const row = fileRow(app.page, name);
      await expect.poll(() => row.locator('.file-meta').textContent()).toMatch(new RegExp(`kB · ${format} · 96 × 64$`));
      const src = await imageSrc(row.getByTestId('thumbnail'));
      const thumb = await sharp(Buffer.from(src.slice(src.indexOf(',') + 1), 'base64')).metadata();
      expect([thumb.width, thumb.height], name).toEqual([96, 64]);
    }
    await app.screenshot('file-list-formats');
    await chooseOutputFolder(app, join(root, 'out-odd'));
    await app.page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForSummary(app.page);
    // "Same as original" cannot write these formats: each is processed, saved as PNG or JPEG, and says so.
    for (const name of Object.keys(expected)) {
      const row = fileRow(app.page, name);
      await expect.poll(() => row.getByTestId('file-status').textContent()).toBe('Warning');
      expect(await row.locator('.file-detail').textContent()).toMatch(
        /cannot write .* files, so this image was saved as/,
      );
    }
  });

  it('shows each file’s status, output size and saving after a run with broken files; filters; reveals the output', async () => {
    app = await suite.open();
    await queueByDrop(app, [
      { path: beach, name: 'beach.jpg', count: 1 },
      { path: trip, name: 'Trip', count: 3 },
      { path: scans, name: 'Scans', count: 5 },
    ]);
    const out = join(root, 'out-run');
    await chooseOutputFolder(app, out);
    await app.page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForSummary(app.page);

    const good = await scrollToFile(app.page, 'good.jpg');
    await expect.poll(() => good.getByTestId('file-status').textContent()).toBe('Done');
    expect(await good.locator('.file-meta').textContent()).toMatch(
      /^\d+ kB → \d+(\.\d)? kB [−+]\d+ % · JPEG · 800 × 600$/,
    );
    const truncated = await scrollToFile(app.page, 'truncated.jpg');
    expect(await truncated.getByTestId('file-status').textContent()).toBe('Failed');
    expect(await truncated.locator('.file-detail').textContent()).toMatch(/\w+/);
    expect(await truncated.getAttribute('title')).toContain(join(scans, 'truncated.jpg'));
    expect(await (await scrollToFile(app.page, 'empty.jpg')).getByTestId('file-status').textContent()).toBe('Failed');

    // The duplicate was processed once: one output for beach.jpg, and the engine said why the other was not.
    const events = batchEvents(app);
    expect(events.filter((e) => e.type === 'file-done' && e.file === beach)).toHaveLength(1);
    expect(events.filter((e) => e.type === 'file-ignored' && e.reason === 'duplicate')).toHaveLength(1);
    await app.page.getByTestId('file-list').evaluate((el) => {
      el.scrollTop = 0;
    });
    const beachRows = app.page.getByTestId('file-row').filter({ hasText: 'beach.jpg' });
    await expect.poll(() => beachRows.count()).toBe(2);
    expect(await beachRows.nth(0).getByTestId('file-status').textContent()).toBe('Done');
    expect(await beachRows.nth(1).getByTestId('file-status').textContent()).toBe('Duplicate');

    const filters = app.page.getByRole('group', { name: 'Show files' });
    expect(await filters.getByRole('button', { name: /^Failed/ }).textContent()).toBe('Failed 4');
    await filters.getByRole('button', { name: /^Failed/ }).click();
    await expect
      .poll(() => app.page.getByTestId('file-row').locator('.file-name').allTextContents())
      .toEqual(['corrupt.jpg', 'empty.jpg', 'notes-renamed.png', 'truncated.jpg']);
    await app.screenshot('file-list-failed-filter');
    await filters.getByRole('button', { name: /^Not processed/ }).click();
    await expect
      .poll(() => app.page.getByTestId('file-row').locator('.file-name').allTextContents())
      .toEqual(['beach.jpg', 'notes.txt']);
    await filters.getByRole('button', { name: /^Done/ }).click();

    // Selecting a row is what the preview follows; the row says it is the one.
    await good.locator('.file-row-main').click();
    await expect.poll(() => good.locator('.file-row-main').getAttribute('aria-pressed')).toBe('true');
    await good.getByRole('button', { name: 'Show the output of good.jpg in its folder' }).click();
    const done = events.find((e) => e.type === 'file-done' && e.file === join(scans, 'good.jpg'));
    expect(done?.type === 'file-done' && done.output.startsWith(out)).toBe(true);
    await expect.poll(() => app.shownItems).toEqual([done?.type === 'file-done' ? done.output : '']);
    await app.screenshot('file-list-finished');
  });

  it('selects with Enter, moves with the arrow keys, and removes the focused item with Delete', async () => {
    app = await suite.open();
    await queueByDrop(app, [
      { path: trip, name: 'Trip', count: 3 },
      { path: portrait, name: 'portrait.jpg', count: 1 },
    ]);
    const header = queueRow(app.page, 'Trip').locator('.row-primary');
    // The count can come before the listing's last files: wait for the row the arrow key goes to.
    await fileRow(app.page, 'beach.jpg').waitFor();
    await header.focus();
    await app.page.keyboard.press('ArrowDown');
    const first = fileRow(app.page, 'beach.jpg').locator('.file-row-main');
    await expect.poll(() => first.evaluate(isFocused)).toBe(true);
    await app.page.keyboard.press('Enter');
    await expect.poll(() => first.getAttribute('aria-pressed')).toBe('true');
    // Delete on a file inside a folder does nothing: only queued folders and files can be removed.
    await app.page.keyboard.press('Delete');
    expect(await app.page.getByTestId('queue-item').count()).toBe(2);

    await header.focus();
    await app.page.keyboard.press('Delete');
    await expect.poll(() => app.page.getByTestId('queue-item').count()).toBe(1);
    expect(await app.page.getByTestId('queue-summary').textContent()).toBe('1 file · 1 image');
    const next = queueRow(app.page, 'portrait.jpg').locator('.row-primary');
    await expect.poll(() => next.evaluate(isFocused)).toBe(true);
    await app.page.getByRole('button', { name: 'Remove portrait.jpg' }).click();
    await expect.poll(() => app.page.getByTestId('queue-item').count()).toBe(0);
    expect(await app.page.getByTestId('queue-summary').textContent()).toBe('Nothing queued yet');
  });

  // Six 4 MP photos on one worker, paused midway: the batch's own pace, which a busy machine slows
  // (the summary alone may take two minutes there).
  it('shows the files in hand as Running, and as Paused while the batch is paused', { timeout: 180_000 }, async () => {
    app = await suite.open();
    await queueByDrop(app, [{ path: big, name: 'Big', count: 6 }]);
    await chooseOutputFolder(app, join(root, 'out-paused'));
    await setWorkers(app.page, 1, 'Processes');
    const statuses = () => app.page.getByTestId('file-row').getByTestId('file-status').allTextContents();
    await app.page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(statuses, { timeout: 30_000 }).toContain('Running');
    await app.page.getByRole('button', { name: 'Pause', exact: true }).click();
    await app.page.getByRole('button', { name: 'Resume', exact: true }).waitFor();
    // Handed to the pool but held by the pause: the row says so rather than "Running".
    await expect.poll(statuses).toContain('Paused');
    expect(await statuses()).not.toContain('Running');
    await app.screenshot('file-list-paused');
    await app.page.getByRole('button', { name: 'Resume', exact: true }).click();
    await waitForSummary(app.page, 120_000);
    await expect.poll(statuses).toEqual(Array(6).fill('Done'));
  });

  it("passes axe-core in light and dark, a row selected and a folder's actions in view", async () => {
    app = await suite.open();
    await queueByDrop(app, [
      { path: beach, name: 'beach.jpg', count: 1 },
      { path: trip, name: 'Trip', count: 3 },
    ]);
    await expect.poll(() => app.page.getByTestId('thumbnail').count()).toBeGreaterThan(1);
    await fileRow(app.page, 'dunes.jpg').locator('.file-row-main').click();
    // The same state in both themes: the theme is switched in place.
    for (const colorScheme of ['light', 'dark'] as const) {
      await app.page.emulateMedia({ colorScheme });
      const results = await new AxeBuilder({ page: app.page as never }).include('.area-files').analyze();
      expect(
        results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        colorScheme,
      ).toEqual([]);
      for (const [width, height] of [
        [1024, 700],
        [1920, 1080],
      ] as const) {
        await app.page.setViewportSize({ width, height });
        await app.screenshot(`file-list-${colorScheme}-${width}x${height}`);
      }
    }
  });
});
