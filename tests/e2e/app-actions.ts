// What a person does in the window, as Playwright steps: by role and label first, test ids only
// for the agreed hooks (queue rows, bars, error rows, summary).
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { EngineEvent } from '../../common/events.js';
import type { EventMap } from '../../common/ipc.js';
import type { AppHarness } from './harness.js';

export const queueRow = (page: Page, name: string): Locator => page.getByTestId('queue-item').filter({ hasText: name });

/** A file's row in the file list, by its exact name. */
export const fileRow = (page: Page, name: string): Locator =>
  page.getByTestId('file-row').filter({
    has: page.locator('.file-name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }),
  });

/** Scrolls the virtualised file list from the top until `row` is rendered; returns it. */
async function scrollListTo(page: Page, row: Locator, what: string): Promise<Locator> {
  const list = page.getByTestId('file-list');
  for (let top = 0; (await row.count()) === 0; top += 240) {
    const end = await list.evaluate((el, t) => {
      el.scrollTop = t;
      return el.scrollTop + el.clientHeight >= el.scrollHeight;
    }, top);
    // The virtualiser renders the new rows on the next frame.
    await page.evaluate(() => {
      const raf = (globalThis as unknown as { requestAnimationFrame(cb: () => void): number }).requestAnimationFrame;
      return new Promise<void>((r) => raf(() => raf(() => r())));
    });
    if (end && (await row.count()) === 0) throw new Error(`No row for ${what} in the file list`);
  }
  return row;
}

/** Scrolls the virtualised file list until the file's row is rendered; returns the row. */
export const scrollToFile = (page: Page, name: string): Promise<Locator> =>
  scrollListTo(page, fileRow(page, name), name);

/** The per-folder bar's aria-valuenow. */
export async function barValue(bar: Locator): Promise<number> {
  return Number(await bar.getAttribute('aria-valuenow'));
}

/**
 * Drops folders/files and waits until each shows its image count. A long queue's later folders are
 * rendered only once scrolled to (the list is virtualised), so each is looked for from the top.
 */
export async function queueByDrop(
  app: AppHarness,
  items: readonly { path: string; name: string; count: number }[],
): Promise<void> {
  await app.drop(items.map((i) => i.path));
  for (const item of items) {
    await expect
      .poll(async () =>
        (await scrollListTo(app.page, queueRow(app.page, item.name), item.name))
          .getByTestId('queue-count')
          .textContent(),
      )
      .toBe(`${item.count.toLocaleString('en-US')} image${item.count === 1 ? '' : 's'}`);
  }
}

/** Appends a filter from the registry's list; returns its card. */
export async function addFilter(page: Page, label: string): Promise<Locator> {
  await page.getByLabel('Filter to add').selectOption({ label });
  await page.getByRole('button', { name: 'Add filter', exact: true }).click();
  const name = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const card = page
    .getByTestId('chain-step')
    .filter({ has: page.locator('.step-name', { hasText: name }) })
    .last();
  await card.waitFor();
  return card;
}

export async function chooseOutputFolder(app: AppHarness, dir: string): Promise<void> {
  app.dialogs.next('chooseOutput', dir);
  await app.page.getByRole('button', { name: 'Choose folder…' }).click();
  await expect.poll(() => app.page.getByLabel('Output folder', { exact: true }).inputValue()).toBe(dir);
}

/** Workers live in the Settings dialog: opens it, sets them, closes it again. */
export async function setWorkers(page: Page, count: number, mode: 'Processes' | 'Threads' | 'Inline'): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('spinbutton', { name: 'Workers', exact: true }).fill(String(count));
  await dialog.getByRole('radio', { name: mode, exact: true }).check();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Waits for the end-of-batch summary and returns its text. */
export async function waitForSummary(page: Page, timeout = 45_000): Promise<string> {
  const summary = page.getByTestId('summary');
  await summary.waitFor({ timeout });
  return (await summary.textContent()) ?? '';
}

/** Opens the problem list from the run bar's button (e.g. "4 problems") and returns the drawer. */
export async function openProblems(page: Page, label: string | RegExp): Promise<Locator> {
  await page.locator('.run-bar').getByRole('button', { name: label }).click();
  const drawer = page.getByRole('dialog', { name: 'Problems and files passed over' });
  await drawer.waitFor();
  return drawer;
}

/** The engine's events for the window's batches, in the order they were emitted. */
export const batchEvents = (app: AppHarness): EngineEvent[] =>
  app.emitted.flatMap(([name, payload]) =>
    name === 'batch:event' ? [(payload as EventMap['batch:event']).event] : [],
  );

/** "Finished · 1,180 images done, …" → 1180. */
export const processedIn = (summary: string): number =>
  Number(/([\d,]+) images? done/.exec(summary)?.[1]?.replaceAll(',', '') ?? Number.NaN);
