import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeImage } from '../fixtures.js';
import { addFilter, chooseOutputFolder, queueByDrop } from './app-actions.js';
import { chromiumMissing } from './chromium.js';
import type { AppHarness } from './harness.js';
import { e2eSuite } from './suite.js';

const ENGINE_WORDS = /steps\.\d|batch:|Expected /;

/** The little of the DOM these checks read (the tests' tsconfig has no DOM library). */
interface El {
  tagName: string;
  textContent: string | null;
  parentElement: El | null;
  getAttribute(name: string): string | null;
}
interface Doc {
  body: El;
  createTreeWalker(root: El, what: number): { nextNode(): unknown; currentNode: El };
  querySelectorAll(selector: string): ArrayLike<El>;
  getElementById(id: string): El | null;
}

/** Every text node, every naming or describing attribute, and every description the page holds. */
function shownTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: Doc }).document;
    const texts: string[] = [];
    const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
    while (walker.nextNode()) {
      const parent = walker.currentNode.parentElement;
      if (parent && parent.tagName !== 'SCRIPT' && parent.tagName !== 'STYLE')
        texts.push(walker.currentNode.textContent ?? '');
    }
    const attributes = ['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'aria-valuetext'];
    for (const el of Array.from(doc.querySelectorAll('*'))) {
      for (const name of attributes) {
        const value = el.getAttribute(name);
        if (value) texts.push(value);
      }
      for (const id of (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean))
        texts.push(doc.getElementById(id)?.textContent ?? '');
    }
    return texts.filter((t) => t.trim() !== '');
  });
}

async function expectNoEngineWords(page: Page): Promise<void> {
  const leaks = (await shownTexts(page)).filter((t) => ENGINE_WORDS.test(t));
  expect(leaks).toEqual([]);
}

/** The words a control's aria-describedby points at. */
async function descriptionOf(control: Locator): Promise<string> {
  return control.evaluate((el) => {
    const doc = (globalThis as unknown as { document: Doc }).document;
    return (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id: string) => doc.getElementById(id)?.textContent ?? '')
      .join(' ');
  });
}

describe.skipIf(chromiumMissing)('validation for people', () => {
  let app: AppHarness;
  let root: string;
  let input: string;

  const suite = e2eSuite('validation', async (dir) => {
    root = dir;
    input = join(root, 'in');
    await makeImage(join(input, 'photo.jpg'), { width: 800, height: 600 });
  });

  it('says what is wrong with every invalid setting at once, at its field, and keeps Start blocked', async () => {
    app = await suite.open();
    const { page } = app;
    await queueByDrop(app, [{ path: input, name: 'in', count: 1 }]);
    await chooseOutputFolder(app, join(root, 'out'));

    const resize = await addFilter(page, 'Resize');
    await resize.getByLabel('Width', { exact: true }).fill('0');
    const sharpen = await addFilter(page, 'Sharpen');
    await sharpen.getByLabel('Radius', { exact: true }).fill('99');
    const crop = await addFilter(page, 'Crop');
    await crop.getByLabel('Height', { exact: true }).fill('');
    const watermark = await addFilter(page, 'Watermark image');
    await watermark.getByLabel('Opacity', { exact: true }).fill('150');
    const text = await addFilter(page, 'Text overlay');
    await text.getByLabel('Size', { exact: true }).fill('2.5');
    await page.getByLabel('Naming pattern').fill('../{name}');

    const expected: [Locator, string][] = [
      [resize.getByLabel('Width', { exact: true }), 'Width must be between 1 and 65,535 px'],
      [sharpen.getByLabel('Radius', { exact: true }), 'Radius must be between 0.3 and 10 px'],
      [crop.getByLabel('Height', { exact: true }), 'Enter a number for height, between 1 and 65,535 px'],
      [watermark.getByRole('textbox', { name: 'Watermark file' }), 'Choose a watermark file'],
      [watermark.getByLabel('Opacity', { exact: true }), 'Opacity must be between 0 and 100 %'],
      [text.getByLabel('Size', { exact: true }), 'Size must be a whole number between 4 and 1000 px'],
    ];
    for (const [control, message] of expected) {
      await expect.poll(() => control.getAttribute('aria-invalid')).toBe('true');
      expect(await descriptionOf(control)).toBe(message);
      // The message is next to its field, where a sighted person looks for it.
      expect(await control.locator('xpath=ancestor::div[contains(@class,"param")][1]').textContent()).toContain(
        message,
      );
    }
    // Each invalid control carries an id the run bar's list can move the focus to.
    const ids = await page.locator('[aria-invalid="true"]').evaluateAll((els) => els.map((el) => el.id));
    for (const id of ids.filter((i) => i.startsWith('step-'))) expect(id).toMatch(/^step-\d+-[a-zA-Z]+$/);
    expect(ids.filter((i) => i.startsWith('step-'))).toHaveLength(expected.length);
    await expect.poll(() => page.getByText(/naming pattern may not contain/).count()).toBeGreaterThan(0);

    const start = page.getByRole('button', { name: 'Start', exact: true });
    expect((await start.getAttribute('aria-disabled')) === 'true' || (await start.isDisabled())).toBe(true);
    await start.click({ force: true });
    expect(await page.getByTestId('summary').count()).toBe(0);
    await app.screenshot('validation-all-at-once');
    await expectNoEngineWords(page);

    // The presets popover too: saving is refused in words while the settings are invalid.
    await page.getByRole('button', { name: 'Presets' }).click();
    const menu = page.getByRole('dialog', { name: 'Presets' });
    await menu.getByLabel('Save current steps as').fill('Broken');
    await menu.getByRole('button', { name: 'Save preset' }).click();
    await menu.getByText(/settings to correct first/).waitFor();
    await expectNoEngineWords(page);

    // Fixing one leaves the others listed; fixing all clears every message.
    await page.keyboard.press('Escape');
    await resize.getByLabel('Width', { exact: true }).fill('640');
    await expect.poll(() => resize.getByLabel('Width', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    expect(await sharpen.getByLabel('Radius', { exact: true }).getAttribute('aria-invalid')).toBe('true');
  });

  it("puts the engine's refusals into words: a missing watermark file, an output folder around the input", async () => {
    app = await suite.open();
    const { page } = app;
    await queueByDrop(app, [{ path: input, name: 'in', count: 1 }]);
    await chooseOutputFolder(app, join(root, 'out-refused'));
    const missing = join(root, 'no-such-logo.png');
    const watermark = await addFilter(page, 'Watermark image');
    await watermark.getByRole('textbox', { name: 'Watermark file' }).fill(missing);
    const start = page.getByRole('button', { name: 'Start', exact: true });
    await start.click();
    await page.getByText(`The watermark file ${missing} does not exist or is not a file`).waitFor();
    await expectNoEngineWords(page);

    await page.getByRole('button', { name: 'Remove Watermark image' }).click();
    await page.getByLabel('Output folder', { exact: true }).fill(root);
    await start.click();
    await page.getByText(`The output folder ${root} contains the input folder ${input}`).waitFor();
    await expectNoEngineWords(page);
    await app.screenshot('validation-refused');
  });
});
