// The plan before Start and the Watch switch, in a real Chromium with the real handlers and
// workers: the plan's counts are the engine's plan and then what Start does; a plan of thousands
// of files streams in while the page keeps drawing (frame timing printed, never asserted); and a
// watched folder processes a file dropped into it, with Stop leaving nothing half-written.
import { copyFile, link, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PLAN_STATUSES, type PlannedStatus, type RequestOf } from '../../common/ipc.js';
import { planBatch } from '../../workers/batch/dry-run.js';
import { isTempFile, listFiles, makeImage } from '../fixtures.js';
import { batchEvents, chooseOutputFolder, fileRow, queueByDrop, waitForSummary } from './app-actions.js';
import { chromiumMissing } from './chromium.js';
import { describeStats, startRecording, stopRecording } from './frame-timing.js';
import type { AppHarness } from './harness.js';
import { e2eSuite } from './suite.js';

const BIG = 5_000;

/** axe-core's findings inside `selector`, as "rule: target" lines. */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** The counts the plan's chips show, by status. */
async function shownCounts(page: Page): Promise<Record<PlannedStatus, number>> {
  const chips = page.getByTestId('plan-count');
  const out = {} as Record<PlannedStatus, number>;
  for (const status of PLAN_STATUSES)
    out[status] = Number(await chips.and(page.locator(`[data-status="${status}"]`)).getAttribute('data-count'));
  return out;
}

/** Records what the window asked the plan handler, so the test can ask the engine the same. */
function recordPlanRequests(app: AppHarness): RequestOf<'plan:start'>[] {
  const seen: RequestOf<'plan:start'>[] = [];
  const real = app.handlers['plan:start'];
  app.handlers['plan:start'] = (payload) => {
    seen.push(payload as RequestOf<'plan:start'>);
    return real(payload);
  };
  return seen;
}

const planStatus = (page: Page) => page.getByTestId('plan-status');
const start = (page: Page) => page.getByRole('button', { name: 'Start', exact: true });

