// The set-up every E2E file shares: one Chromium, one renderer server and one page for the file
// (each app opens afresh on it, see AppPage), a temp folder for its fixtures (made once, while
// Chromium starts), and every app a test opened closed after it, so that a page error or a lost
// event still fails the test that caused it.
import { rm } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { tempDir } from '../fixtures.js';
import { launchChromium } from './chromium.js';
import { AppHarness, AppPage, type OpenOptions, serveRenderer } from './harness.js';
import type { StaticServer } from './static-server.js';

export interface Suite {
  /** The file's temp folder: fixtures, outputs. */
  readonly root: string;
  /** A fresh app (own document, own handlers and engine), closed after the test; one open at a time. */
  open(options?: OpenOptions): Promise<AppHarness>;
}

/**
 * Registers the file's hooks. `fixtures` runs once, beside Chromium's start; what it makes is
 * shared by the file's tests, which must not change it (outputs go to folders of their own).
 * Starting Chromium and drawing fixture photos is CPU work: on a busy 2-core machine it can take
 * longer than the default minute, hence the hook's own timeout.
 */
export function e2eSuite(prefix: string, fixtures?: (root: string) => Promise<void>, timeout = 180_000): Suite {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  let tab: AppPage | undefined;
  let root = '';
  const opened: AppHarness[] = [];

  beforeAll(async () => {
    root = await tempDir(`pixmill-e2e-${prefix}-`);
    [browser, server] = await Promise.all([launchChromium(), serveRenderer(), fixtures?.(root)]);
  }, timeout);

  afterEach(async () => {
    const apps = opened.splice(0);
    // Every app is closed even if one of them reports a problem; the first problem fails the test.
    const closed = await Promise.allSettled(apps.map((app) => app.close()));
    const failed = closed.find((c): c is PromiseRejectedResult => c.status === 'rejected');
    if (failed) throw failed.reason;
  });

  afterAll(async () => {
    await tab?.close();
    await browser?.close();
    await server?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  return {
    get root() {
      return root;
    },
    async open(options = {}) {
      if (!browser || !server) throw new Error('The suite has not started (open apps inside tests or hooks).');
      // A page that crashed or was closed is replaced; otherwise the next app opens on the same one.
      if (!tab?.usable) tab = await AppPage.create(browser);
      const app = await AppHarness.open(tab, server.url, options);
      opened.push(app);
      return app;
    },
  };
}
