import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { listFiles, makeImage } from '../fixtures.js';
import { addFilter, chooseOutputFolder, queueByDrop, waitForSummary } from './app-actions.js';
import { chromiumMissing } from './chromium.js';
import type { AppHarness } from './harness.js';
import { e2eSuite } from './suite.js';

const cards = (page: Page): Locator => page.getByTestId('chain-step');
const toggleOf = (card: Locator): Locator => card.locator('.disclosure');
/** The steps' names, top to bottom, as the cards show them. */
const order = (page: Page): Promise<string[]> =>
  page.locator('[data-testid="chain-step"] .step-name').allTextContents();
const focusedText = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const doc = (
      globalThis as unknown as {
        document: { activeElement: { tagName: string; textContent: string; id: string } | null };
      }
    ).document;
    const el = doc.activeElement;
    return el ? `${el.tagName}:${el.id}:${el.textContent}` : '';
  });

describe.skipIf(chromiumMissing)('the chain', () => {
  let app: AppHarness;
  let root: string;
  let photo: string;
  let runs = 0;

  const suite = e2eSuite('chain', async (dir) => {
    root = dir;
    photo = await makeImage(join(root, 'in', 'photo.jpg'), { width: 1200, height: 900 });
  });

  /** Runs the current chain over the one photo; returns the output's size. */
  async function runOnce(): Promise<{ width: number; height: number }> {
    const out = join(root, `out-${++runs}`);
    await chooseOutputFolder(app, out);
    await app.page.getByRole('button', { name: 'Start', exact: true }).click();
    expect(await waitForSummary(app.page)).toContain('Finished');
    const [file] = await listFiles(out);
    const meta = await sharp(join(out, file!)).metadata();
    return { width: meta.width, height: meta.height };
  }

  async function resizeThenRotate(page: Page): Promise<void> {
    const resize = await addFilter(page, 'Resize');
    await resize.getByLabel('Resize by').selectOption({ label: 'Width' });
    await resize.getByLabel('Width', { exact: true }).fill('400');
    await addFilter(page, 'Rotate');
  }

  it('says what each step does in words, and collapses and expands it', async () => {
    app = await suite.open();
    const resize = await addFilter(app.page, 'Resize');
    const toggle = toggleOf(resize);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await resize.getByLabel('Resize by').selectOption({ label: 'Long edge' });
    expect(await resize.getByLabel('Resize by').locator('option').allTextContents()).toEqual([
      'Fit in a box',
      'Width',
      'Height',
      'Long edge',
      'Percentage',
    ]);
    expect(await resize.getByLabel('Scaling method').locator('option:checked').textContent()).toBe(
      'Best quality (Lanczos)',
    );
    await expect.poll(() => toggle.textContent()).toMatch(/Resize.*long edge 1600 px/);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');

    const sharpen = await addFilter(app.page, 'Sharpen');
    await sharpen.getByLabel('Radius', { exact: true }).fill('0.5');
    await expect.poll(() => toggleOf(sharpen).textContent()).toMatch(/Sharpen · .*light, radius 0\.5 px$/);
    expect(await sharpen.getByText('px', { exact: true }).count()).toBeGreaterThan(0);

    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await resize.getByLabel('Long edge', { exact: true }).count()).toBe(0);
    await toggle.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await resize.getByLabel('Long edge', { exact: true }).inputValue()).toBe('1600');
  });

  it('reorders with the keyboard, and the batch runs the steps in the new order', async () => {
    app = await suite.open();
    await queueByDrop(app, [{ path: join(root, 'in'), name: 'in', count: 1 }]);
    await resizeThenRotate(app.page);
    // 1200×900 → width 400 → 400×300 → a quarter turn → 300×400.
    expect(await runOnce()).toEqual({ width: 300, height: 400 });

    const handle = app.page.getByRole('button', { name: 'Reorder Rotate' });
    await handle.focus();
    // Each key waits for what a screen reader hears: dnd-kit listens for the next key only once it has answered.
    await app.page.keyboard.press('Space');
    await expect.poll(() => handle.getAttribute('aria-pressed')).toBe('true');
    await app.page.getByText('Picked up Rotate, position 2 of 2.').waitFor({ state: 'attached' });
    await app.page.keyboard.press('ArrowUp');
    await app.page.getByText('Rotate moved to position 1 of 2.').waitFor({ state: 'attached' });
    await app.page.keyboard.press('Space');
    await app.page.getByText('Rotate dropped at position 1 of 2.').waitFor({ state: 'attached' });
    await expect.poll(() => order(app.page)).toEqual(['Rotate', 'Resize']);
    // 1200×900 → a quarter turn → 900×1200 → width 400 → 400×533.
    expect(await runOnce()).toEqual({ width: 400, height: 533 });

    await app.page.getByRole('button', { name: 'Move Rotate down' }).click();
    await expect.poll(() => order(app.page)).toEqual(['Resize', 'Rotate']);
    // At the bottom its Move down is off; the focus went to Move up, not to the page.
    expect(
      await app.page.evaluate(() =>
        (
          globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } } }
        ).document.activeElement.getAttribute('aria-label'),
      ),
    ).toBe('Move Rotate up');
  });

  it('reorders by dragging a card with the mouse', async () => {
    app = await suite.open();
    await resizeThenRotate(app.page);
    await addFilter(app.page, 'Grayscale');
    for (const card of await cards(app.page).all()) await toggleOf(card).click();
    const handle = app.page.getByRole('button', { name: 'Reorder Grayscale' });
    const from = (await handle.boundingBox())!;
    const to = (await cards(app.page).first().boundingBox())!;
    await app.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await app.page.mouse.down();
    // Several small moves: the pointer sensor starts a drag only after a few pixels of travel.
    await app.page.mouse.move(from.x + from.width / 2, from.y - 10, { steps: 5 });
    await app.page.mouse.move(from.x + from.width / 2, to.y + 4, { steps: 10 });
    await app.page.mouse.up();
    await expect.poll(() => order(app.page)).toEqual(['Grayscale', 'Resize', 'Rotate']);
  });

  it('duplicates a step with its values, and a disabled step is not applied', async () => {
    app = await suite.open();
    await queueByDrop(app, [{ path: join(root, 'in'), name: 'in', count: 1 }]);
    await resizeThenRotate(app.page);
    await app.page.getByRole('button', { name: 'Duplicate Resize' }).click();
    await expect.poll(() => order(app.page)).toEqual(['Resize', 'Resize', 'Rotate']);
    const copy = cards(app.page).nth(1);
    expect(await copy.getByLabel('Width', { exact: true }).inputValue()).toBe('400');
    expect(await app.page.getByRole('button', { name: 'Remove Resize (step 2)' }).count()).toBe(1);
    await copy.getByLabel('Width', { exact: true }).fill('200');

    const rotateOn = app.page.getByRole('switch', { name: 'Enabled: Rotate' });
    expect(await rotateOn.isChecked()).toBe(true);
    await rotateOn.uncheck();
    await expect.poll(() => toggleOf(cards(app.page).nth(2)).textContent()).toContain('(off)');
    // Width 400, then 200, no rotation: 1200×900 → 200×150.
    expect(await runOnce()).toEqual({ width: 200, height: 150 });
  });

  it('removes the focused card with Delete and moves the focus to the next, the previous, then Add', async () => {
    app = await suite.open();
    await addFilter(app.page, 'Resize');
    await addFilter(app.page, 'Blur');
    await addFilter(app.page, 'Rotate');
    await toggleOf(cards(app.page).nth(1)).focus();
    await app.page.keyboard.press('Delete');
    await expect.poll(() => order(app.page)).toEqual(['Resize', 'Rotate']);
    expect(await focusedText(app.page)).toMatch(/^BUTTON:step-\d+-toggle:2Rotate/);

    await app.page.keyboard.press('Delete');
    await expect.poll(() => order(app.page)).toEqual(['Resize']);
    expect(await focusedText(app.page)).toMatch(/^BUTTON:step-\d+-toggle:1Resize/);

    // Delete in a field edits the field; it never removes the step.
    const width = cards(app.page).first().getByLabel('Width', { exact: true });
    await width.focus();
    await app.page.keyboard.press('Delete');
    expect(await order(app.page)).toEqual(['Resize']);

    await app.page.getByRole('button', { name: 'Remove Resize' }).click();
    await expect.poll(() => cards(app.page).count()).toBe(0);
    expect(await focusedText(app.page)).toMatch(/^SELECT:add-step:/);
  });

  it('picks a position on a 3×3 grid, by click and by arrow keys, named in words', async () => {
    app = await suite.open();
    const text = await addFilter(app.page, 'Text overlay');
    const grid = text.getByRole('radiogroup', { name: 'Position' });
    const cells = grid.getByRole('radio');
    expect(await cells.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')))).toEqual([
      'Top left',
      'Top',
      'Top right',
      'Left',
      'Centre',
      'Right',
      'Bottom left',
      'Bottom',
      'Bottom right',
    ]);
    expect(await grid.getByRole('radio', { name: 'Bottom right' }).isChecked()).toBe(true);
    await grid.getByRole('radio', { name: 'Bottom right' }).focus();
    await app.page.keyboard.press('ArrowUp');
    await app.page.keyboard.press('ArrowLeft');
    expect(await grid.getByRole('radio', { name: 'Centre' }).isChecked()).toBe(true);
    await expect.poll(() => toggleOf(text).textContent()).toContain('centre');
    await grid.getByRole('radio', { name: 'Top left' }).click();
    await expect.poll(() => toggleOf(text).textContent()).toContain('top left');
    await app.page.keyboard.press('ArrowUp');
    expect(await grid.getByRole('radio', { name: 'Top left' }).isChecked()).toBe(true);
  });

  it('shows what a preset contains, applies it in one step, and Undo restores the chain and output exactly', async () => {
    app = await suite.open();
    const blur = await addFilter(app.page, 'Blur');
    await blur.getByLabel('Radius', { exact: true }).fill('3');
    await app.page.getByLabel('Format', { exact: true }).selectOption({ label: 'PNG' });

    const presets = app.page.getByRole('button', { name: 'Presets' });
    await presets.click();
    const menu = app.page.getByRole('dialog', { name: 'Presets' });
    await menu.waitFor();
    const web = menu.getByRole('button', { name: 'Web 1600 JPEG' });
    expect(await web.getAttribute('aria-describedby')).toBeTruthy();
    expect(
      await web.evaluate(
        (el) => el.ownerDocument.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent,
      ),
    ).toBe('Resize · fit in 1600 × 1600 px; Sharpen · light, radius 0.5 px → JPEG, quality 82');
    await app.page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    expect(await focusedText(app.page)).toMatch(/^BUTTON:presets-button:/);

    await presets.click();
    await web.click();
    await menu.waitFor({ state: 'hidden' });
    await expect.poll(() => order(app.page)).toEqual(['Resize', 'Sharpen']);
    expect(await app.page.getByLabel('Format', { exact: true }).locator('option:checked').textContent()).toBe('JPEG');
    const notice = app.page.getByRole('status').filter({ hasText: 'Applied Web 1600 JPEG' });
    await notice.waitFor();
    await app.screenshot('chain-preset-applied');

    await notice.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => order(app.page)).toEqual(['Blur']);
    expect(await cards(app.page).first().getByLabel('Radius', { exact: true }).inputValue()).toBe('3');
    expect(await app.page.getByLabel('Format', { exact: true }).locator('option:checked').textContent()).toBe('PNG');
    expect(await focusedText(app.page)).toMatch(/^BUTTON:presets-button:/);
  });

  it('saves, renames and deletes a preset of its own in the menu', async () => {
    app = await suite.open();
    const resize = await addFilter(app.page, 'Resize');
    await resize.getByLabel('Width', { exact: true }).fill('800');
    await app.page.getByRole('button', { name: 'Presets' }).click();
    const menu = app.page.getByRole('dialog', { name: 'Presets' });
    await menu.getByLabel('Save current steps as').fill('Blog');
    await menu.getByRole('button', { name: 'Save preset' }).click();
    await expect.poll(async () => (await app.handlers['presets:list'](undefined)).ok).toBe(true);
    const names = async (): Promise<string[]> => {
      const r = await app.handlers['presets:list'](undefined);
      return r.ok ? r.value.map((p) => p.name) : [];
    };
    await expect.poll(names).toEqual(['Blog']);
    await menu.getByRole('button', { name: 'Blog', exact: true }).waitFor();
    expect(
      await menu.getByText('Resize · fit in 800 × 1600 px → Same format as the original, quality 82').count(),
    ).toBe(1);

    await menu.getByRole('button', { name: 'Rename Blog' }).click();
    const rename = menu.getByLabel('New name for Blog');
    expect(await focusedText(app.page)).toMatch(/^INPUT:/);
    await rename.fill('Blog 800');
    await rename.press('Enter');
    await expect.poll(names).toEqual(['Blog 800']);
    await menu.getByRole('button', { name: 'Blog 800', exact: true }).waitFor();

    await menu.getByRole('button', { name: 'Delete Blog 800' }).click();
    await expect.poll(names).toEqual([]);
    await menu.getByText('None yet').waitFor();
  });

  /** axe-core's WCAG A and AA rules over the inspector (the popover lives inside it). */
  async function axeViolations(page: Page): Promise<string[]> {
    const result = await new AxeBuilder({ page: page as never })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .include('.area-inspector')
      .analyze();
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  /** axe in both themes over the same state: the theme is switched in place, not rebuilt. */
  async function expectNoViolations(page: Page): Promise<void> {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await axeViolations(page), colorScheme).toEqual([]);
    }
  }

  it('passes axe in light and dark: cards open and closed, off, invalid, grid, presets', async () => {
    app = await suite.open();
    const resize = await addFilter(app.page, 'Resize');
    await resize.getByLabel('Width', { exact: true }).fill('0');
    const sharpen = await addFilter(app.page, 'Sharpen');
    await toggleOf(sharpen).click();
    await app.page.getByRole('switch', { name: 'Enabled: Sharpen' }).uncheck();
    await addFilter(app.page, 'Watermark image');
    await addFilter(app.page, 'Text overlay');
    await app.page.getByRole('button', { name: 'Presets' }).click();
    await app.page.getByRole('dialog', { name: 'Presets' }).getByRole('button', { name: 'Thumbnail 400 WebP' }).click();
    await app.page.getByRole('status').filter({ hasText: 'Applied Thumbnail 400 WebP' }).waitFor();
    await expectNoViolations(app.page);
    await app.page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => cards(app.page).count()).toBe(4);
    await expectNoViolations(app.page);
    await app.page.getByRole('button', { name: 'Presets' }).click();
    await app.page.getByRole('dialog', { name: 'Presets' }).waitFor();
    await expectNoViolations(app.page);
    await app.screenshot('chain-presets-dark');
  });

  it('looks right in light and dark at 1024×700 and 1920×1080 (screenshots), nothing wider than its column', async () => {
    app = await suite.open();
    const resize = await addFilter(app.page, 'Resize');
    await resize.getByLabel('Resize by').selectOption({ label: 'Long edge' });
    await toggleOf(resize).click();
    await addFilter(app.page, 'Sharpen');
    await toggleOf(cards(app.page).nth(1)).click();
    const wm = await addFilter(app.page, 'Watermark image');
    await wm.getByRole('textbox', { name: 'Watermark file' }).fill(photo);
    for (const [width, height] of [
      [1024, 700],
      [1920, 1080],
    ] as const) {
      await app.page.setViewportSize({ width, height });
      for (const colorScheme of ['light', 'dark'] as const) {
        await app.page.emulateMedia({ colorScheme });
        await app.screenshot(`chain-${colorScheme}-${width}`);
      }
      const box = await app.page.locator('.area-inspector').boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      // Nothing in the inspector runs wider than its column.
      const overflow = await app.page
        .locator('.area-inspector')
        .evaluate((el) => el.scrollWidth - (el as unknown as { clientWidth: number }).clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }
  });
});
