// The stand-in for the preload: `window.pixmill` in the page, with one function per channel (as
// buildApi makes them) that calls the REAL handlers in the test's Node process through a Playwright
// binding, events pushed from Node into the page in order, and pathForFile answering for the
// paths the test dropped (the browser, unlike Electron's webUtils, gives no absolute path).
import type { Page } from 'playwright-core';
import { CHANNELS, type Channel, EVENT_NAMES, type EventMap, type EventName, methodName } from '../../common/ipc.js';
import type { Handlers } from '../../electron/main/handlers.js';

interface BridgeConfig {
  methods: [Channel, string][];
  events: readonly string[];
}

/** The page-side half: runs before the app's own scripts, in every document of the page. */
function installBridge({ methods, events }: BridgeConfig): void {
  type Listener = (payload: unknown) => void;
  const page = globalThis as unknown as {
    __pixmillInvoke(channel: string, payload: unknown): Promise<unknown>;
    __pixmillDropPaths?: Record<string, string>;
    reportError(error: unknown): void;
  };
  const listeners = new Map<string, Set<Listener>>(events.map((e) => [e, new Set<Listener>()]));
  const api: Record<string, unknown> = {};
  for (const [channel, method] of methods) api[method] = (payload?: unknown) => page.__pixmillInvoke(channel, payload);
  api['on'] = (event: string, listener: Listener) => {
    const set = listeners.get(event);
    if (!set) throw new Error(`Unknown event ${String(event)}`);
    const wrapped: Listener = (payload) => listener(payload);
    set.add(wrapped);
    return () => void set.delete(wrapped);
  };
  // Electron's webUtils gives '' for a File that is not on disk; so does this for unknown names.
  api['pathForFile'] = (file: { name: string }) => page.__pixmillDropPaths?.[file.name] ?? '';
  Object.defineProperty(globalThis, '__pixmillDispatch', {
    value: (batch: [string, unknown][]) => {
      for (const [event, payload] of batch) {
        for (const listener of [...(listeners.get(event) ?? [])]) {
          // A throwing listener is the app's bug: surface it as an uncaught page error, as it
          // would be in Electron, instead of failing the test process's evaluate call.
          try {
            listener(payload);
          } catch (error) {
            page.reportError(error);
          }
        }
      }
    },
  });
  Object.defineProperty(globalThis, 'pixmill', { value: Object.freeze(api), enumerable: true });
}

/** Installs the bridge once per page; `handlers` names the handlers of the app open on it now. */
export async function bridgePage(page: Page, handlers: () => Handlers): Promise<void> {
  await page.exposeBinding('__pixmillInvoke', (_source, channel: unknown, payload: unknown) => {
    if (!CHANNELS.includes(channel as Channel)) throw new Error(`Unknown channel ${String(channel)}`);
    return handlers()[channel as Channel](payload);
  });
  await page.addInitScript(installBridge, {
    methods: CHANNELS.map((c) => [c, methodName(c)]),
    events: EVENT_NAMES,
  } satisfies BridgeConfig);
}

/**
 * The test-process half of `emit`: events queue up and go to the page in batches, one evaluate at
 * a time, so they arrive in the order the engine emitted them.
 */
export class EventForwarder {
  private pending: [EventName, unknown][] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;
  readonly errors: string[] = [];
  /** Every event emitted, in order, for tests that check what the UI was told. */
  readonly log: [EventName, unknown][] = [];

  constructor(private readonly page: Page) {}

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    if (this.closed) return;
    this.log.push([event, payload]);
    this.pending.push([event, payload]);
    this.flushing ??= this.flush();
  }

  private async flush(): Promise<void> {
    while (this.pending.length && !this.closed) {
      const batch = this.pending;
      this.pending = [];
      try {
        await this.page.evaluate(
          (b) => (globalThis as unknown as { __pixmillDispatch(b: unknown): void }).__pixmillDispatch(b),
          batch,
        );
      } catch (error) {
        if (!this.closed && !this.page.isClosed())
          this.errors.push(`delivering ${batch.map(([e]) => e).join(', ')}: ${(error as Error).message}`);
      }
    }
    this.flushing = null;
  }

  /** Waits until everything emitted so far has reached the page. */
  async settled(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  close(): void {
    this.closed = true;
  }
}

/** Tells the page's pathForFile which absolute path a dropped name stands for. */
export async function registerDropPaths(page: Page, paths: readonly string[]): Promise<void> {
  const byName = Object.fromEntries(paths.map((p) => [p.split(/[\\/]/).filter(Boolean).at(-1) ?? p, p]));
  await page.evaluate((m) => {
    const g = globalThis as unknown as { __pixmillDropPaths?: Record<string, string> };
    g.__pixmillDropPaths = { ...g.__pixmillDropPaths, ...m };
  }, byName);
}
