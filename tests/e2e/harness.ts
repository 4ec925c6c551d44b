// One test's app: a fresh page on the built renderer, bridged to the real main-process handlers
// and engine running in this Node process. Uncaught page errors fail the test at close().
import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { EventMap, EventName } from '../../common/ipc.js';
import { createHandlers, type Handlers } from '../../electron/main/handlers.js';
import { dropPaths } from './drag-drop.js';
import { bridgePage, EventForwarder, registerDropPaths } from './page-bridge.js';
import { SCREENSHOT_DIR } from './screenshots.js';
import { type StaticServer, serveDirectory } from './static-server.js';
import { memoryStore, QueuedDialogs } from './test-deps.js';

const repo = resolve(import.meta.dirname, '../..');
export const RENDERER_DIR = join(repo, 'out/renderer');

/** The server for the whole file; refuses to test a renderer that was never built. */
export async function serveRenderer(): Promise<StaticServer> {
  const index = join(RENDERER_DIR, 'index.html');
  if (!existsSync(index))
    throw new Error(`No built renderer at ${index}: run \`npx electron-vite build\` first (npm test does).`);
  const built = statSync(index).mtimeMs;
  const newest = await newestMtime(join(repo, 'renderer'));
  if (newest > built)
    console.warn('E2E: renderer/ has changed since the last build; the tests run the older build in out/renderer.');
  return serveDirectory(RENDERER_DIR);
}

async function newestMtime(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Math.max(0, ...entries.filter((e) => e.isFile()).map((e) => statSync(join(e.parentPath, e.name)).mtimeMs));
}

export class AppHarness {
  readonly pageErrors: string[] = [];
  readonly consoleErrors: string[] = [];
  private closed = false;
  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    readonly handlers: Handlers & { dispose(): Promise<void> },
    private readonly events: EventForwarder,
    /** Queue dialog answers here before the app opens a dialog. */
    readonly dialogs: QueuedDialogs,
    /** Folders the app asked the shell to open. */
    readonly openedPaths: string[],
    /** Files the app asked the file manager to show. */
    readonly shownItems: string[] = [],
  ) {}

  static async open(
    browser: Browser,
    url: string,
    options: { colorScheme?: 'light' | 'dark' } = {},
  ): Promise<AppHarness> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      colorScheme: options.colorScheme ?? 'light',
    });
    const page = await context.newPage();
    const events = new EventForwarder(page);
    const dialogs = new QueuedDialogs();
    const openedPaths: string[] = [];
    const shownItems: string[] = [];
    const handlers = createHandlers({
      version: '0.0.0-e2e',
      dialogs,
      store: memoryStore(),
      openPath: async (path) => {
        openedPaths.push(path);
        return '';
      },
      showItem: (path) => void shownItems.push(path),
      emit: (event, payload) => events.emit(event, payload),
    });
    const app = new AppHarness(page, context, handlers, events, dialogs, openedPaths, shownItems);
    page.on('pageerror', (error) => app.pageErrors.push(error.stack ?? error.message));
    page.on('console', (message) => {
      // Chromium asks an http server for /favicon.ico; Electron's app:// window never does.
      if (message.type() !== 'error' || message.location().url.endsWith('/favicon.ico')) return;
      app.consoleErrors.push(`${message.text()} (${message.location().url}:${message.location().lineNumber})`);
    });
    await bridgePage(page, handlers);
    await page.goto(url);
    return app;
  }

  /** Drops folders and files on `target` (the drop zone by default) with real drag events. */
  async drop(paths: readonly string[], target: Locator = this.page.getByTestId('drop-zone')): Promise<void> {
    await registerDropPaths(this.page, paths);
    await dropPaths(this.page, target, paths);
  }

  async screenshot(name: string): Promise<string> {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    // Clicking scrolls the columns to the control; a picture of the state reads best from the top.
    await this.page.evaluate(() => {
      const doc = (
        globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ scrollTop: number }> } }
      ).document;
      for (const el of Array.from(doc.querySelectorAll('*'))) if (el.scrollTop > 0) el.scrollTop = 0;
    });
    // Transitions run to their end first: a bar caught mid-slide would misstate the numbers beside it.
    await this.page.screenshot({ path, animations: 'disabled' });
    return path;
  }

  /** Sends an event to the page the way the handlers' emit does (for checking the bridge). */
  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    this.events.emit(event, payload);
  }

  /** Resolves once every event emitted so far has reached the page. */
  settled(): Promise<void> {
    return this.events.settled();
  }

  /** Every event the handlers emitted, in order (what the UI was told). */
  get emitted() {
    return this.events.log;
  }

  /** Closes the page and the engine; throws if the page had an uncaught error or lost an event. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.events.settled();
    this.events.close();
    await this.handlers.dispose();
    await this.context.close();
    const problems = [
      ...this.pageErrors.map((e) => `uncaught page error: ${e}`),
      ...this.events.errors.map((e) => `event not delivered: ${e}`),
    ];
    if (this.consoleErrors.length) console.warn(`E2E console errors:\n  ${this.consoleErrors.join('\n  ')}`);
    if (problems.length) throw new Error(problems.join('\n'));
  }
}
