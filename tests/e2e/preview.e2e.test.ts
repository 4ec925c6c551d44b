// The preview in a real Chromium, bridged to the real handlers and engine: the pixels of the
// before and after images are read back with sharp, the output's figures are checked against the
// engine's own encode of the same file and recipe, and a slow answer to an older request is held
// back on purpose to prove it never replaces a newer one.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../common/format.js';
import type { PipelineSpec } from '../../common/pipeline.js';
import { expectDone, run } from '../../workers/image/test-support.js';
import { makeImage } from '../fixtures.js';
import { addFilter, queueByDrop } from './app-actions.js';
import { chromiumMissing } from './chromium.js';
import type { AppHarness } from './harness.js';
import { imageSrc, measure } from './pixels.js';
import { e2eSuite } from './suite.js';

interface ImageBox {
  natural: [number, number];
  box: { x: number; y: number; width: number; height: number };
}

/** The image's own pixel size and where it is drawn. */
const imageBox = (img: Locator): Promise<ImageBox> =>
  img.evaluate((el) => {
    const image = el as unknown as {
      naturalWidth: number;
      naturalHeight: number;
      getBoundingClientRect(): { x: number; y: number; width: number; height: number };
    };
    const r = image.getBoundingClientRect();
    return {
      natural: [image.naturalWidth, image.naturalHeight] as [number, number],
      box: { x: r.x, y: r.y, width: r.width, height: r.height },
    };
  });

const dataBytes = (src: string): Buffer => Buffer.from(src.slice(src.indexOf(',') + 1), 'base64');

/** Resolves after the page has drawn two more frames: whatever it was told before has been rendered. */
const painted = (page: Page): Promise<void> =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const raf = (globalThis as unknown as { requestAnimationFrame(cb: () => void): void }).requestAnimationFrame;
        raf(() => raf(() => resolve()));
      }),
  );

