// Pausing, resuming and cancelling a batch from the window: what the run bar says in each state,
// what the engine reports, and what is on disk. 24 sharpened 2 MP photos on one worker: long
// enough to pause and cancel midway. Nothing here waits for a fixed time; a busy machine only
// makes the batch slower. Real Chromium, real handlers and workers.
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../common/events.js';
import type { EventMap } from '../../common/ipc.js';
import { JOURNAL_NAME } from '../../workers/batch/journal.js';
import { listFiles } from '../fixtures.js';
import {
  addFilter,
  barValue,
  batchEvents,
  chooseOutputFolder,
  processedIn,
  queueByDrop,
  queueRow,
  setWorkers,
  waitForSummary,
} from './app-actions.js';
import { chromiumMissing } from './chromium.js';
import { type Folder, photoFolder } from './photo-folders.js';
import { shots } from './run-bar-shots.js';
import { e2eSuite } from './suite.js';

const runStatus = (page: Page) => page.getByTestId('run-status');

describe.skipIf(chromiumMissing)('pausing and cancelling a batch in the window', () => {
  let long: Folder;
  const suite = e2eSuite('pause-cancel', async (root) => {
    long = await photoFolder(root, 'Archive', 24, { width: 1600, height: 1200 }, 3);
  });

  it('pauses (Pausing… until the jobs in hand finish, then Paused and the count stands still) and resumes', {
    timeout: 180_000,
  }, async () => {
    const out = join(suite.root, 'out-pause');
    const app = await suite.open();
    await queueByDrop(app, [long]);
    await addFilter(app.page, 'Sharpen');
    await setWorkers(app.page, 1, 'Processes');
    await chooseOutputFolder(app, out);
    await app.page.getByRole('button', { name: 'Start', exact: true }).click();
    const overall = app.page.getByTestId('overall-progress');
    await expect.poll(() => barValue(overall), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    expect(await runStatus(app.page).textContent()).toMatch(/^\d+ of 24 images · /);
    await shots(app, 'running');

    await app.page.getByRole('button', { name: 'Pause', exact: true }).click();
    const resume = app.page.getByRole('button', { name: 'Resume', exact: true });
    await resume.waitFor();
    // The job in flight when Pause was pressed still lands; the window says "paused" only once
    // the engine reports no file in hand.
    await expect.poll(() => runStatus(app.page).textContent(), { timeout: 30_000 }).toMatch(/^Paused · /);
    await app.settled();
    const quietAt = batchEvents(app).findIndex((e) => e.type === 'progress' && e.paused && e.running === 0);
    const atQuiet = batchEvents(app)[quietAt] as EngineEvent & { type: 'progress' };
    const paused = await barValue(overall);
    expect(paused).toBe(atQuiet.processed + atQuiet.failed + atQuiet.skipped);
    expect(paused).toBeLessThan(long.count);
    expect(await runStatus(app.page).textContent()).toBe(`Paused · ${paused} of 24 images`);
    await app.screenshot('paused');
    await shots(app, 'paused');

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

  it('cancels mid-batch: Cancelled (not Finished), only whole outputs, every one the summary counted', async () => {
    const out = join(suite.root, 'out-cancel');
    const app = await suite.open();
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
    const summary = await waitForSummary(app.page, 60_000);
    expect(summary).toMatch(/^Cancelled · \d+ images? done/);
    expect(summary).not.toMatch(/Finished/);
    expect(await app.page.getByTestId('summary').getAttribute('class')).toContain('summary-cancelled');
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
    await shots(app, 'cancelled');
  });
});
