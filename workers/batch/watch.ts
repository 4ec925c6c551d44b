// `pixmill watch` and the window's Watch: the inputs stay watched, and each burst of settled
// changes (a file whose size has held still, not one still being copied) runs one incremental
// batch over just those files. A folder that goes away is waited for and looked at again when it
// returns. Stopping ends the running batch the way cancel does and closes the watcher.
import type { EngineEvent, WatchEvent } from '../../common/events.js';
import type { BatchOptions } from './types.js';

export interface WatchOptions extends Omit<BatchOptions, 'signal' | 'onEvent' | 'only'> {
  /** The events of every batch the watch runs, and the watch's own. */
  onEvent?: (event: EngineEvent | WatchEvent) => void;
  /** How long changes must have stopped before a batch starts. Default 500 ms. */
  debounceMs?: number;
  /** How long a file's size must hold still before it is taken (a copy in progress is not). Default 1000 ms. */
  stableMs?: number;
}

export interface WatchHandle {
  /** Resolves once every root is watched and what was already there has been brought up to date. */
  readonly ready: Promise<void>;
  /** Stops watching; a running batch is cancelled (no half-written file). Resolves when all is closed. */
  stop(): Promise<void>;
  /** Resolves when the watch ends, stopped or for a reason of its own (see `watch-stopped`). */
  readonly done: Promise<void>;
}

export function startWatch(_options: WatchOptions): WatchHandle {
  throw new Error('not built yet');
}
