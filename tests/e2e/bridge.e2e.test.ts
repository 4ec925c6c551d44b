// The harness itself: if the bridge lost events, reordered them or mis-mapped dropped paths, the
// app scenarios would fail for the wrong reason (or pass for one). These check it on the built
// renderer page with the real handlers behind it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS, methodName } from '../../common/ipc.js';
import { makeImage } from '../fixtures.js';
import { chromiumMissing } from './chromium.js';
import { e2eSuite } from './suite.js';

type PageGlobals = { pixmill: Record<string, (...a: unknown[]) => unknown>; __seen: unknown[] };

describe.skipIf(chromiumMissing)('the e2e bridge', () => {
  const suite = e2eSuite('bridge');

  it('exposes one function per channel that reaches the real handlers', async () => {
    const app = await suite.open();
    const names = await app.page.evaluate(() => Object.keys((globalThis as unknown as PageGlobals).pixmill).sort());
    expect(names).toEqual([...CHANNELS.map((c) => methodName(c)), 'on', 'pathForFile'].sort());
    const info = await app.page.evaluate(() => (globalThis as unknown as PageGlobals).pixmill['appInfo']!());
    expect(info).toMatchObject({ ok: true, value: { version: '0.0.0-e2e' } });
    // The handlers' own zod check answers a bad payload, naming the field.
    const refused = await app.page.evaluate(() =>
      (globalThis as unknown as PageGlobals).pixmill['queueCount']!({ path: 'relative/path' }),
    );
    expect(refused).toMatchObject({ ok: false, code: 'INVALID_REQUEST', field: 'path' });
    // Showing a file in the file manager takes the same path check: nothing relative, nothing with '..'.
    for (const path of ['photos/a.jpg', '/photos/../etc/passwd']) {
      const shown = await app.page.evaluate(
        (p) => (globalThis as unknown as PageGlobals).pixmill['shellShowItem']!({ path: p }),
        path,
      );
      expect(shown).toMatchObject({ ok: false, code: 'INVALID_REQUEST', field: 'path' });
    }
    expect(app.shownItems).toEqual([]);
  });

  it('delivers every event in the order it was emitted, and stops after unsubscribe', async () => {
    const app = await suite.open();
    await app.page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals & { __off: () => void };
      g.__seen = [];
      g.__off = g.pixmill['on']!('queue:count', (p: unknown) =>
        g.__seen.push((p as { count: number }).count),
      ) as () => void;
    });
    for (let count = 0; count < 200; count++) app.emit('queue:count', { path: '/x', count, done: false });
    await app.settled();
    expect(await app.page.evaluate(() => (globalThis as unknown as PageGlobals).__seen)).toEqual(
      Array.from({ length: 200 }, (_, i) => i),
    );
    await app.page.evaluate(() => (globalThis as unknown as { __off: () => void }).__off());
    app.emit('queue:count', { path: '/x', count: 999, done: true });
    await app.settled();
    expect(await app.page.evaluate(() => (globalThis as unknown as PageGlobals).__seen)).toHaveLength(200);
  });

  it('drops a folder and a file with real drag events, and maps them back to their paths', async () => {
    const folder = join(suite.root, 'Holiday');
    const file = await makeImage(join(suite.root, 'single.jpg'), { width: 64, height: 48 });
    await makeImage(join(folder, 'a.jpg'), { width: 64, height: 48 });
    const app = await suite.open();
    await app.page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals & {
        document: { addEventListener(t: string, l: (e: never) => void, c: boolean): void };
      };
      g.__seen = [];
      type Drag = {
        preventDefault(): void;
        dataTransfer: {
          files: ArrayLike<{ name: string }>;
          items: ArrayLike<{ webkitGetAsEntry(): { isDirectory: boolean } | null }>;
        };
      };
      g.document.addEventListener('dragover', (e: Drag) => e.preventDefault(), true);
      g.document.addEventListener(
        'drop',
        (e: Drag) => {
          const files = Array.from(e.dataTransfer.files);
          const items = Array.from(e.dataTransfer.items);
          for (const [i, f] of files.entries()) {
            g.__seen.push({
              name: f.name,
              dir: items[i]?.webkitGetAsEntry()?.isDirectory,
              path: g.pixmill['pathForFile']!(f),
            });
          }
        },
        true,
      );
    });
    await app.drop([folder, file], app.page.locator('body'));
    await expect
      .poll(() => app.page.evaluate(() => (globalThis as unknown as PageGlobals).__seen))
      .toEqual([
        { name: 'Holiday', dir: true, path: folder },
        { name: 'single.jpg', dir: false, path: file },
      ]);
  });

  it('fails the test when the page throws an uncaught error', async () => {
    const broken = await suite.open();
    await broken.page.evaluate(
      () =>
        void setTimeout(() => {
          throw new Error('boom from the page');
        }),
    );
    await expect.poll(() => broken.pageErrors.length).toBe(1);
    await expect(broken.close()).rejects.toThrow(/uncaught page error: .*boom from the page/);
  });
});
