// One test's app: a fresh document of the built renderer, bridged to the real main-process
// handlers and engine running in this Node process. Uncaught page errors fail the test at close().
// The engine's workers are the built ones (out/main/image-worker.js), as in the app: built from the
// same source in the same `npm test`, they start in a fraction of the time a worker loading its
// TypeScript through tsx takes, and every test starts several (thumbnails, preview, batch).
import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { WorkerMode } from '../../common/concurrency.js';
import type { EventMap, EventName } from '../../common/ipc.js';
import { createHandlers, type Handlers } from '../../electron/main/handlers.js';
import { imageWorkerEntry } from '../../workers/image/worker-entry-path.js';
import type { Spawner } from '../../workers/pool/messages.js';
import { spawnerFor } from '../../workers/pool/spawners.js';
import { dropPaths } from './drag-drop.js';
import { bridgePage, EventForwarder, registerDropPaths } from './page-bridge.js';
import { SCREENSHOT_DIR } from './screenshots.js';
import { type StaticServer, serveDirectory } from './static-server.js';
import { memoryStore, QueuedDialogs } from './test-deps.js';

const repo = resolve(import.meta.dirname, '../..');
export const RENDERER_DIR = join(repo, 'out/renderer');
const MAIN_DIR = join(repo, 'out/main');

/** The server for the whole file; refuses to test a renderer or workers that were never built. */
export async function serveRenderer(): Promise<StaticServer> {
  const index = join(RENDERER_DIR, 'index.html');
  const worker = join(MAIN_DIR, 'image-worker.js');
  for (const file of [index, worker])
    if (!existsSync(file))
      throw new Error(`No build at ${file}: run \`npx electron-vite build\` first (npm test does).`);
  if ((await newestMtime(join(repo, 'renderer'))) > statSync(index).mtimeMs)
    console.warn('E2E: renderer/ has changed since the last build; the tests run the older build in out/renderer.');
  const engine = Math.max(...(await Promise.all(['workers', 'common'].map((d) => newestMtime(join(repo, d))))));
  if (engine > statSync(worker).mtimeMs)
    console.warn(
      'E2E: workers/ or common/ has changed since the last build; the tests run the older workers in out/main.',
    );
  return serveDirectory(RENDERER_DIR);
}

/** The built image worker, for each mode (`inline` runs the pipeline in this process, from source). */
const builtWorkers = (): Record<WorkerMode, Spawner> => {
  const entry = imageWorkerEntry(pathToFileURL(join(MAIN_DIR, 'index.js')).href);
  return {
    processes: spawnerFor('processes', entry),
    threads: spawnerFor('threads', entry),
    inline: spawnerFor('inline', entry),
  };
};

export interface OpenOptions {
  colorScheme?: 'light' | 'dark';
}

async function newestMtime(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Math.max(0, ...entries.filter((e) => e.isFile()).map((e) => statSync(join(e.parentPath, e.name)).mtimeMs));
}

const VIEWPORT = { width: 1280, height: 800 };

/**
 * The page a file's apps open on, one after another: a browser context and page of their own per
 * app cost more than opening the app on a busy machine. Each app still starts clean: a document of
 * its own (the previous app's is navigated away first, and the renderer keeps nothing in storage),
 * the default window size and colour scheme, its own handlers behind the bridge, and page errors
 * and console errors counted for it alone.
 */
export class AppPage {
  /** The app open on the page, which the bridge and the error listeners answer for. */
  app: AppHarness | null = null;
  private constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
  ) {}

  static async create(browser: Browser): Promise<AppPage> {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    const tab = new AppPage(page, context);
    page.on('pageerror', (error) => tab.app?.pageErrors.push(error.stack ?? error.message));
    page.on('console', (message) => {
      // Chromium asks an http server for /favicon.ico; Electron's app:// window never does.
      if (message.type() !== 'error' || message.location().url.endsWith('/favicon.ico')) return;
      tab.app?.consoleErrors.push(`${message.text()} (${message.location().url}:${message.location().lineNumber})`);
    });
    await bridgePage(page, () => {
      if (!tab.app) throw new Error('No app is open on this page');
      return tab.app.handlers;
    });
    return tab;
  }

  get usable(): boolean {
    return !this.page.isClosed();
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

export class AppHarness {
  readonly pageErrors: string[] = [];
  readonly consoleErrors: string[] = [];
  readonly page: Page;
  private closed = false;
  private constructor(
    private readonly tab: AppPage,
    readonly handlers: Handlers & { dispose(): Promise<void> },
    private readonly events: EventForwarder,
    /** Queue dialog answers here before the app opens a dialog. */
    readonly dialogs: QueuedDialogs,
    /** Folders the app asked the shell to open. */
    readonly openedPaths: string[],
    /** Files the app asked the file manager to show. */
    readonly shownItems: string[] = [],
  ) {
    this.page = tab.page;
  }

  /** Opens the app on `tab`, which must have no app open. */
  static async open(tab: AppPage, url: string, options: OpenOptions = {}): Promise<AppHarness> {
    if (tab.app) throw new Error('An app is still open on this page: close it first');
    const { page } = tab;
    await page.setViewportSize(VIEWPORT);
    await page.emulateMedia({ colorScheme: options.colorScheme ?? 'light' });
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
      spawners: builtWorkers(),
    });
    const app = new AppHarness(tab, handlers, events, dialogs, openedPaths, shownItems);
    tab.app = app;
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
    try {
      // The app's document goes before its handlers, so nothing of it calls them once disposed.
      if (!this.page.isClosed()) await this.page.goto('about:blank');
    } finally {
      this.tab.app = null;
      await this.handlers.dispose();
    }
    const problems = [
      ...this.pageErrors.map((e) => `uncaught page error: ${e}`),
      ...this.events.errors.map((e) => `event not delivered: ${e}`),
    ];
    if (this.consoleErrors.length) console.warn(`E2E console errors:\n  ${this.consoleErrors.join('\n  ')}`);
    if (problems.length) throw new Error(problems.join('\n'));
  }
}
