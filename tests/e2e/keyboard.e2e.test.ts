// The window by keyboard alone: the shortcuts a photo tool's users expect, Start within a few Tab
// presses of an empty window, and Esc closing the Settings dialog with the focus back where it was.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeImage, tempDir } from '../fixtures.js';
import { queueRow, waitForSummary } from './app-actions.js';
import { chromiumMissing, launchChromium } from './chromium.js';
import { AppHarness, serveRenderer } from './harness.js';
import type { StaticServer } from './static-server.js';

const isFocused = (page: Page, name: string): Promise<boolean> =>
  page
    .getByRole('button', { name, exact: true })
    .evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement);

describe.skipIf(chromiumMissing)('the window by keyboard', () => {
  let browser: Browser;
  let server: StaticServer;
  let app: AppHarness;
  let root: string;
  let folder: string;
  let photo: string;

  beforeAll(async () => {
    root = await tempDir('pixmill-e2e-keys-');
    [browser, server] = await Promise.all([launchChromium(), serveRenderer()]);
    folder = join(root, 'Garden');
    for (let i = 1; i <= 3; i++) await makeImage(join(folder, `rose-${i}.jpg`), { width: 500, height: 400 });
    photo = await makeImage(join(root, 'tulip.jpg'), { width: 500, height: 400 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  afterEach(async () => app?.close());

  it('adds a folder with Ctrl+O and images with Ctrl+Shift+O, and starts with Ctrl+Enter', async () => {
    app = await AppHarness.open(browser, server.url);
    const { page } = app;
    await page.getByRole('button', { name: 'Start', exact: true }).waitFor();
    app.dialogs.next('addFolders', [folder]);
    await page.keyboard.press('Control+o');
    await queueRow(page, 'Garden').waitFor();
    app.dialogs.next('addFiles', [photo]);
    await page.keyboard.press('Control+Shift+o');
    await queueRow(page, 'tulip.jpg').waitFor();
    expect(app.dialogs.opened).toEqual(['addFolders', 'addFiles']);

    // Blocked (no output folder yet): the shortcut does what a click on the blocked Start does — nothing.
    await page.keyboard.press('Control+Enter');
    expect(app.emitted.some(([name]) => name === 'batch:event')).toBe(false);

    app.dialogs.next('chooseOutput', join(root, 'out'));
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await expect.poll(() => page.getByLabel('Output folder', { exact: true }).inputValue()).toBe(join(root, 'out'));
    await page.keyboard.press('Control+Enter');
    expect(await waitForSummary(page)).toMatch(/\b4\b/);
  });

  it('reaches Start in a few Tab presses on an empty window', async () => {
    app = await AppHarness.open(browser, server.url);
    const { page } = app;
    await page.getByRole('button', { name: 'Start', exact: true }).waitFor();
    let presses = 0;
    while (presses < 50 && !(await isFocused(page, 'Start'))) {
      await page.keyboard.press('Tab');
      presses++;
    }
    console.info(`Start is tab stop ${presses} of an empty window`);
    expect(presses).toBeLessThanOrEqual(5);
  });

  it('closes Settings with Esc and gives the focus back to the Settings button', async () => {
    app = await AppHarness.open(browser, server.url);
    const { page } = app;
    const settings = page.getByRole('button', { name: 'Settings', exact: true });
    await settings.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await isFocused(page, 'Settings')).toBe(true);
  });
});
