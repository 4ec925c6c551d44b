// `pixmill watch` and the window's Watch: the inputs stay watched, and each burst of settled
// changes (a file whose size has held still, not one still being copied) runs one incremental
// batch over just those files. A folder that goes away is waited for and looked at again when it
// returns. Stopping ends the running batch the way cancel does and closes the watcher.
//
// Every batch, the first one over all the inputs included, is bracketed by `watch-batch` and
// `watch-idle`; `watch-ready` follows the first, `watch-folder-back` the one that looked at the
// returned folder again, so both mean "watched, and up to date".
//
// A new folder is not itself handed to a batch: its walk would take files still being copied into
// it. chokidar reports each of its files once that file has settled, and those are handed over.
//
// The output folder going away (a drive unplugged, the folder deleted or renamed) ends the watch
// with `watch-stopped` saying so: the next batch would create the folder again, and on a drive's
// empty mount point that would fill the disk beneath it with files the person will not find.
import { debuglog } from 'node:util';
import type { BatchSummary, EngineEvent, WatchEvent } from '../../common/events.js';
import type { WorkerPool } from '../pool/pool.js';
import { BatchOptionsError, prepareBatch } from './prepare-batch.js';
import { startBatch } from './run-batch.js';
import type { BatchHandle, BatchOptions } from './types.js';
import { Burst } from './watch-burst.js';
import {
  closeWatcher,
  identityOf,
  isBack,
  isIntact,
  outputUnder,
  type PathIdentity,
  type RootWatcher,
  sameIdentity,
  watchRoot,
} from './watch-roots.js';

const debug = debuglog('pixmill');

/** How often the roots and the output folder are looked at, besides when a watcher reports trouble. */
const CHECK_INTERVAL_MS = 1000;

export interface WatchOptions extends Omit<BatchOptions, 'signal' | 'onEvent' | 'only'> {
  /** The events of every batch the watch runs, and the watch's own. */
  onEvent?: (event: EngineEvent | WatchEvent) => void;
  /** How long changes must have stopped before a batch starts. Default 500 ms. */
  debounceMs?: number;
  /** How long a file's size must hold still before it is taken (a copy in progress is not). Default 1000 ms. */
  stableMs?: number;
}

export interface WatchHandle {
  /**
   * Resolves once every root is watched and what was already there has been brought up to date
   * (or when the watch ends before that). Rejects, as `done` does, for invalid options.
   */
  readonly ready: Promise<void>;
  /** Stops watching; a running batch is cancelled (no half-written file). Resolves when all is closed. */
  stop(): Promise<void>;
  /** Resolves when the watch ends, stopped or for a reason of its own (see `watch-stopped`). */
  readonly done: Promise<void>;
}

/** `first`: the root as the watch first saw it; a root not there at the start is taken as it appears. */
type RootState =
  | { kind: 'watching'; first: PathIdentity; watched: PathIdentity; watcher: RootWatcher; lost: boolean }
  | { kind: 'gone'; first: PathIdentity | undefined };

export function startWatch(options: WatchOptions): WatchHandle {
  const session = new WatchSession(options);
  return { ready: session.ready, done: session.done, stop: () => session.end('Stopped.') };
}

class WatchSession {
  readonly ready: Promise<void>;
  readonly done: Promise<void>;
  private settleReady!: (error?: unknown) => void;
  private settleDone!: (error?: unknown) => void;
  private readonly batchOptions: Omit<WatchOptions, 'onEvent' | 'debounceMs' | 'stableMs'>;
  private readonly emit: (event: EngineEvent | WatchEvent) => void;
  private readonly stableMs: number;
  private readonly burst: Burst;
  private readonly beginning: Promise<void>;
  private readonly roots = new Map<string, RootState>();
  /** Roots that came back: `watch-folder-back` follows the batch that looks at them again. */
  private readonly returning = new Set<string>();
  private inputs: string[] = [];
  private outDir = '';
  private outIdentity: PathIdentity | undefined;
  private excluded: string[] = [];
  /** The batch under way, from the moment it is decided on (one at a time), and its handle once started. */
  private running: Promise<void> | undefined;
  private batch: BatchHandle | undefined;
  /** One pool for every batch of the watch: a burst does not wait for workers to start. */
  private readonly workers: { pool?: WorkerPool } = {};
  private started = false;
  private ending: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The check under way, which the end waits for: it may be starting a watcher. */
  private checking: Promise<void> | undefined;
  private checkAgain = false;

