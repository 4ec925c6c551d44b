// The run bar in a real Chromium: Start in reach at the smallest and largest window with a long
// chain and a long queue, what the bar says before a batch, and the reasons Start is blocked
// taking the focus to the control that fixes them. What it says during (paused) and after
// (cancelled) a batch is in pause-cancel.e2e.test.ts.
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeImage } from '../fixtures.js';
import { addFilter, chooseOutputFolder, queueByDrop, waitForSummary } from './app-actions.js';
import { chromiumMissing } from './chromium.js';
import type { AppHarness } from './harness.js';
import { shots } from './run-bar-shots.js';
import { e2eSuite } from './suite.js';

/** Start's box lies inside the window, nothing covers its centre, and the run bar stays short. */
async function startInReach(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  const start = page.getByRole('button', { name: 'Start', exact: true });
  const box = await start.boundingBox();
  expect(box, `Start at ${size.width}×${size.height}`).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(size.width);
  expect(box!.y + box!.height).toBeLessThanOrEqual(size.height);
  // A trial click runs Playwright's actionability checks (visible, stable, receives the pointer
  // at its centre) without pressing it.
  await start.click({ trial: true, timeout: 5_000 });
  const bar = await page.locator('footer.runbar').boundingBox();
  expect(bar!.height, `run bar height at ${size.width}×${size.height}`).toBeLessThanOrEqual(110);
  expect(bar!.y + bar!.height).toBeLessThanOrEqual(size.height + 0.5);
}

const runStatus = (page: Page) => page.getByTestId('run-status');

