import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { listFiles, makeImage } from '../fixtures.js';
import { chooseOutputFolder, queueByDrop, scrollToFile, waitForSummary } from './app-actions.js';
import { chromiumMissing } from './chromium.js';
import type { AppHarness } from './harness.js';
import { SCREENSHOT_DIR } from './screenshots.js';
import { e2eSuite } from './suite.js';

const rows = (page: Page): Locator => page.getByTestId('output-row');
const row = (page: Page, n: number): Locator => rows(page).nth(n - 1);
const labels = (page: Page): Promise<string[]> => page.getByTestId('output-row-label').allTextContents();
const focusedId = (page: Page): Promise<string> =>
  page.evaluate(
    () =>
      (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id ??
      '',
  );
const start = (page: Page): Locator => page.getByRole('button', { name: 'Start', exact: true });
const blocked = async (page: Page): Promise<boolean> =>
  (await start(page).getAttribute('aria-disabled')) === 'true' || (await start(page).isDisabled());

/** The words a control's aria-describedby points at. */
async function descriptionOf(control: Locator): Promise<string> {
  return control.evaluate((el) => {
    const doc = (globalThis as unknown as { document: { getElementById(id: string): { textContent: string } | null } })
      .document;
    return (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id: string) => doc.getElementById(id)?.textContent ?? '')
      .join(' ');
  });
}

/** A picture of the recipe column alone, where the outputs are set, tall enough to hold it all. */
async function shootInspector(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  const column = page.locator('.area-inspector');
  const height = await column.evaluate((el) => el.scrollHeight);
  await page.setViewportSize({ width: size?.width ?? 1280, height: Math.max(size?.height ?? 800, height + 160) });
  await column.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
  if (size) await page.setViewportSize(size);
}