  constructor(options: WatchOptions) {
    const { onEvent, debounceMs = 500, stableMs = 1000, ...batchOptions } = options;
    this.batchOptions = batchOptions;
    this.emit = (event) => onEvent?.(event);
    this.stableMs = stableMs;
    this.burst = new Burst(debounceMs, () => this.pump());
    this.ready = new Promise((resolve, reject) => {
      this.settleReady = (error) => (error === undefined ? resolve() : reject(error));
    });
    this.done = new Promise((resolve, reject) => {
      this.settleDone = (error) => (error === undefined ? resolve() : reject(error));
    });
    // A caller may await only one of the two; the other must not become an unhandled rejection.
    this.ready.catch(() => {});
    this.done.catch(() => {});
    this.beginning = this.begin();
  }

  private async begin(): Promise<void> {
    try {
      // Refuses bad options before anything is watched, and creates the output folder.
      const prepared = await prepareBatch({ ...this.batchOptions });
      this.inputs = prepared.inputs;
      this.outDir = prepared.outDir;
      this.outIdentity = await identityOf(this.outDir);
      this.excluded = [prepared.outDir, ...prepared.exclude];
    } catch (error) {
      this.ending ??= Promise.resolve();
      this.settleReady(error);
      this.settleDone(error);
      return;
    }
    try {
      // Watchers first, then the first batch: a file arriving while it runs is seen by one or the other.
      await Promise.all(this.inputs.map((root) => this.watch(root)));
      if (this.ending) return;
      this.timer = setInterval(() => void this.check(), CHECK_INTERVAL_MS);
      this.running = this.runBatch(undefined).finally(() => {
        this.running = undefined;
      });
      await this.running;
      if (this.ending) return;
      this.started = true;
      this.emit({ type: 'watch-ready', roots: [...this.inputs] });
      this.settleReady();
      this.pump();
    } catch (error) {
      void this.end(plainReason(error));
    }
  }

  /** Starts (or restarts) watching a root; a root that is not there waits for the checks. */
  private async watch(root: string): Promise<void> {
    const now = await identityOf(root);
    const before = this.roots.get(root);
    if (!now) {
      if (before) return;
      this.roots.set(root, { kind: 'gone', first: undefined });
      this.emit({ type: 'watch-folder-gone', root });
      return;
    }
    const excluded = await outputUnder(root, this.excluded);
    const watcher = await watchRoot(root, {
      excluded,
      stableMs: this.stableMs,
      onChange: (path) => this.burst.add(path),
      onTrouble: (lost) => {
        const state = this.roots.get(root);
        if (lost && state?.kind === 'watching' && state.watcher === watcher) state.lost = true;
        void this.check();
      },
      onLimit: (why) => void this.end(why),
    });
    if (this.ending) return closeWatcher(watcher);
    const first = before?.first ?? now;
    this.roots.set(root, { kind: 'watching', first, watched: now, watcher, lost: false });
  }

  /** Starts the next batch if changes have settled and none is running. */
  private pump(): void {
    if (!this.started || this.ending || this.running || !this.burst.due) return;
    this.running = this.runBatch(this.burst.take()).finally(() => {
      this.running = undefined;
      this.pump();
    });
  }

