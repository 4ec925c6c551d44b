// Every main view of the window, light and dark: axe-core finds no accessibility violation in any
// of them, and each is photographed at the three window sizes the README shows (1024×700,
// 1440×900, 1920×1080). The pictures are published to docs/screenshots/ on request (screenshots.ts).

import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDamaged } from '../fixtures.js';
import { addFilter, chooseOutputFolder, queueByDrop, waitForSummary } from './app-actions.js';
import { chromiumMissing } from './chromium.js';
import type { AppHarness } from './harness.js';
import { publishScreenshots } from './screenshots.js';
import { e2eSuite } from './suite.js';

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;
/**
 * Every size when the pictures are to be published; otherwise the middle one only, which is what
 * axe checks (the run bar's test proves each size keeps Start in reach; each resize costs a render).
 */
const PHOTOGRAPHED = process.env['PIXMILL_UPDATE_SCREENSHOTS'] === '1' ? SIZES : [SIZES[1]];
const THEMES = ['light', 'dark'] as const;

/**
 * A landscape drawn from an SVG: sky, sun and hills in the colours of a photo, so the pictures read
 * as a photo tool's (and compress: noise would make each published PNG several times larger).
 */
async function scene(path: string, width: number, height: number, hue: number): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="hsl(${hue},70%,45%)"/><stop offset="1" stop-color="hsl(${hue + 30},80%,80%)"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#sky)"/>
    <circle cx="${width * 0.7}" cy="${height * 0.35}" r="${height * 0.12}" fill="hsl(45,95%,70%)"/>
    <path d="M0 ${height * 0.75} Q ${width * 0.3} ${height * 0.5} ${width * 0.6} ${height * 0.72} T ${width} ${height * 0.65} V ${height} H 0 Z" fill="hsl(${hue + 90},35%,30%)"/>
  </svg>`;
  await mkdir(dirname(path), { recursive: true });
  await sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toFile(path);
  return path;
}

/** The rules' findings as one line each, so a failure names the rule and the elements. */
async function axeViolations(app: AppHarness): Promise<string[]> {
  const result = await new AxeBuilder({ page: app.page }).analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

describe.skipIf(chromiumMissing)('the window, view by view', () => {
  let app: AppHarness;
  let holiday: { path: string; name: string; count: number };
  let scans: { path: string; name: string; count: number };
  let single: string;
  const findings: Record<string, string[]> = {};

  const suite = e2eSuite('look', async (root) => {
    holiday = { path: join(root, 'Holiday'), name: 'Holiday', count: 5 };
    scans = { path: join(root, 'Scans'), name: 'Scans', count: 5 };
    [single] = await Promise.all([
      scene(join(root, 'kodak.jpg'), 1200, 800, 200),
      ...Array.from({ length: holiday.count }, (_, i) =>
        scene(join(holiday.path, `beach-${i + 1}.jpg`), 1600, 1067, 190 + i * 25),
      ),
      makeDamaged(scans.path),
      scene(join(scans.path, 'receipt.jpg'), 800, 1100, 20),
    ]);
  });

  afterAll(async () => {
    console.info(
      `axe-core per view: ${Object.entries(findings)
        .map(([view, found]) => `${view} ${found.length}`)
        .join(', ')}`,
    );
    await publishScreenshots();
  });

  /** A picture of the settled state: no preview still rendering (a new size asks for a new one), no thumbnail on its way. */
  async function settled(): Promise<void> {
    // A resize reaches the preview through a ResizeObserver: two frames on, its new request has begun.
    await app.page.evaluate(
      () =>
        new Promise<void>((r) => {
          const raf = (globalThis as unknown as { requestAnimationFrame(cb: () => void): number })
            .requestAnimationFrame;
          raf(() => raf(() => r()));
        }),
    );
    await expect.poll(() => app.page.getByText('Rendering…').count(), { timeout: 60_000 }).toBe(0);
    await expect.poll(() => app.page.locator('.thumb-loading').count(), { timeout: 60_000 }).toBe(0);
  }

  /**
   * Checks the current state with axe, then photographs it at every size, in each theme in turn:
   * the theme is switched in place, so both see the very same state.
   */
  async function look(view: string): Promise<void> {
    for (const theme of THEMES) {
      await app.page.emulateMedia({ colorScheme: theme });
      await settled();
      findings[`${view}/${theme}`] = await axeViolations(app);
      for (const size of PHOTOGRAPHED) {
        await app.page.setViewportSize(size);
        await settled();
        await app.screenshot(`look-${view}-${size.width}x${size.height}-${theme}`);
      }
      await app.page.setViewportSize(SIZES[1]);
    }
  }

  it('light and dark: empty, queued with a preview, finished with problems, settings and benchmark', async () => {
    app = await suite.open();
    await app.page.setViewportSize(SIZES[1]);
    await app.page.getByRole('button', { name: 'Start', exact: true }).waitFor();
    await look('empty');

    await queueByDrop(app, [holiday, scans, { path: single, name: 'kodak.jpg', count: 1 }]);
    await addFilter(app.page, 'Resize');
    // A visible effect, so the split view shows before and after apart.
    await addFilter(app.page, 'Grayscale');
    await app.page.getByAltText('After', { exact: true }).waitFor({ timeout: 30_000 });
    await look('queued');

    await chooseOutputFolder(app, join(suite.root, 'out'));
    await app.page.getByRole('button', { name: 'Start', exact: true }).click();
    await waitForSummary(app.page);
    await look('finished');

    await app.page.getByRole('button', { name: 'Settings', exact: true }).click();
    await app.page.getByRole('dialog', { name: 'Settings' }).waitFor();
    await look('settings');

    await app.page.getByRole('button', { name: 'Open the benchmark', exact: true }).click();
    await app.page.getByRole('button', { name: 'Run benchmark', exact: true }).waitFor();
    await look('benchmark');
    // Every view's findings at once, in both themes: one run shows all that is wrong, not only the first.
    expect(Object.fromEntries(Object.entries(findings).filter(([, found]) => found.length > 0))).toEqual({});
  }, 240_000);
});