describe.skipIf(chromiumMissing)('a recipe with several outputs', () => {
  let app: AppHarness;
  let root: string;
  let input: string;

  const suite = e2eSuite('recipes', async (dir) => {
    root = dir;
    input = join(root, 'in');
    await makeImage(join(input, 'wide.jpg'), { width: 1200, height: 800 });
    await makeImage(join(input, 'tall.png'), { width: 500, height: 900 });
  });

  it('builds a list of outputs with the keyboard, refuses a clash and a target on PNG at their fields', async () => {
    app = await suite.open();
    const { page } = app;
    await queueByDrop(app, [{ path: input, name: 'in', count: 2 }]);
    await chooseOutputFolder(app, join(root, 'out-built'));
    // One output by default, set where it always was.
    expect(await rows(page).count()).toBe(0);
    await page.getByLabel('Format', { exact: true }).selectOption({ label: 'JPEG' });
    await shootInspector(page, 'recipes-single');

    // "Add output" makes the one output the first of two; the new one's width takes the focus.
    await page.getByRole('button', { name: 'Add output' }).click();
    expect(await rows(page).count()).toBe(2);
    expect(await focusedId(page)).toMatch(/^output-row-\d+-width$/);
    await page.keyboard.type('400', { delay: 0 });
    await page.keyboard.press('Tab');
    const second = row(page, 2);
    await second.getByLabel('Format', { exact: true }).selectOption({ label: 'WebP' });
    // The name made from the width follows it.
    expect(await second.getByLabel('Naming pattern').inputValue()).toBe('{name}-400');
    expect(await labels(page)).toEqual(['JPEG', '400 px WebP']);

    // A third, by keyboard: Enter on the button.
    await page.getByRole('button', { name: 'Add output' }).focus();
    await page.keyboard.press('Enter');
    const third = row(page, 3);
    await third.getByLabel('Width', { exact: true }).fill('200');
    await third.getByLabel('Sub-folder').fill('thumbs');
    await third.getByLabel('Format', { exact: true }).selectOption({ label: 'PNG' });
    await third.getByLabel('Quality by').selectOption({ label: 'Target score' });
    const target = third.getByLabel('Target score', { exact: true });
    const onPng = 'A quality target needs JPEG, WebP, AVIF or JPEG XL: PNG, TIFF and GIF have no quality to choose';
    await expect.poll(() => target.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(target)).toContain(onPng);
    expect(await third.textContent()).toContain(onPng);
    expect(await blocked(page)).toBe(true);
    await expect.poll(() => page.locator('.run-bar').textContent()).toContain(`Output 3: ${onPng}`);

    // Two outputs of one name: refused at the second's name.
    await second.getByLabel('Format', { exact: true }).selectOption({ label: 'JPEG' });
    await second.getByLabel('Naming pattern').fill('{name}');
    const clash =
      'Outputs 1 and 2 would write files of the same name: give each its own naming pattern (such as {name}-800) or sub-folder';
    const secondName = second.getByLabel('Naming pattern');
    await expect.poll(() => secondName.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(secondName)).toContain(clash);
    await app.screenshot('recipes-refused');
    await shootInspector(page, 'recipes-refused-inspector');

    // The run bar's reason takes the focus to the control that fixes it.
    await page
      .locator('.run-bar')
      .getByRole('button', { name: /things to fix/ })
      .click();
    await page
      .locator('.run-bar')
      .getByRole('button', { name: new RegExp(`^Output 3: ${onPng}`) })
      .click();
    expect(await focusedId(page)).toMatch(/^output-row-\d+-targetScore$/);

    // Fixed: a lossy format for the target, a name of its own.
    await third.getByLabel('Format', { exact: true }).selectOption({ label: 'WebP' });
    await secondName.fill('{name}-400');
    await expect.poll(() => blocked(page)).toBe(false);
    expect(await labels(page)).toEqual(['JPEG', '400 px JPEG', '200 px WebP in thumbs/']);

    // With several outputs, a manifest can describe them.
    await page.getByLabel('Manifest').selectOption({ label: 'HTML <picture> snippet' });

    // Reordering with the buttons; a move to the end hands the focus to the opposite button.
    await row(page, 2).getByRole('button', { name: 'Move output 2 down' }).click();
    expect(await labels(page)).toEqual(['JPEG', '200 px WebP in thumbs/', '400 px JPEG']);
    expect(await focusedId(page)).toBe('');
    expect(
      await page.evaluate(
        () =>
          (
            globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }
          ).document.activeElement?.getAttribute('aria-label') ?? '',
      ),
    ).toBe('Move output 3 up');

    // Removing a row moves the focus to its neighbour; removing the last brings the one output back.
    await row(page, 1).getByRole('button', { name: 'Remove output 1' }).click();
    expect(await rows(page).count()).toBe(2);
    expect(await focusedId(page)).toMatch(/^output-row-\d+-toggle$/);
    await row(page, 2).getByRole('button', { name: 'Remove output 2' }).click();
    await row(page, 1).getByRole('button', { name: 'Remove output 1' }).click();
    expect(await rows(page).count()).toBe(0);
    expect(await focusedId(page)).toBe('add-output');
    expect(await page.getByLabel('Format', { exact: true }).inputValue()).toBe('jpeg');
    expect(await page.getByLabel('Manifest').count()).toBe(0);
  });

  it('fills a responsive set in one press, with Undo, and shows the new output settings', async () => {
    app = await suite.open();
    const { page } = app;
    await page.getByRole('button', { name: 'Responsive web' }).click();
    expect(await labels(page)).toEqual([
      '320 px WebP',
      '320 px JPEG',
      '800 px WebP',
      '800 px JPEG',
      '1600 px WebP',
      '1600 px JPEG',
    ]);
    expect(await page.getByLabel('Manifest').inputValue()).toBe('html');
    await page.getByRole('status').filter({ hasText: 'Responsive web' }).getByRole('button', { name: 'Undo' }).click();
    expect(await rows(page).count()).toBe(0);
    expect(await focusedId(page)).toBe('outputs-responsive');

    // The one output: a target, a size cap with its outcome, a shoot-out, custom metadata.
    await page.getByLabel('Quality by').selectOption({ label: 'Target score' });
    await page.getByLabel('Target score', { exact: true }).fill('85');
    await page.getByLabel('File size at most').fill('150');
    await page.getByLabel('If it can’t fit').selectOption({ label: 'Make it smaller until it fits' });
    await page.getByLabel('Format', { exact: true }).selectOption({ label: 'Smallest of several…' });
    const pick = page.getByRole('group', { name: 'Pick the smallest of' });
    await pick.getByLabel('JPEG XL').check();
    await page.getByLabel('Metadata').selectOption({ label: 'Choose what to keep…' });
    const keep = page.getByRole('group', { name: 'Keep' });
    expect(await keep.getByLabel('Location (GPS)').isChecked()).toBe(false);
    expect(await keep.getByLabel('Colour profile').isChecked()).toBe(true);
    await page.getByLabel('Keep file dates').check();
    await shootInspector(page, 'recipes-search');

    // What the settings file keeps is the spec the engine gets.
    const savedOutput = async (): Promise<Record<string, unknown> | undefined> => {
      const answer = (await page.evaluate(() =>
        (globalThis as unknown as { pixmill: { settingsGet(): Promise<unknown> } }).pixmill.settingsGet(),
      )) as { value: { spec?: { output: Record<string, unknown> } } };
      return answer.value.spec?.output;
    };
    await expect.poll(savedOutput).toMatchObject({
      targetScore: 85,
      maxBytes: 150_000,
      sizeCapOutcome: 'downscale',
      pickFormat: ['webp', 'avif', 'jxl'],
      metadata: 'custom',
      metadataKeep: ['exif', 'xmp', 'iptc', 'icc'],
      keepDates: true,
    });

    const axe = await new AxeBuilder({ page }).include('.area-inspector').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
  });

  it('runs three outputs from one decode: the files on disk, a manifest each, and each output in the row', async () => {
    app = await suite.open();
    const { page } = app;
    await queueByDrop(app, [{ path: input, name: 'in', count: 2 }]);
    const out = join(root, 'out-run');
    await chooseOutputFolder(app, out);
    await page.getByLabel('Format', { exact: true }).selectOption({ label: 'JPEG' });
    await page.getByRole('button', { name: 'Add output' }).click();
    await page.keyboard.type('400');
    await row(page, 2).getByLabel('Format', { exact: true }).selectOption({ label: 'WebP' });
    await page.getByRole('button', { name: 'Add output' }).click();
    const third = row(page, 3);
    await third.getByLabel('Width', { exact: true }).fill('');
    await third.getByLabel('Height', { exact: true }).fill('300');
    await third.getByLabel('Format', { exact: true }).selectOption({ label: 'PNG' });
    await third.getByLabel('Sub-folder').fill('thumbs');
    await third.getByLabel('Naming pattern').fill('{name}-{w}x{h}');
    expect(await third.getByTestId('naming-example').textContent()).toBe('thumbs/holiday/IMG_0001-450x300.png');
    await page.getByLabel('Manifest').selectOption({ label: 'JSON manifest' });
    await page.getByLabel('Keep file dates').check();

    await start(page).click();
    expect(await waitForSummary(page)).toContain('2 images done');
    // Three outputs of each image, and its manifest.
    const everyFile = [
      'tall-400.webp',
      'tall.jpg',
      'tall.json',
      'thumbs/tall-167x300.png',
      'thumbs/wide-450x300.png',
      'wide-400.webp',
      'wide.jpg',
      'wide.json',
    ];
    expect(await listFiles(out)).toEqual(everyFile);
    const facts = async (file: string): Promise<[string | undefined, number, number]> => {
      const m = await sharp(join(out, file)).metadata();
      return [m.format, m.width, m.height];
    };
    expect(await facts('wide.jpg')).toEqual(['jpeg', 1200, 800]);
    expect(await facts('wide-400.webp')).toEqual(['webp', 400, 267]);
    expect(await facts('thumbs/wide-450x300.png')).toEqual(['png', 450, 300]);
    expect(await facts('tall-400.webp')).toEqual(['webp', 400, 720]);
    expect(await facts('thumbs/tall-167x300.png')).toEqual(['png', 167, 300]);
    // Every output keeps its original's modification date.
    const original = (await stat(join(input, 'wide.jpg'))).mtimeMs;
    for (const file of ['wide.jpg', 'wide-400.webp', 'thumbs/wide-450x300.png'])
      expect(Math.abs((await stat(join(out, file))).mtimeMs - original), file).toBeLessThan(1000);

    // The row says how many outputs and their total; its details list each one.
    const wide = await scrollToFile(page, 'wide.jpg');
    await expect.poll(() => wide.getAttribute('data-status')).toBe('done');
    expect(await wide.locator('.file-meta').textContent()).toMatch(/→ 3 outputs · [\d.]+ kB/);
    const title = (await wide.getAttribute('title')) ?? '';
    for (const label of ['JPEG ·', '400 px WebP ·', '300 px PNG in thumbs/ ·']) expect(title).toContain(label);
    await wide.locator('.file-row-main').click();
    const written = page.getByTestId('file-outputs');
    await expect.poll(() => written.getByTestId('file-output').count()).toBe(3);
    expect(await written.getByTestId('file-output').nth(2).textContent()).toMatch(
      /^300 px PNG in thumbs\/wide-450x300\.png450 × 300 px[\d.]+ kB/,
    );
    await app.screenshot('recipes-run');

    // An output whose name is taken, with "skip": the others are written, the row names the one skipped.
    const again = join(root, 'out-again');
    await mkdir(again, { recursive: true });
    await writeFile(join(again, 'wide-400.webp'), 'taken');
    await chooseOutputFolder(app, again);
    await page.getByLabel('If an output already exists').selectOption({ label: 'Skip the image' });
    await start(page).click();
    await waitForSummary(page);
    const partial = await scrollToFile(page, 'wide.jpg');
    await expect.poll(() => partial.locator('.file-meta').textContent()).toMatch(/→ 2 of 3 outputs · [\d.]+ kB/);
    expect(await partial.locator('.file-meta').textContent()).toContain(
      '400 px WebP: skipped. A file of the output’s name exists already.',
    );
    expect(await listFiles(again)).toEqual(everyFile);
    await partial.locator('.file-row-main').click();
    await expect
      .poll(() => written.getByTestId('file-output').nth(1).textContent())
      .toBe('400 px WebPSkipped: A file of the output’s name exists already.');
    await app.screenshot('recipes-run-skipped');
  });

  it('passes axe in dark: a list with an open row, a refusal, a shoot-out and custom metadata', async () => {
    app = await suite.open({ colorScheme: 'dark' });
    const { page } = app;
    await page.getByRole('button', { name: 'Add output' }).click();
    const second = row(page, 2);
    await second.getByLabel('Format', { exact: true }).selectOption({ label: 'Smallest of several…' });
    await second.getByLabel('File size at most').fill('80');
    await second.getByLabel('Sub-folder').fill('../out');
    await page.getByLabel('Metadata').selectOption({ label: 'Choose what to keep…' });
    await page.getByLabel('Manifest').selectOption({ label: 'JSON manifest' });
    await expect.poll(() => second.getByLabel('Sub-folder').getAttribute('aria-invalid')).toBe('true');
    await shootInspector(page, 'recipes-dark');
    const axe = await new AxeBuilder({ page }).include('.area-inspector').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
  });
});