  /** One batch: `only` the paths of a burst, or (undefined) everything, as the first batch. */
  private async runBatch(only: string[] | undefined): Promise<void> {
    if (!(await this.outputStillThere())) return;
    if (this.ending) return;
    const back = only ? [...this.returning].filter((root) => only.includes(root)) : [];
    this.emit({ type: 'watch-batch', files: only?.length ?? this.inputs.length });
    this.batch = startBatch({
      ...this.batchOptions,
      inputs: this.inputs,
      onEvent: this.emit,
      only,
      sharedPool: this.workers,
    });
    try {
      this.batchEnded(await this.batch.done, back);
    } catch (error) {
      void this.end(plainReason(error));
    } finally {
      this.batch = undefined;
    }
  }

  private batchEnded(summary: BatchSummary, back: string[]): void {
    this.emit({ type: 'watch-idle', summary });
    if (summary.cancelled) return;
    for (const root of back) {
      if (!this.returning.delete(root) || this.roots.get(root)?.kind !== 'watching') continue;
      this.emit({ type: 'watch-folder-back', root });
    }
  }

  /** False, and the watch ends, once the output folder is not the one the watch began with. */
  private async outputStillThere(): Promise<boolean> {
    if (sameIdentity(this.outIdentity, await identityOf(this.outDir))) return true;
    void this.end(
      `The output folder ${this.outDir} is gone (unmounted, deleted or renamed). Pixmill stopped watching rather than create it again; start the watch again once it is back.`,
    );
    return false;
  }

  /** Looks at the output folder and every root; a call during a check makes it look once more. */
  private check(): Promise<void> {
    if (this.checking) {
      this.checkAgain = true;
      return this.checking;
    }
    this.checking = (async () => {
      do {
        this.checkAgain = false;
        if (this.ending || !(await this.outputStillThere())) return;
        for (const root of this.inputs) await this.checkRoot(root);
      } while (this.checkAgain && !this.ending);
    })()
      .catch((error: unknown) => debug('watch: check failed: %s', error))
      .finally(() => {
        this.checking = undefined;
      });
    return this.checking;
  }

  private async checkRoot(root: string): Promise<void> {
    const state = this.roots.get(root);
    if (!state || this.ending) return;
    const now = await identityOf(root);
    if (state.kind === 'watching' && (state.lost || !isIntact(state.first, state.watched, now))) {
      this.roots.set(root, { kind: 'gone', first: state.first });
      this.burst.dropUnder(root);
      this.returning.delete(root);
      await closeWatcher(state.watcher);
      this.emit({ type: 'watch-folder-gone', root });
    }
    const after = this.roots.get(root);
    if (after?.kind !== 'gone' || !isBack(after.first, now) || this.ending) return;
    await this.watch(root);
    if (this.roots.get(root)?.kind !== 'watching' || this.ending) return;
    // Everything in it is looked at again; the batch is incremental, so only what changed is redone.
    this.returning.add(root);
    this.burst.add(root);
  }

  /** Ends the watch once: the running batch cancelled, every watcher and timer closed. */
  end(reason: string): Promise<void> {
    this.ending ??= (async () => {
      try {
        clearInterval(this.timer);
        this.burst.close();
        this.batch?.cancel();
        await this.running;
        // Watchers being started (at the beginning, or for a root that came back) close themselves on seeing the end.
        await this.beginning;
        await this.checking;
        await Promise.all(
          [...this.roots.values()].map((state) =>
            state.kind === 'watching' ? closeWatcher(state.watcher) : undefined,
          ),
        );
        await this.workers.pool?.close();
        this.emit({ type: 'watch-stopped', reason });
      } finally {
        this.settleReady();
        this.settleDone();
      }
    })();
    // Ended from inside (a folder gone, a batch refused) nobody awaits it; stop() returns it all the same.
    this.ending.catch((error: unknown) => debug('watch: ending: %s', error));
    return this.ending;
  }
}

/** What ended a batch, in the words the person will read. */
function plainReason(error: unknown): string {
  if (error instanceof BatchOptionsError) return `A batch could not start: ${error.field}: ${error.reason}`;
  return `The watch stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}