describe.skipIf(chromiumMissing)('the run bar', () => {
  let app: AppHarness;
  let root: string;
  let archive: { path: string; name: string; count: number };
  let shelves: { path: string; name: string; count: number }[];
  const suite = e2eSuite('runbar', async (dir) => {
    root = dir;
    archive = { path: join(root, 'Archive'), name: 'Archive', count: 24 };
    const first = await makeImage(join(archive.path, 'archive-01.jpg'), { width: 1600, height: 1200 });
    for (let i = 2; i <= archive.count; i++)
      await copyFile(first, join(archive.path, `archive-${String(i).padStart(2, '0')}.jpg`));
    // A long queue: twelve folders of one photo each.
    shelves = [];
    for (let i = 1; i <= 12; i++) {
      const path = join(root, `Shelf ${String(i).padStart(2, '0')}`);
      await mkdir(path, { recursive: true });
      await copyFile(first, join(path, 'photo.jpg'));
      shelves.push({ path, name: `Shelf ${String(i).padStart(2, '0')}`, count: 1 });
    }
  });

  it('keeps Start on screen and clickable from 1024×700 to 2560×1440 with a long chain and a long queue', async () => {
    app = await suite.open();
    await queueByDrop(app, [archive, ...shelves]);
    for (const label of ['Resize', 'Sharpen', 'Blur', 'Grayscale', 'Negate', 'Rotate', 'Sharpen', 'Resize'])
      await addFilter(app.page, label);
    await chooseOutputFolder(app, join(root, 'out-reach'));
    for (const size of [
      { width: 1024, height: 700 },
      { width: 1440, height: 900 },
      { width: 1920, height: 1080 },
      { width: 2560, height: 1440 },
    ])
      await startInReach(app.page, size);
    await app.page.setViewportSize({ width: 1024, height: 700 });
    await app.screenshot('runbar-long-chain-1024');
    // The bar counts the images, not the queued items, and never shows "0 / 0".
    expect(await runStatus(app.page).textContent()).toBe(`${archive.count + shelves.length} images ready`);
  });

  it('says how many images are queued before a batch, pluralised', async () => {
    app = await suite.open();
    expect(await runStatus(app.page).textContent()).toBe('No images queued');
    await queueByDrop(app, [shelves[0]!]);
    await expect.poll(() => runStatus(app.page).textContent()).toBe('1 image ready');
    await queueByDrop(app, [shelves[1]!]);
    await expect.poll(() => runStatus(app.page).textContent()).toBe('2 images ready');
    await shots(app, 'idle');
  });

  it('lists what blocks Start beside it, each reason taking the focus to its control, and starts on Ctrl+Enter', async () => {
    app = await suite.open();
    const start = app.page.getByRole('button', { name: 'Start', exact: true });
    expect(await start.getAttribute('aria-disabled')).toBe('true');
    // Two reasons fold into one line that opens the list.
    const toggle = app.page.getByRole('button', { name: '2 things to fix before starting' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    // Start reads its reasons out even while the list is folded.
    await expect.poll(() => start.evaluate((el) => el.getAttribute('aria-describedby'))).toBe('start-blocked');
    await toggle.click();
    const list = app.page.locator('#start-blocked');
    await list.waitFor();
    await shots(app, 'blocked', ['#start-blocked']);
    await app.page.setViewportSize({ width: 1280, height: 800 });
    // Esc folds it again and gives the focus back to the toggle.
    await list.getByRole('button', { name: 'Choose an output folder' }).focus();
    await app.page.keyboard.press('Escape');
    await list.waitFor({ state: 'hidden' });
    expect(
      await toggle.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement),
    ).toBe(true);

    // So does a click elsewhere.
    await toggle.click();
    await list.waitFor();
    await app.page.locator('header.topbar h1').click();
    await list.waitFor({ state: 'hidden' });

    await toggle.click();
    await list.getByRole('button', { name: 'Choose an output folder' }).click();
    const focused = () =>
      app.page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement
            ?.id ?? '',
      );
    await expect.poll(focused).toBe('output-folder');
    expect(await app.page.getByLabel('Output folder', { exact: true }).evaluate((el) => el.id)).toBe('output-folder');

    // One reason left: shown as it is, still a way to its control.
    await queueByDrop(app, [shelves[0]!]);
    await app.page.getByLabel('Naming pattern').focus();
    const only = app.page.locator('.run-blockers').getByRole('button', { name: 'Choose an output folder' });
    await only.click();
    await expect.poll(focused).toBe('output-folder');
    await chooseOutputFolder(app, join(root, 'out-blockers'));
    await only.waitFor({ state: 'detached' });
    expect(await start.getAttribute('aria-disabled')).toBeNull();
    // Ctrl+Enter starts from wherever the focus is.
    await app.page.getByLabel('Naming pattern').focus();
    await app.page.keyboard.press('Control+Enter');
    expect(await waitForSummary(app.page)).toMatch(/^Finished · 1 image done in /);
  });

  it('opens Settings from the top bar: workers, time limit and benchmark, each explained; Esc closes it', async () => {
    app = await suite.open();
    const opener = app.page.getByRole('button', { name: 'Settings', exact: true });
    await opener.click();
    const dialog = app.page.getByRole('dialog', { name: 'Settings' });
    await dialog.waitFor();
    for (const heading of ['Workers', 'Time limit per image', 'Benchmark'])
      await dialog.getByRole('heading', { name: heading, exact: true }).waitFor();
    expect(await dialog.locator('.settings-why').count()).toBe(3);
    // No version string anywhere in the window's chrome.
    expect(await app.page.locator('header.topbar').textContent()).not.toMatch(/\d+\.\d+\.\d+/);
    expect(await dialog.textContent()).not.toMatch(/\d+\.\d+\.\d+/);
    await shots(app, 'settings', ['.settings-dialog']);
    await app.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(
      await opener.evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement),
    ).toBe(true);
    // The benchmark opens from here, and "Back to batch" returns.
    await opener.click();
    await dialog.getByRole('button', { name: 'Open the benchmark' }).click();
    await app.page.getByRole('button', { name: 'Back to batch', exact: true }).click();
    await app.page.getByRole('button', { name: 'Start', exact: true }).waitFor();
  });
});
