// The auto mode in a real Chromium against the real engine: Auto is the default and is what
// Start sends, a memory budget is refused at its field in words, a real batch in auto says in the
// run bar what auto chose, and the Benchmark runs the chain the person built, auto among them.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchRequest, ParsedRequestOf } from '../../common/ipc.js';
import { makeImage } from '../fixtures.js';
import { addFilter, chooseOutputFolder, queueByDrop, waitForSummary } from './app-actions.js';
import { chromiumMissing } from './chromium.js';
import type { AppHarness } from './harness.js';
import { e2eSuite } from './suite.js';

/** Keeps each request the page sends on `channel`, then lets the real handler answer it. */
function recordRequests<C extends 'batch:start' | 'bench:run'>(app: AppHarness, channel: C): ParsedRequestOf<C>[] {
  const seen: ParsedRequestOf<C>[] = [];
  const handlers = app.handlers as unknown as Record<string, (req: unknown) => Promise<unknown>>;
  const real = handlers[channel]!;
  handlers[channel] = (req) => {
    seen.push(req as ParsedRequestOf<C>);
    return real(req);
  };
  return seen;
}

describe.skipIf(chromiumMissing)('the auto mode in the window', () => {
  let root: string;
  let folder: { path: string; name: string; count: number };
  const suite = e2eSuite('auto', async (dir) => {
    root = dir;
    folder = { path: join(root, 'Walk'), name: 'Walk', count: 12 };
    for (let i = 0; i < folder.count; i++)
      await makeImage(join(folder.path, `walk-${String(i + 1).padStart(2, '0')}.jpg`), { width: 480, height: 360 });
  });

  it('starts in Auto, refuses a memory budget that is no size, and says what auto chose', async () => {
    const app = await suite.open();
    const { page } = app;
    const starts = recordRequests(app, 'batch:start');
    await queueByDrop(app, [folder]);
    await chooseOutputFolder(app, join(root, 'out-auto'));

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const auto = dialog.getByRole('radio', { name: 'Auto', exact: true });
    expect(await auto.isChecked()).toBe(true);
    // With Auto, the count is a ceiling, and the field says so to assistive tech as well.
    const workers = dialog.getByRole('spinbutton', { name: 'Workers', exact: true });
    expect(await workers.getAttribute('aria-describedby')).toBeTruthy();
    await expect.poll(() => dialog.getByText(/^Auto runs at most \d+ at once/).count()).toBe(1);

    const budget = dialog.getByRole('textbox', { name: 'Memory budget', exact: true });
    await budget.fill('100 MB');
    await page.keyboard.press('Tab');
    const refusal = dialog.getByRole('alert').filter({ hasText: 'at least 256 MB' });
    await refusal.waitFor();
    expect(await budget.getAttribute('aria-invalid')).toBe('true');
    await budget.fill('lots');
    await dialog.getByRole('alert').filter({ hasText: 'like 1 GB or 512 MB' }).waitFor();
    await app.screenshot('auto-workers-refused');
    await budget.fill('1 GB');
    await dialog.getByRole('alert').waitFor({ state: 'detached' });
    await app.screenshot('auto-workers');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Start', exact: true }).click();
    const summary = await waitForSummary(page);
    expect(summary).toMatch(/12 images done/);
    expect(starts).toHaveLength(1);
    expect(starts[0]).toMatchObject({ mode: 'auto', memoryBudgetMb: 1024 } satisfies Partial<BatchRequest>);
    const line = page.getByTestId('run-tuning');
    await expect
      .poll(() => line.textContent())
      .toMatch(/^Auto chose \d+ (process|processes|threads?)\b.* × \d+ libvips threads?/);
    await app.screenshot('auto-run-line');
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot('auto-run-line-dark');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await app.screenshot('auto-workers-dark');
    expect(app.consoleErrors).toEqual([]);
  });

  it('benchmarks the chain the person built, auto beside the fixed modes', async () => {
    const app = await suite.open();
    const { page } = app;
    const runs = recordRequests(app, 'bench:run');
    await queueByDrop(app, [folder]);
    await addFilter(page, 'Grayscale');
    await page.getByLabel('Format', { exact: true }).selectOption({ label: 'WebP' });

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Open the benchmark' }).click();
    const recipe = page.getByTestId('bench-recipe');
    await expect.poll(() => recipe.textContent()).toMatch(/^Measures: .*Grayscale → WebP, quality \d+$/);
    await page.getByLabel('Rounds', { exact: true }).selectOption('1');
    await page.getByRole('button', { name: 'Run benchmark', exact: true }).click();
    const sentence = page.getByTestId('bench-sentence');
    await sentence.waitFor({ timeout: 120_000 });

    expect(runs).toHaveLength(1);
    expect(runs[0]!.spec?.steps.map((s) => s.op)).toContain('grayscale');
    expect(runs[0]!.spec?.output.format).toBe('webp');
    expect(await recipe.textContent()).toMatch(/^Measured: .*Grayscale → WebP/);
    // Auto raced and is set against the fastest fixed setting; "Use" still offers a fixed one.
    await page.getByRole('rowheader', { name: /^auto, at most \d+$/ }).waitFor();
    expect(await sentence.textContent()).toMatch(/Auto ran at \d+\.\d\d× the fastest fixed setting\.$/);
    await page.getByRole('button', { name: /^Use (processes|threads|inline) × \d+$/ }).waitFor();
    await app.screenshot('auto-benchmark');
    expect(app.consoleErrors).toEqual([]);
  });
});
