// Pixmill's window in a real Chromium, bridged to the real handlers and engine in this process:
// folders dropped with real drag events, batches run by real workers, files checked on disk.
import { copyFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../common/events.js';
import type { EventMap } from '../../common/ipc.js';
import { JOURNAL_NAME } from '../../workers/batch/journal.js';
import { hashTree, listFiles, makeDamaged, makeImage, tempDir } from '../fixtures.js';
import {
  addFilter,
  barValue,
  chooseOutputFolder,
  openProblems,
  queueByDrop,
  queueRow,
  setWorkers,
  waitForSummary,
} from './app-actions.js';
import { chromiumMissing, launchChromium } from './chromium.js';
import { AppHarness, serveRenderer } from './harness.js';
import { publishScreenshots } from './screenshots.js';
import type { StaticServer } from './static-server.js';

interface Folder {
  path: string;
  name: string;
  count: number;
}

async function photoFolder(
  root: string,
  name: string,
  count: number,
  size: { width: number; height: number },
  distinct = count,
): Promise<Folder> {
  const path = join(root, name);
  // Distinct pixels for the first few; copies after that keep generation cheap on 2 cores.
  for (let i = 0; i < count; i++) {
    const file = join(path, `${name.toLowerCase()}-${String(i + 1).padStart(2, '0')}.jpg`);
    if (i < distinct) await makeImage(file, size);
    else await copyFile(join(path, `${name.toLowerCase()}-01.jpg`), file);
  }
  return { path, name, count };
}

/** The engine's events for the window's batches, in the order they were emitted. */
const batchEvents = (app: AppHarness): EngineEvent[] =>
  app.emitted.flatMap(([name, payload]) =>
    name === 'batch:event' ? [(payload as EventMap['batch:event']).event] : [],
  );

/** "Finished · 1,180 images done, …" → 1180. */
const processedIn = (summary: string): number =>
  Number(/([\d,]+) images? done/.exec(summary)?.[1]?.replaceAll(',', '') ?? Number.NaN);

describe.skipIf(chromiumMissing)('Pixmill in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let app: AppHarness;
  let root: string;
  let landscapes: Folder;
  let portraits: Folder;
  let mixed: Folder;
  let long: Folder;

  beforeAll(async () => {
    root = await tempDir('pixmill-e2e-');
    [browser, server] = await Promise.all([launchChromium(), serveRenderer()]);
    landscapes = await photoFolder(root, 'Landscapes', 6, { width: 1200, height: 900 });
    portraits = await photoFolder(root, 'Portraits', 4, { width: 900, height: 1200 });
    mixed = { path: join(root, 'Scans'), name: 'Scans', count: 6 };
    await makeDamaged(mixed.path);
    await makeImage(join(mixed.path, 'good-1.jpg'), { width: 600, height: 400 });
    await makeImage(join(mixed.path, 'good-2.jpg'), { width: 600, height: 400 });
    long = await photoFolder(root, 'Archive', 24, { width: 1600, height: 1200 }, 3);
    // Starting Chromium and drawing the fixture photos is CPU work: on a busy 2-core machine it can take
    // longer than the default minute.
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (root) await rm(root, { recursive: true, force: true });
    await publishScreenshots();
  });

  afterEach(async () => app?.close());

  it('queues two dropped folders, each with its image count', async () => {
    app = await AppHarness.open(browser, server.url);
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
    app = await AppHarness.open(browser, server.url);
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
    app = await AppHarness.open(browser, server.url);
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

  it('cancels mid-batch leaving only whole outputs, every one the summary counted', async () => {
    const out = join(root, 'out-cancel');
    app = await AppHarness.open(browser, server.url);
    await queueByDrop(app, [long]);
    await (await addFilter(app.page, 'Resize')).getByLabel('Width', { exact: true }).fill('1200');
    await addFilter(app.page, 'Sharpen');
    await setWorkers(app.page, 1, 'Processes');
    await chooseOutputFolder(app, out);
    await app.page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect
      .poll(() => barValue(app.page.getByTestId('overall-progress')), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(1);
    await app.page.getByRole('button', { name: 'Cancel', exact: true }).click();
    const summary = await waitForSummary(app.page);
    expect(summary).toMatch(/^Cancelled · /);
    const processed = processedIn(summary);
    expect(processed).toBeGreaterThanOrEqual(1);
    expect(processed).toBeLessThan(long.count);
    // The resume journal stays on purpose (an interrupted batch can pick up where it stopped);
    // temp files of the jobs that were cut short must not.
    const files = await listFiles(out);
    expect(files.filter((f) => /^\.pixmill-.*\.tmp$/.test(basename(f)))).toEqual([]);
    const outputs = files.filter((f) => !basename(f).startsWith('.'));
    expect(outputs).toHaveLength(processed);
    for (const file of outputs)
      await expect(sharp(join(out, file)).raw().toBuffer(), file).resolves.toBeInstanceOf(Buffer);
    expect(await queueRow(app.page, long.name).getAttribute('data-state')).toBe('cancelled');
  });

  // 24 sharpened 2 MP photos on one worker: the time goes into the batch itself, which a busy
  // machine slows down; nothing here waits for a fixed time.
  it('pauses (Pausing… until the jobs in hand finish, then Paused and the count stands still) and resumes', {
    timeout: 180_000,
  }, async () => {
    const out = join(root, 'out-pause');
    app = await AppHarness.open(browser, server.url);
    await queueByDrop(app, [long]);
    await addFilter(app.page, 'Sharpen');
    await setWorkers(app.page, 1, 'Processes');
    await chooseOutputFolder(app, out);
    await app.page.getByRole('button', { name: 'Start', exact: true }).click();
    const overall = app.page.getByTestId('overall-progress');
    await expect.poll(() => barValue(overall), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    await app.page.getByRole('button', { name: 'Pause', exact: true }).click();
    const resume = app.page.getByRole('button', { name: 'Resume', exact: true });
    await resume.waitFor();
    // The job in flight when Pause was pressed still lands; the window says "paused" only once
    // the engine reports no file in hand.
    await expect
      .poll(() => app.page.getByTestId('run-status').textContent(), { timeout: 30_000 })
      .toMatch(/^Paused · /);
    await app.settled();
    const quietAt = batchEvents(app).findIndex((e) => e.type === 'progress' && e.paused && e.running === 0);
    const atQuiet = batchEvents(app)[quietAt] as EngineEvent & { type: 'progress' };
    const paused = await barValue(overall);
    expect(paused).toBe(atQuiet.processed + atQuiet.failed + atQuiet.skipped);
    expect(paused).toBeLessThan(long.count);
    await app.screenshot('paused');

    // Watch for as long as one more job takes, doing that job's work here, then ask the engine
    // again: the progress it answers with, and every event since the pause took effect, must show
    // that nothing finished.
    await sharp(join(long.path, 'archive-01.jpg')).sharpen().jpeg().toBuffer();
    const { id } = app.emitted.find(([name]) => name === 'batch:event')![1] as EventMap['batch:event'];
    expect(await app.handlers['batch:pause']({ id })).toEqual({ ok: true, value: null });
    await app.settled();
    const since = batchEvents(app).slice(quietAt);
    expect(since.filter((e) => e.type.startsWith('file-'))).toEqual([]);
    expect(since.at(-1)).toMatchObject({ type: 'progress', paused: true, running: 0, processed: atQuiet.processed });
    expect(await barValue(overall)).toBe(paused);
    // One whole output per counted file, and no job's temp file.
    expect((await listFiles(out)).filter((f) => f !== JOURNAL_NAME)).toHaveLength(paused);

    await resume.click();
    const summary = await waitForSummary(app.page, 120_000);
    expect(summary).toMatch(/^Finished · /);
    expect(processedIn(summary)).toBe(long.count);
    expect(await listFiles(out)).toHaveLength(long.count);
  });

  it('refuses a naming pattern that leaves the output folder, and disables Start', async () => {
    app = await AppHarness.open(browser, server.url);
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
    app = await AppHarness.open(browser, server.url);
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

  it('reaches Start with the keyboard and shows where the focus is', async () => {
    app = await AppHarness.open(browser, server.url);
    const start = app.page.getByRole('button', { name: 'Start', exact: true });
    await start.waitFor();
    let reached = false;
    for (let i = 0; i < 100 && !reached; i++) {
      await app.page.keyboard.press('Tab');
      reached = await start.evaluate(
        (el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement,
      );
    }
    expect(reached).toBe(true);
    const focusStyle = await start.evaluate((el) => {
      const style = (
        globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }
      ).getComputedStyle(el);
      return {
        visible: el.matches(':focus-visible'),
        outline: style['outlineStyle'],
        width: style['outlineWidth'],
        shadow: style['boxShadow'],
      };
    });
    expect(focusStyle.visible).toBe(true);
    expect(
      focusStyle.outline !== 'none' && focusStyle.width !== '0px'
        ? 'outline'
        : focusStyle.shadow !== 'none'
          ? 'shadow'
          : 'none',
    ).not.toBe('none');
    await app.screenshot('keyboard-focus');
  });

  it('renders in dark mode', async () => {
    app = await AppHarness.open(browser, server.url, { colorScheme: 'dark' });
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