async function expectNoAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).include('.area-preview').analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe.skipIf(chromiumMissing)('The preview in Chromium', () => {
  let app: AppHarness;
  let root: string;
  let sample: string;
  let logo: string;

  const suite = e2eSuite('preview', async (dir) => {
    root = dir;
    sample = await makeImage(join(root, 'sample.jpg'), { width: 1200, height: 900 });
    logo = await makeImage(join(root, 'logo.png'), { width: 400, height: 300, format: 'png', alpha: true });
  });

  const before = () => app.page.getByAltText('Before', { exact: true });
  const after = () => app.page.getByAltText('After', { exact: true });
  const info = () => app.page.getByTestId('preview-info');
  const rendered = () => expect.poll(() => app.page.getByText('Rendering…', { exact: true }).count()).toBe(0);

  async function openWithSample(): Promise<void> {
    app = await suite.open();
    await queueByDrop(app, [{ path: sample, name: 'sample.jpg', count: 1 }]);
    await after().waitFor({ timeout: 20_000 });
  }

  it('shows the first queued image before and after, grey after Grayscale, and reads its figures', async () => {
    await openWithSample();
    expect((await measure(await imageSrc(before()))).meanChroma).toBeGreaterThan(20);
    await addFilter(app.page, 'Grayscale');
    await expect
      .poll(async () => (await measure(await imageSrc(after()))).maxChroma, { timeout: 20_000 })
      .toBeLessThanOrEqual(2);
    expect((await measure(await imageSrc(before()))).meanChroma).toBeGreaterThan(20);
    await expect.poll(() => info().textContent()).toContain('1200 × 900 px');
    await rendered();
    await app.screenshot('preview');
    await expectNoAxeViolations(app.page);
  });

  it('moves the before/after divider with the keyboard and the pointer, and shows the two side by side at one size', async () => {
    await openWithSample();
    const divider = app.page.getByRole('slider', { name: 'Before/after divider' });
    const clip = () =>
      after().evaluate((el) => (el.parentElement as unknown as { style: { clipPath: string } }).style.clipPath);
    expect(await divider.getAttribute('aria-valuenow')).toBe('50');
    const view = (await app.page.locator('.preview-view').boundingBox())!;
    const handle = (await divider.boundingBox())!;
    await app.page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await app.page.mouse.down();
    await app.page.mouse.move(view.x + view.width / 4, view.y + view.height / 2, { steps: 4 });
    await app.page.mouse.up();
    await expect.poll(async () => Number(await divider.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(24);
    expect(Number(await divider.getAttribute('aria-valuenow'))).toBeLessThanOrEqual(26);
    await divider.focus();
    await app.page.keyboard.press('End');
    await expect.poll(() => divider.getAttribute('aria-valuenow')).toBe('100');
    await app.page.keyboard.press('PageDown');
    await expect.poll(() => divider.getAttribute('aria-valuenow')).toBe('90');
    await app.page.keyboard.press('Home');
    await expect.poll(() => divider.getAttribute('aria-valuenow')).toBe('0');
    await app.page.keyboard.press('ArrowRight');
    await app.page.keyboard.press('ArrowRight');
    await app.page.keyboard.press('ArrowRight');
    await expect.poll(() => divider.getAttribute('aria-valuenow')).toBe('3');
    expect(await clip()).toBe('inset(0px 0px 0px 3%)');
    await app.page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => divider.getAttribute('aria-valuenow')).toBe('13');

    // Side by side, on the same window: no divider, the two images at one size.
    await app.page.getByRole('radio', { name: 'Side by side', exact: true }).check();
    await expect.poll(() => app.page.getByRole('slider', { name: 'Before/after divider' }).count()).toBe(0);
    const [b, a] = [await imageBox(before()), await imageBox(after())];
    expect(b.box.x + b.box.width).toBeLessThanOrEqual(a.box.x);
    expect(a.box.width).toBeCloseTo(b.box.width, 0);
    expect(a.box.y).toBeCloseTo(b.box.y, 0);
    await rendered();
    await app.screenshot('preview-side-by-side');
    await expectNoAxeViolations(app.page);
  });

  it("shows the output's real pixels at 100 %, pans both images together, and its real size and bytes", async () => {
    await openWithSample();
    const requests: PipelineSpec[] = [];
    const real = app.handlers['preview:render'];
    app.handlers['preview:render'] = (payload) => {
      requests.push((payload as { spec: PipelineSpec }).spec);
      return real(payload);
    };
    const resize = await addFilter(app.page, 'Resize');
    await resize.getByLabel('Width', { exact: true }).fill('1000');
    await resize.getByLabel('Height', { exact: true }).fill('1000');
    await app.page.getByLabel('Format', { exact: true }).selectOption({ label: 'JPEG' });
    await expect.poll(() => info().textContent(), { timeout: 20_000 }).toContain('1000 × 750 px');
    await expect.poll(() => info().textContent(), { timeout: 20_000 }).toContain('JPEG');

    await app.page.getByRole('button', { name: '100 %', exact: true }).click();
    await expect.poll(async () => (await imageBox(after())).natural, { timeout: 20_000 }).toEqual([1000, 750]);
    expect((await imageBox(after())).box.width).toBeCloseTo(1000, 0);
    expect(await app.page.getByLabel('Zoom level').textContent()).toBe('100 %');

    // The figures are the engine's own encode of this file with the spec the window sent.
    const spec = requests.at(-1)!;
    const engine = expectDone(await run(sample, root, spec, 'reference'));
    expect([engine.width, engine.height]).toEqual([1000, 750]);
    expect(dataBytes(await imageSrc(after())).length).toBe(engine.bytesOut);
    const original = (await stat(sample)).size;
    const pct = Math.round((1 - engine.bytesOut / original) * 100);
    const text = (await info().textContent()) ?? '';
    expect(text).toContain(formatBytes(engine.bytesOut));
    expect(text).toContain(`${pct} % smaller than the original (${formatBytes(original)})`);
    expect(text).not.toMatch(/about/);

    // Panning moves before and after together.
    const start = await imageBox(after());
    await app.page.getByRole('group', { name: /^Before and after/ }).focus();
    await app.page.keyboard.press('ArrowRight');
    await app.page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await imageBox(after())).box.x).toBeLessThan(start.box.x);
    const [b, a] = [await imageBox(before()), await imageBox(after())];
    expect(a.box.y).toBeLessThan(start.box.y);
    expect(b.box).toEqual(a.box);
    await rendered();
    await app.screenshot('preview-100');

    await app.page.getByRole('button', { name: 'Zoom to fit', exact: true }).click();
    await expect.poll(async () => (await imageBox(after())).box.width).toBeLessThan(1000);
    const fitted = (await imageBox(after())).box.width;

    // One notch of the wheel over the image zooms in a step.
    const stage = (await app.page.getByRole('group', { name: /^Before and after/ }).boundingBox())!;
    await app.page.mouse.move(stage.x + stage.width / 2, stage.y + stage.height / 2);
    await app.page.mouse.wheel(0, -100);
    await expect.poll(async () => (await imageBox(after())).box.width).toBeGreaterThan(fitted);
  });

  it('says the bytes are an estimate for AVIF, close to the real file', async () => {
    await openWithSample();
    await app.page.getByLabel('Format', { exact: true }).selectOption({ label: 'AVIF' });
    await expect.poll(() => info().textContent(), { timeout: 30_000 }).toContain('AVIF');
    const text = (await info().textContent()) ?? '';
    const shown = /about ([\d.]+) (kB|MB)/.exec(text);
    expect(shown, text).not.toBeNull();
    const bytes = Number(shown![1]) * (shown![2] === 'MB' ? 1e6 : 1e3);
    const engine = expectDone(await run(sample, root, { output: { format: 'avif' } }, 'reference-avif'));
    expect(bytes / engine.bytesOut).toBeGreaterThan(0.8);
    expect(bytes / engine.bytesOut).toBeLessThan(1.25);
  });

  it('offers JPEG XL and shows its exact bytes, the real file decoded again', async () => {
    await openWithSample();
    await app.page.getByLabel('Format', { exact: true }).selectOption({ label: 'JPEG XL' });
    await expect.poll(() => info().textContent(), { timeout: 60_000 }).toContain('JPEG XL');
    const text = (await info().textContent()) ?? '';
    expect(text).not.toMatch(/about/);
    const engine = expectDone(await run(sample, root, { output: { format: 'jxl' } }, 'reference-jxl'));
    expect(text).toContain(formatBytes(engine.bytesOut));
  });

  it('never lets an older, slower answer replace a newer one', async () => {
    await openWithSample();
    const colour = await imageSrc(after());
    const real = app.handlers['preview:render'];
    let held: (() => void) | null = null;
    let heldAnswered: Promise<unknown> | null = null;
    app.handlers['preview:render'] = (payload) => {
      if (heldAnswered) return real(payload);
      // The first request after this point answers only once released, after the next one.
      const answer = new Promise<void>((resolve) => {
        held = resolve;
      }).then(() => real(payload));
      heldAnswered = answer;
      return answer;
    };
    await addFilter(app.page, 'Negate');
    await expect.poll(() => held !== null).toBe(true);
    await addFilter(app.page, 'Grayscale');
    await expect
      .poll(async () => (await measure(await imageSrc(after()))).maxChroma, { timeout: 20_000 })
      .toBeLessThanOrEqual(2);
    const newest = await imageSrc(after());
    (held as unknown as () => void)();
    const old = (await (heldAnswered as unknown as Promise<unknown>)) as {
      ok: boolean;
      value?: { after: { src: string } };
    };
    // The held answer is a real, different picture: the negated colour image.
    expect(old.ok).toBe(true);
    expect((await measure(old.value!.after.src)).meanChroma).toBeGreaterThan(20);
    expect(old.value!.after.src).not.toBe(colour);
    await painted(app.page);
    expect(await imageSrc(after())).toBe(newest);
    expect(await app.page.getByText('Rendering…', { exact: true }).count()).toBe(0);
  });

  it('previews an image chosen with Choose image…, with the warnings the batch will give', async () => {
    await openWithSample();
    await app.page.getByLabel('Format', { exact: true }).selectOption({ label: 'JPEG' });
    app.dialogs.next('addFiles', [logo]);
    await app.page.getByRole('button', { name: 'Choose image…', exact: true }).click();
    await expect.poll(() => info().textContent(), { timeout: 20_000 }).toContain('400 × 300 px');
    expect(await app.page.locator('.preview-name').textContent()).toBe('logo.png');
    const list = app.page.getByTestId('preview-warnings');
    await expect
      .poll(() => list.textContent(), { timeout: 20_000 })
      .toContain('Transparency was filled with white (JPEG cannot hold it).');
    const meta = await sharp(dataBytes(await imageSrc(after()))).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([400, 300, 'jpeg']);
  });

  it('fills the area at 1024×700 and 1920×1080, light and dark, with no contrast problems', async () => {
    await openWithSample();
    // The same window in both themes: the theme is switched in place.
    for (const scheme of ['light', 'dark'] as const) {
      await app.page.emulateMedia({ colorScheme: scheme });
      for (const [width, height] of [
        [1024, 700],
        [1920, 1080],
      ] as const) {
        await app.page.setViewportSize({ width, height });
        const area = (await app.page.locator('.area-preview').boundingBox())!;
        await expect
          .poll(async () => (await app.page.locator('.preview-view').boundingBox())!.width)
          .toBeGreaterThan(area.width - 60);
        await rendered();
        await app.screenshot(`preview-${width}x${height}-${scheme}`);
        // The view takes what the area's height leaves after the controls above (two rows when
        // narrow) and the figures below.
        const view = (await app.page.locator('.preview-view').boundingBox())!;
        expect(view.height, `view ${view.height} px of an area ${area.height} px tall`).toBeGreaterThan(
          area.height - 180,
        );
      }
      await expectNoAxeViolations(app.page);
    }
  });
});
