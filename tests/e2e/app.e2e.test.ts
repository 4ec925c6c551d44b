// Pixmill's window in a real Chromium, bridged to the real handlers and engine in this process:
// folders dropped with real drag events, batches run by real workers, files checked on disk.
import { basename, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { hashTree, listFiles, makeDamaged, makeImage } from '../fixtures.js';
import {
  addFilter,
  barValue,
  chooseOutputFolder,
  openProblems,
  processedIn,
  queueByDrop,
  queueRow,
  setWorkers,
  waitForSummary,
} from './app-actions.js';
import { chromiumMissing } from './chromium.js';
import type { AppHarness } from './harness.js';
import { type Folder, photoFolder } from './photo-folders.js';
import { publishScreenshots } from './screenshots.js';
import { e2eSuite } from './suite.js';

describe.skipIf(chromiumMissing)('Pixmill in Chromium', () => {
  let app: AppHarness;
  let root: string;
  let landscapes: Folder;
  let portraits: Folder;
  let mixed: Folder;
  const suite = e2eSuite('app', async (dir) => {
    root = dir;
    mixed = { path: join(root, 'Scans'), name: 'Scans', count: 6 };
    [landscapes, portraits] = await Promise.all([
      photoFolder(root, 'Landscapes', 6, { width: 1200, height: 900 }),
      photoFolder(root, 'Portraits', 4, { width: 900, height: 1200 }),
      makeDamaged(mixed.path),
      makeImage(join(mixed.path, 'good-1.jpg'), { width: 600, height: 400 }),
      makeImage(join(mixed.path, 'good-2.jpg'), { width: 600, height: 400 }),
    ]);
  });
  afterAll(publishScreenshots);

  it('queues two dropped folders, each with its image count', async () => {
    app = await suite.open();
    await expect.poll(() => app.page.getByTestId('drop-zone').isVisible()).toBe(true);
    await app.screenshot('empty');
    await queueByDrop(app, [landscapes, portraits]);
    await expect.poll(() => app.page.getByTestId('queue-item').count()).toBe(2);
    await app.screenshot('queued');
  });

  it('runs resize → sharpen → WebP with 2 processes, per-folder bars filling up, originals untouched', async () => {
    const before = new Map([
      ...(await hashTree(landscapes.path)),
      ...[...(await hashTree(portraits.path))].map(([k, v]) => [`p/${k}`, v] as const),
    ]);
    const out = join(root, 'out-webp');
    app = await suite.open();
    await queueByDrop(app, [landscapes, portraits]);
    const resize = await addFilter(app.page, 'Resize');
    await resize.getByLabel('Width', { exact: true }).fill('400');
    await resize.getByLabel('Height', { exact: true }).fill('400');
    await addFilter(app.page, 'Sharpen');
    await app.page.getByLabel('Format', { exact: true }).selectOption({ label: 'WebP' });
    await setWorkers(app.page, 2, 'Processes');
    await chooseOutputFolder(app, out);
    await app.page.getByRole('button', { name: 'Start', exact: true }).click();

    // Sample both folders' bars until each reaches its count; what was seen must never go back.
    const seen: Record<string, number[]> = { [landscapes.name]: [], [portraits.name]: [] };
    let shotRunning = false;
    await expect
      .poll(
        async () => {
          for (const folder of [landscapes, portraits])
            seen[folder.name]!.push(await barValue(queueRow(app.page, folder.name).getByTestId('queue-progress')));
          const overall = await barValue(app.page.getByTestId('overall-progress'));
          if (!shotRunning && overall > 0 && overall < 10) shotRunning = Boolean(await app.screenshot('running'));
          return [seen[landscapes.name]!.at(-1), seen[portraits.name]!.at(-1)];
        },
        { timeout: 45_000, interval: 50 },
      )
      .toEqual([6, 4]);
    for (const values of Object.values(seen)) expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(await queueRow(app.page, landscapes.name).getByTestId('queue-progress').getAttribute('aria-valuemax')).toBe(
      '6',
    );

    const summary = await waitForSummary(app.page);
    expect(summary).toMatch(/^Finished · 10 images done in /);
    expect(processedIn(summary)).toBe(10);
    expect(await app.page.getByTestId('overall-progress').getAttribute('aria-valuenow')).toBe('10');
    expect(await app.page.getByTestId('overall-progress').getAttribute('aria-valuemax')).toBe('10');
    await app.screenshot('finished');

    const outputs = await listFiles(out);
    expect(outputs.map((f) => basename(f)).sort()).toEqual(
      [
        ...Array.from({ length: 6 }, (_, i) => `landscapes-0${i + 1}.webp`),
        ...Array.from({ length: 4 }, (_, i) => `portraits-0${i + 1}.webp`),
      ].sort(),
    );
    for (const file of outputs) {
      const meta = await sharp(join(out, file)).metadata();
      expect(meta.format, file).toBe('webp');
      expect(Math.max(meta.width, meta.height), file).toBe(400);
    }
    const after = new Map([
      ...(await hashTree(landscapes.path)),
      ...[...(await hashTree(portraits.path))].map(([k, v]) => [`p/${k}`, v] as const),
    ]);
    expect(after).toEqual(before);

    await app.page.getByRole('button', { name: 'Open output folder' }).click();
    await expect.poll(() => app.openedPaths).toEqual([out]);
  });

  it('gives each damaged file its own error row, naming the file and a code', async () => {
    const out = join(root, 'out-errors');
    app = await suite.open();
    await queueByDrop(app, [mixed]);
    await setWorkers(app.page, 2, 'Processes');
    await chooseOutputFolder(app, out);
    await app.page.getByRole('button', { name: 'Start', exact: true }).click();
    const summary = await waitForSummary(app.page);
    expect(summary).toMatch(/^Finished · 2 images done, 4 failed in /);
    expect(await app.page.getByTestId('summary').getAttribute('class')).toContain('summary-error');
    const drawer = await openProblems(app.page, '4 problems');
    const rows = drawer.getByTestId('error-row');
    await expect.poll(() => rows.count()).toBe(4);
    const shown = await rows.evaluateAll((els) =>
      els.map((el) => ({ text: el.textContent ?? '', code: el.querySelector('code')?.textContent ?? '' })),
    );
    for (const file of ['truncated.jpg', 'corrupt.jpg', 'empty.jpg', 'notes-renamed.png']) {
      const row = shown.filter((r) => r.text.includes(file));
      expect(row, file).toHaveLength(1);
      expect(row[0]!.code, file).toMatch(/^(UNSUPPORTED_FORMAT|DECODE_FAILED|TRUNCATED)$/);
    }
    expect(shown.some((r) => /good-\d\.jpg/.test(r.text))).toBe(false);
    expect(await listFiles(out)).toEqual(['good-1.jpg', 'good-2.jpg']);
    await app.screenshot('finished-with-errors');
    // Esc closes the list and gives the focus back to the button that opened it.
    await app.page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
    expect(
      await app.page
        .getByRole('button', { name: '4 problems' })
        .evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement),
    ).toBe(true);
  });

  it('refuses a naming pattern that leaves the output folder, and disables Start', async () => {
    app = await suite.open();
    await queueByDrop(app, [portraits]);
    // Start also waits for an output folder; with one chosen, only the pattern decides.
    await chooseOutputFolder(app, join(root, 'out-pattern'));
    await app.page.getByLabel('Naming pattern').fill('../{name}');
    const alert = app.page.getByRole('alert').filter({ hasText: /naming pattern/i });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/\.\./);
    expect(await app.page.getByRole('button', { name: 'Start', exact: true }).isDisabled()).toBe(true);
    await app.page.getByLabel('Naming pattern').fill('{name}-small');
    await alert.waitFor({ state: 'detached' });
    expect(await app.page.getByRole('button', { name: 'Start', exact: true }).isEnabled()).toBe(true);
  });

  it('refuses an output folder that contains an input, naming the output folder', async () => {
    app = await suite.open();
    await queueByDrop(app, [portraits]);
    await app.page.getByLabel('Output folder', { exact: true }).fill(root);
    await app.page.getByRole('button', { name: 'Start', exact: true }).click();
    const alert = app.page.getByRole('alert').filter({ hasText: root });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/output folder/i);
    // The reason sits in the run bar, which stays short and keeps Start on screen at the smallest size.
    await app.page.setViewportSize({ width: 1024, height: 700 });
    expect((await app.page.locator('footer.runbar').boundingBox())!.height).toBeLessThanOrEqual(110);
    await app.page.getByRole('button', { name: 'Start', exact: true }).click({ trial: true });
    await app.screenshot('refused-1024');
    expect(await listFiles(portraits.path)).toHaveLength(portraits.count);
    expect(await app.page.getByTestId('summary').count()).toBe(0);
  });

  it('renders in dark mode', async () => {
    app = await suite.open({ colorScheme: 'dark' });
    await queueByDrop(app, [portraits, mixed]);
    await addFilter(app.page, 'Resize');
    await chooseOutputFolder(app, join(root, 'out-dark'));
    await app.page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForSummary(app.page);
    const background = await app.page.evaluate(() => {
      const g = globalThis as unknown as {
        getComputedStyle(e: unknown): { backgroundColor: string };
        document: { body: unknown };
      };
      return g.getComputedStyle(g.document.body).backgroundColor;
    });
    const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
    expect((r! + g! + b!) / 3, `body background ${background}`).toBeLessThan(80);
    await app.screenshot('dark');
  });
});
