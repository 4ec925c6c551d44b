// Pictures and accessibility checks of one state of the run bar, at the smallest window and a
// large one, light and dark: what the run-bar and output-safety tests take of every state.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { AppHarness } from './harness.js';

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1920, height: 1080 },
] as const;

/** axe-core's findings inside `selector` (the run bar's part of the window), as "rule: target" lines. */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).include(selector).analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/**
 * One state at the smallest and a large window, light and dark, transitions finished; in each
 * scheme the run bar (and what it opened) must pass axe-core.
 */
export async function shots(app: AppHarness, name: string, extra: string[] = []): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await app.page.emulateMedia({ colorScheme: scheme });
    for (const selector of ['footer.runbar', ...extra])
      expect(await axeViolations(app.page, selector), `${name}, ${scheme}: ${selector}`).toEqual([]);
    for (const size of SIZES) {
      await app.page.setViewportSize(size);
      await app.screenshot(`runbar-${name}-${size.width}-${scheme}`);
    }
  }
  await app.page.emulateMedia({ colorScheme: 'light' });
}
