// Real drag and drop: Chromium's input pipeline, not a synthetic DOM event, so the page's drop
// handler gets real File objects (folders included, with webkitGetAsEntry().isDirectory true).
import type { Locator, Page } from 'playwright-core';

export async function dropPaths(page: Page, target: Locator, paths: readonly string[]): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('The drop target is not visible');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const data = { items: [], files: [...paths], dragOperationsMask: 1 };
  const cdp = await page.context().newCDPSession(page);
  try {
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const)
      await cdp.send('Input.dispatchDragEvent', { type, x, y, data });
  } finally {
    await cdp.detach();
  }
}
