// A folder of 100,000 images in the file list: the page's frame timing is recorded while the
// listing streams in and while the list is scrolled end to end (printed, never asserted: speed
// belongs to `npm run bench`). What is asserted is what a person would notice: every file listed
// and reachable, and a list that stays a few dozen DOM rows however long it is.
import { copyFile, link, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeImage } from '../fixtures.js';
import { fileRow, queueRow } from './app-actions.js';
import { chromiumMissing } from './chromium.js';
import { describeStats, startRecording, stopRecording } from './frame-timing.js';
import { SCREENSHOT_DIR } from './screenshots.js';
import { e2eSuite } from './suite.js';

const FILES = 100_000;
const name = (i: number): string => `p${String(i).padStart(6, '0')}.jpg`;

describe.skipIf(chromiumMissing)('a 100,000-image queue in the window', () => {
  let root: string;
  let folder: string;

  const suite = e2eSuite(
    'large-queue',
    async (dir) => {
      root = dir;
      folder = join(root, 'Archive');
      await mkdir(folder, { recursive: true });
      // One real small JPEG under 100,000 names: hard links make the tree in seconds, and every
      // name is a file the scan, the thumbnails and the list treat as its own. A file system allows
      // some tens of thousands of links to one file, so each 10,000 names share a copy of their own.
      const seed = await makeImage(join(root, 'seed.jpg'), { width: 160, height: 120 });
      for (let i = 0; i < FILES; i += 1000) {
        const source = join(root, `seed-${Math.floor(i / 10_000)}.jpg`);
        if (i % 10_000 === 0) await copyFile(seed, source);
        await Promise.all(
          Array.from({ length: Math.min(1000, FILES - i) }, (_, k) => link(source, join(folder, name(i + k)))),
        );
      }
    },
    300_000,
  );

  it('lists every file while it streams in, scrolls end to end, and keeps the DOM to the rows in view', async () => {
    const app = await suite.open();
    try {
      const list = app.page.getByTestId('file-list');
      await startRecording(app.page);
      const started = performance.now();
      await app.drop([folder]);
      await expect
        .poll(() => queueRow(app.page, 'Archive').getByTestId('queue-count').textContent(), { timeout: 240_000 })
        .toBe('100,000 images');
      const listing = await stopRecording(app.page);
      const listingSeconds = (performance.now() - started) / 1000;
      // The folder's own count and the summary above the list are drawn in separate renders.
      await expect
        .poll(() => app.page.getByTestId('queue-summary').textContent(), { timeout: 10_000 })
        .toBe('1 folder · 100,000 images');
      const events = app.emitted.filter(([event]) => event === 'queue:files').length;

      // Scrolled a screen a frame for two seconds, then to the very end and back to the middle.
      await startRecording(app.page);
      await list.evaluate(
        (el) =>
          new Promise<void>((resolve) => {
            const w = globalThis as unknown as { requestAnimationFrame(cb: () => void): number };
            const endAt = performance.now() + 2000;
            const step = () => {
              el.scrollTop += el.clientHeight;
              if (performance.now() < endAt) w.requestAnimationFrame(step);
              else resolve();
            };
            w.requestAnimationFrame(step);
          }),
      );
      await list.evaluate((el) => {
        el.scrollTop = el.scrollHeight;
      });
      await fileRow(app.page, name(FILES - 1)).waitFor();
      await list.evaluate((el) => {
        el.scrollTop = el.scrollHeight / 2;
      });
      await expect.poll(() => app.page.getByTestId('file-row').count()).toBeGreaterThan(3);
      const scrolling = await stopRecording(app.page);

      // Only the rows in view (and a few either side) are in the DOM, however long the list.
      const rows = await app.page.getByTestId('file-row').count();
      expect(rows).toBeLessThan(40);
      // Rows on screen get real thumbnails, even half way down a list this long.
      await expect.poll(() => app.page.getByTestId('thumbnail').count(), { timeout: 60_000 }).toBeGreaterThan(0);
      // Half way down, the folder's header (its count and buttons) is still in view, at the top.
      expect(await queueRow(app.page, 'Archive').isVisible()).toBe(true);
      await app.page.screenshot({ path: join(SCREENSHOT_DIR, 'large-queue-scrolled.png'), animations: 'disabled' });
      await app.screenshot('large-queue-listed');

      console.log(
        `large queue: ${FILES} files listed in ${listingSeconds.toFixed(1)} s in ${events} listing events; ${rows} file rows in the DOM\n` +
          `  while listing: ${describeStats(listing)}\n  while scrolling: ${describeStats(scrolling)}`,
      );
    } finally {
      await app.close();
    }
  }, 600_000);
});
