// Files a batch passes over, in the window: the summary counts every file of the dropped folders,
// folds the ones that are no images under one line with the list of them and their reasons, and
// names a dropped folder that holds no files. Real Chromium, real handlers and workers.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeImage } from '../fixtures.js';
import { chooseOutputFolder, fileRow, openProblems, queueByDrop, queueRow, waitForSummary } from './app-actions.js';
import { chromiumMissing } from './chromium.js';
import type { AppHarness } from './harness.js';
import { e2eSuite } from './suite.js';

describe.skipIf(chromiumMissing)('Files passed over, in Chromium', () => {
  let app: AppHarness;
  const suite = e2eSuite('ignored');

  it('counts every file, lists the ones that are no images with their reason, and names an empty folder', async () => {
    const folder = join(suite.root, 'Card');
    await makeImage(join(folder, 'photo.jpg'));
    await writeFile(join(folder, 'notes.txt'), 'Shot on the 3rd.\n');
    await writeFile(join(folder, '.DS_Store'), Buffer.from([0, 0, 0, 1, 0x42, 0x75]));
    // JPEG XR: an image format (so it counts as one) that no decoder here reads.
    await writeFile(
      join(folder, 'frame.jxr'),
      Buffer.concat([Buffer.from([0x49, 0x49, 0xbc, 0x01]), Buffer.alloc(60, 7)]),
    );
    const empty = join(suite.root, 'Empty');
    await mkdir(empty);

    app = await suite.open();
    await queueByDrop(app, [
      { path: folder, name: 'Card', count: 2 },
      { path: empty, name: 'Empty', count: 0 },
    ]);
    // Answered at queue time, in the file list, before any batch.
    await expect.poll(() => fileRow(app.page, '.DS_Store').getByTestId('file-status').textContent()).toBe('Hidden');
    expect(await fileRow(app.page, 'notes.txt').getByTestId('file-status').textContent()).toBe('Not an image');
    expect(await queueRow(app.page, 'Empty').textContent()).toContain('this folder holds no files');
    await chooseOutputFolder(app, join(suite.root, 'out'));
    await app.page.getByRole('button', { name: 'Start', exact: true }).click();

    const summary = await waitForSummary(app.page);
    expect(summary).toMatch(/1 image done, 1 failed/);
    // Every file has its answer in the problem list: the failure, and each file or folder passed over.
    const problems = await openProblems(app.page, '1 problem · 3 passed over');
    const passed = await problems.getByTestId('passed-over-row').allTextContents();
    expect(passed).toHaveLength(3);
    expect(passed.find((r) => r.startsWith('.DS_Store'))).toMatch(/Card.*Hidden file, skipped\./);
    expect(passed.find((r) => r.startsWith('notes.txt'))).toMatch(/Card.*Not an image: this is a text file\./);
    expect(passed.find((r) => r.startsWith('Empty'))).toMatch(/This folder holds no files\./);
    expect(await problems.getByTestId('error-row').textContent()).toMatch(
      /frame\.jxr.*UNSUPPORTED_FORMAT.*JPEG XR format, which Pixmill cannot read/,
    );
    await app.screenshot('finished-with-files-passed-over');
  });
});