describe.skipIf(chromiumMissing)('the plan before Start, and Watch', () => {
  let root: string;
  let shoot: string;
  let big: string;
  let seed: string;

  const suite = e2eSuite('plan-watch', async (dir) => {
    root = dir;
    shoot = join(root, 'Shoot');
    for (const name of ['a', 'b', 'c', 'd']) await makeImage(join(shoot, `${name}.jpg`), { width: 240, height: 160 });
    await writeFile(join(shoot, 'notes.txt'), 'Shot on the 3rd.\n');
    // One small JPEG under thousands of names: links make the tree in a moment.
    big = join(root, 'Archive');
    await mkdir(big, { recursive: true });
    seed = await makeImage(join(root, 'seed.jpg'), { width: 96, height: 64 });
    for (let i = 0; i < BIG; i += 500)
      await Promise.all(
        Array.from({ length: Math.min(500, BIG - i) }, (_, k) =>
          link(seed, join(big, `p${String(i + k).padStart(5, '0')}.jpg`)),
        ),
      );
  });

  it("shows the engine's plan counts, new, changed, up to date and conflicting, and Start then does just that", async () => {
    const app = await suite.open({ colorScheme: 'dark' });
    const { page } = app;
    const out = join(root, 'out-plan');
    await queueByDrop(app, [{ path: shoot, name: 'Shoot', count: 4 }]);
    await chooseOutputFolder(app, out);
    // A first run: four outputs, in the folder's record.
    await start(page).click();
    expect(await waitForSummary(page)).toMatch(/^Finished · 4 images done/);

    // Since then: one source changed, two arrived, and a name the next one wants is held by a
    // file Pixmill did not make.
    await makeImage(join(shoot, 'b.jpg'), { width: 200, height: 200, color: '#336699' });
    await makeImage(join(shoot, 'e.jpg'), { width: 240, height: 160 });
    await makeImage(join(shoot, 'f.jpg'), { width: 240, height: 160 });
    await makeImage(join(shoot, 'g.jpg'), { width: 240, height: 160 });
    await writeFile(join(out, 'g.jpg'), 'not a picture Pixmill made');

    const requests = recordPlanRequests(app);
    await page.getByRole('button', { name: 'Check plan' }).click();
    await expect.poll(() => planStatus(page).textContent(), { timeout: 20_000 }).toMatch(/^8 files planned\./);
    const shown = await shownCounts(page);
    // The same request, asked of the engine directly: the window shows its plan, not one of its own.
    expect(requests).toHaveLength(1);
    const { id: _id, ...options } = requests[0]!;
    const engine = await planBatch(options as Parameters<typeof planBatch>[0], () => {});
    expect(shown).toEqual(engine.statuses);
    expect(shown).toMatchObject({ new: 2, changed: 1, 'up-to-date': 3, conflict: 1, ignored: 1, failed: 0 });
    expect(await planStatus(page).textContent()).toContain('Start would write 4 files, skip 3 and pass over 1.');

    // Each row: where it goes and why, in words; a filter shows one status.
    await page.getByTestId('plan-count').and(page.locator('[data-status="conflict"]')).click();
    const conflict = page.getByTestId('plan-row');
    await expect.poll(() => conflict.count()).toBe(1);
    expect(await conflict.textContent()).toMatch(/g\.jpg.*Conflicting.*g-1\.jpg.*gets a number after its name/);
    await page.getByTestId('plan-count').and(page.locator('[data-status="all"]')).click();
    await app.screenshot('plan-view-1280-dark');
    expect(await axeViolations(page, '.plan-panel')).toEqual([]);
    expect(await axeViolations(page, 'footer.runbar')).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    await app.screenshot('plan-view-1280-light');
    // At the smallest window the run bar keeps its height, and Start, Check plan and Watch their place.
    await page.setViewportSize({ width: 1024, height: 700 });
    for (const name of ['Start', 'Check plan'])
      await page.getByRole('button', { name, exact: true }).click({ trial: true, timeout: 5_000 });
    await page.getByRole('switch', { name: 'Watch' }).click({ trial: true, timeout: 5_000 });
    expect((await page.locator('footer.runbar').boundingBox())?.height).toBeLessThanOrEqual(110);
    await app.screenshot('plan-view-1024-light');
    await page.setViewportSize({ width: 1280, height: 800 });

    // The keyboard reaches the tree's rows and walks them.
    await page.getByTestId('plan-tree').locator('[tabindex="0"]').focus();
    await page.keyboard.press('End');
    await expect.poll(() => page.locator(':focus').textContent()).toMatch(/notes\.txt|g\.jpg|f\.jpg|e\.jpg/);

    // Start does what the plan said.
    await start(page).click();
    const summary = await waitForSummary(page);
    const final = batchEvents(app).findLast((e) => e.type === 'summary');
    expect(final).toMatchObject({
      processed: engine.counts.write,
      skipped: engine.counts.skip,
      failed: engine.counts.fail,
    });
    expect(final && final.type === 'summary' && final.ignoredFiles.length).toBe(engine.counts.ignore);
    expect(summary).toMatch(
      new RegExp(`^Finished · ${engine.counts.write} images done, ${engine.counts.skip} skipped`),
    );
    // Having run, the plan says it no longer holds.
    await page.getByRole('button', { name: 'Check plan' }).waitFor();
    expect(await page.getByTestId('plan-stale').isVisible()).toBe(true);
  }, 90_000);

  it(`streams a plan of ${BIG.toLocaleString('en-US')} files while the page keeps drawing`, async () => {
    const app = await suite.open();
    const { page } = app;
    await queueByDrop(app, [{ path: big, name: 'Archive', count: BIG }]);
    await chooseOutputFolder(app, join(root, 'out-big'));
    // Every text the status line shows, as the page draws it.
    await page.evaluate(() => {
      type El = { textContent: string | null };
      const g = globalThis as unknown as {
        __planLines: string[];
        document: { body: unknown; querySelector(s: string): El | null };
        MutationObserver: new (
          cb: () => void,
        ) => {
          observe(target: unknown, options: { subtree: boolean; childList: boolean; characterData: boolean }): void;
        };
      };
      g.__planLines = [];
      new g.MutationObserver(() => {
        const text = g.document.querySelector('[data-testid="plan-status"]')?.textContent;
        if (text && g.__planLines.at(-1) !== text) g.__planLines.push(text);
      }).observe(g.document.body, { subtree: true, childList: true, characterData: true });
    });
    await startRecording(page);
    const began = performance.now();
    await page.getByRole('button', { name: 'Check plan' }).click();
    await expect
      .poll(() => planStatus(page).textContent(), { timeout: 60_000 })
      .toMatch(new RegExp(`^${BIG.toLocaleString('en-US')} files planned\\.`));
    const seconds = (performance.now() - began) / 1000;
    const frames = await stopRecording(page);
    const lines = await page.evaluate(() => (globalThis as unknown as { __planLines: string[] }).__planLines);
    const events = app.emitted.filter(([event]) => event === 'plan:rows').length;

    // It said how far it was while it streamed, and the rows came in batches, not one by one.
    expect(
      lines.some((l) => /^Planning… [1-9][\d,]* files?$/.test(l) && !l.includes(BIG.toLocaleString('en-US'))),
    ).toBe(true);
    // At most about ten a second (the main process's interval), however many rows.
    expect(events).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 2);
    expect(events).toBeLessThan(BIG / 10);
    expect((await shownCounts(page)).new).toBe(BIG);
    // Only the rows in view are in the DOM, and the last one is reachable.
    expect(await page.getByTestId('plan-row').count()).toBeLessThan(40);
    await page.getByTestId('plan-tree').locator('[tabindex="0"]').focus();
    await page.keyboard.press('End');
    await page
      .getByTestId('plan-row')
      .filter({ hasText: `p${String(BIG - 1).padStart(5, '0')}.jpg` })
      .waitFor();
    console.log(
      `plan of ${BIG} files in ${seconds.toFixed(1)} s: ${lines.length} status lines drawn, ${events} row events\n  while planning: ${describeStats(frames)}`,
    );
  }, 120_000);

  it('watches a folder: a file copied in is processed and shown, and Stop ends it cleanly', async () => {
    const app = await suite.open({ colorScheme: 'dark' });
    const { page } = app;
    const watched = join(root, 'Inbox');
    const out = join(root, 'out-watch');
    await makeImage(join(watched, 'first.jpg'), { width: 240, height: 160 });
    await queueByDrop(app, [{ path: watched, name: 'Inbox', count: 1 }]);
    await chooseOutputFolder(app, out);

    await page.getByRole('switch', { name: 'Watch' }).check();
    await page.getByRole('button', { name: 'Start watching' }).click();
    const line = page.getByTestId('run-status');
    // What was there already is brought up to date first; then the watch waits.
    await expect
      .poll(() => fileRow(page, 'first.jpg').getByTestId('file-status').textContent(), { timeout: 30_000 })
      .toBe('Done');
    await expect
      .poll(() => line.textContent(), { timeout: 30_000 })
      .toMatch(/^Watching 1 folder · (waiting for new images|last: 1 processed at \d\d:\d\d)$/);

    await copyFile(join(watched, 'first.jpg'), join(watched, 'arrived.jpg'));
    await expect
      .poll(() => fileRow(page, 'arrived.jpg').getByTestId('file-status').textContent(), { timeout: 30_000 })
      .toBe('Done');
    await expect.poll(() => line.textContent()).toMatch(/^Watching 1 folder · last: 1 processed at \d\d:\d\d$/);
    await app.screenshot('runbar-watching-1280-dark');

    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.getByRole('button', { name: 'Start watching' }).waitFor({ timeout: 30_000 });
    const files = await listFiles(out);
    expect(files.filter(isTempFile)).toEqual([]);
    expect(
      files
        .filter((f) => f.endsWith('.jpg'))
        .map((f) => f.split('/').at(-1))
        .sort(),
    ).toEqual(['arrived.jpg', 'first.jpg']);
    // Stopped means closed: the main process holds no watch of that id any more.
    const id = app.emitted.find(([event]) => event === 'watch:event')?.[1] as { id: string } | undefined;
    expect(await app.handlers['watch:stop']({ id: id?.id ?? 'w1' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  }, 90_000);
});
