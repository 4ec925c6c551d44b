import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeImage } from '../fixtures.js';
import { queueByDrop, setWorkers } from './app-actions.js';
import { chromiumMissing } from './chromium.js';
import type { AppHarness } from './harness.js';
import { e2eSuite } from './suite.js';

const MODE_LABELS = { processes: 'Processes', threads: 'Threads', inline: 'Inline' } as const;

describe.skipIf(chromiumMissing)('the Benchmark view', () => {
  let app: AppHarness;
  let root: string;
  let folder: { path: string; name: string; count: number };

  const suite = e2eSuite('bench', async (dir) => {
    root = dir;
    folder = { path: join(root, 'Holiday'), name: 'Holiday', count: 4 };
    for (let i = 0; i < folder.count; i++)
      await makeImage(join(folder.path, `holiday-${i + 1}.jpg`), { width: 400, height: 300 });
  });

  it('races the modes on the queued images, charts them, and applies the winner to the Workers panel', async () => {
    app = await suite.open();
    const { page } = app;
    await queueByDrop(app, [folder]);
    // A setting no benchmark default can produce, so applying the winner visibly changes it.
    await setWorkers(page, 3, 'Threads');

    // The benchmark opens from Settings, where the Workers choice lives.
    const openBenchmark = async () => {
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Open the benchmark' }).click();
      await page.getByRole('button', { name: 'Back to batch', exact: true }).waitFor();
    };
    await openBenchmark();
    await expect
      .poll(() => page.getByTestId('bench-sample').textContent())
      .toBe('Uses 4 of the 4 queued images, spread evenly over the queue.');
    await page.getByLabel('Rounds', { exact: true }).selectOption('1');
    await page.getByRole('button', { name: 'Run benchmark', exact: true }).click();

    const sentence = page.getByTestId('bench-sentence');
    await sentence.waitFor({ timeout: 90_000 });
    expect(await sentence.textContent()).toMatch(
      // The fastest fixed setting, then auto against it when auto was raced.
      /^(processes|threads|inline) at \d+ workers?.*\(4 photos, 1 round\)\.( Auto ran at \d+\.\d+× the fastest fixed setting\.)?$/,
    );
    const chart = page.getByTestId('bench-chart');
    await expect.poll(() => chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(3);
    // Every bar has a height: each setting finished and was drawn.
    const heights = await chart
      .locator('.recharts-bar-rectangle path')
      .evaluateAll((paths) => paths.map((p) => (p as unknown as { getBBox(): { height: number } }).getBBox().height));
    expect(heights.every((h) => h > 0)).toBe(true);
    // The bars take their colour from the stylesheet (the CSP allows no inline styles in markup).
    const fill = await chart
      .locator('.bench-mode-processes .recharts-rectangle')
      .first()
      .evaluate(
        (el) => (globalThis as unknown as { getComputedStyle(e: unknown): { fill: string } }).getComputedStyle(el).fill,
      );
    expect(fill).toBe('rgb(47, 111, 228)');

    const use = page.getByRole('button', { name: /^Use (processes|threads|inline) × \d+$/ });
    const [, mode, workers] = /^Use (processes|threads|inline) × (\d+)$/.exec((await use.textContent()) ?? '')!;
    await use.click();
    await app.screenshot('benchmark');

    // Back in the batch view, Settings holds the winner.
    await page.getByRole('button', { name: 'Back to batch', exact: true }).click();
    await page.getByRole('button', { name: 'Start', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect
      .poll(() => dialog.getByRole('spinbutton', { name: 'Workers', exact: true }).inputValue())
      .toBe(workers);
    expect(
      await dialog.getByRole('radio', { name: MODE_LABELS[mode as keyof typeof MODE_LABELS], exact: true }).isChecked(),
    ).toBe(true);
    await app.screenshot('settings');
    // Esc closes the dialog.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.emulateMedia({ colorScheme: 'dark' });
    await openBenchmark();
    await chart.waitFor();
    await app.screenshot('benchmark-dark');
    expect(app.consoleErrors).toEqual([]);
  });
});
