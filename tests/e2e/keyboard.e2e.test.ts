// The window by keyboard alone: the shortcuts a photo tool's users expect, Start within a few Tab
// presses of an empty window with a visible focus, and Esc closing the Settings dialog with the
// focus back where it was.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeImage } from '../fixtures.js';
import { queueRow, waitForSummary } from './app-actions.js';
import { chromiumMissing } from './chromium.js';
import type { AppHarness } from './harness.js';
import { e2eSuite } from './suite.js';

const isFocused = (page: Page, name: string): Promise<boolean> =>
  page
    .getByRole('button', { name, exact: true })
    .evaluate((el) => el === (el.ownerDocument as unknown as { activeElement: unknown }).activeElement);

describe.skipIf(chromiumMissing)('the window by keyboard', () => {
  let app: AppHarness;
  let root: string;
  let folder: string;
  let photo: string;
  const suite = e2eSuite('keys', async (dir) => {
    root = dir;
    folder = join(root, 'Garden');
    [photo] = await Promise.all([
      makeImage(join(root, 'tulip.jpg'), { width: 500, height: 400 }),
      ...[1, 2, 3].map((i) => makeImage(join(folder, `rose-${i}.jpg`), { width: 500, height: 400 })),
    ]);
  });

  it('adds a folder with Ctrl+O and images with Ctrl+Shift+O, and starts with Ctrl+Enter', async () => {
    app = await suite.open();
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

  it('reaches Start in a few Tab presses on an empty window, showing where the focus is', async () => {
    app = await suite.open();
    const { page } = app;
    const start = page.getByRole('button', { name: 'Start', exact: true });
    await start.waitFor();
    let presses = 0;
    while (presses < 50 && !(await isFocused(page, 'Start'))) {
      await page.keyboard.press('Tab');
      presses++;
    }
    console.info(`Start is tab stop ${presses} of an empty window`);
    expect(presses).toBeLessThanOrEqual(5);
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

    // On the same window: Enter on Settings opens it, Esc closes it with the focus back on Settings.
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
