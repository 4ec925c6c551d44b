// A large batch through the window: thousands of files and hundreds of error rows, with the
// page's frame timing and the engine's event-loop delay recorded (printed, never asserted: speed
// belongs to `npm run bench`). What is asserted is what a person would notice: every file
// accounted for, and an error list that stays a few dozen DOM rows however long it gets.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { makeImage } from '../fixtures.js';
import { chooseOutputFolder, openProblems, queueByDrop, setWorkers, waitForSummary } from './app-actions.js';
import { chromiumMissing } from './chromium.js';
import { describeStats, startRecording, stopRecording } from './frame-timing.js';
import { e2eSuite } from './suite.js';

const IMAGES = 2500;
const BROKEN = 500;

describe.skipIf(chromiumMissing)('a large batch in the window', () => {
  const suite = e2eSuite('large', async (root) => {
    const dir = join(root, 'Thousands');
    await mkdir(dir, { recursive: true });
    const seed = await makeImage(join(dir, 'img-00000.jpg'), { width: 64, height: 48 });
    // A hundred files at a time: 3,000 one after the other is seconds of waiting on the disk.
    for (let i = 1; i < IMAGES; i += 100)
      await Promise.all(
        Array.from({ length: Math.min(100, IMAGES - i) }, (_, k) =>
          copyFile(seed, join(dir, `img-${String(i + k).padStart(5, '0')}.jpg`)),
        ),
      );
    await Promise.all(
      Array.from({ length: BROKEN }, (_, i) =>
        writeFile(join(dir, `broken-${String(i).padStart(4, '0')}.jpg`), `not a photo ${i}`),
      ),
    );
  });

  it(`runs ${IMAGES + BROKEN} files, keeps every one accounted for and the error list virtualised`, async () => {
    const app = await suite.open();
    try {
      await queueByDrop(app, [{ path: join(suite.root, 'Thousands'), name: 'Thousands', count: IMAGES + BROKEN }]);
      await chooseOutputFolder(app, join(suite.root, 'out'));
      await setWorkers(app.page, 2, 'Processes');
      // Frame intervals and long tasks, measured inside the page for the whole run.
      await startRecording(app.page);
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      await app.page.getByRole('button', { name: 'Start', exact: true }).click();
      // 3,000 files on a shared 2-core machine: the batch's own pace, not a UI wait.
      const summary = await waitForSummary(app.page, 200_000);
      loop.disable();
      const stats = await stopRecording(app.page);
      const counted = (n: number) => n.toLocaleString('en-US');
      expect(summary).toMatch(new RegExp(`${counted(IMAGES)} images done`));
      expect(summary).toMatch(new RegExp(`${counted(BROKEN)} failed`));
      // However many errors, only the visible rows (plus a small overscan) are in the DOM.
      const drawer = await openProblems(app.page, `${counted(BROKEN)} problems`);
      const rows = await drawer.getByTestId('error-row').count();
      expect(rows).toBeGreaterThan(0);
      expect(rows).toBeLessThan(100);
      const ms = (n: number) => `${n.toFixed(1)} ms`;
      console.log(
        `large batch: ${IMAGES + BROKEN} files — page ${describeStats(stats)}; ` +
          `engine event-loop delay p99 ${ms(loop.percentile(99) / 1e6)}, max ${ms(loop.max / 1e6)}`,
      );
    } finally {
      await app.close();
    }
  }, 240_000);
});
