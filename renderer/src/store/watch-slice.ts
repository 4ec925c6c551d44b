// Watch: the queued folders stay watched and new or changed images are processed as they arrive.
// Each burst of arrivals is a batch of the engine's, whose events come under the watch's id: its
// progress is the run bar's line while it runs, its failures and warnings join the error list,
// and its files their rows in the file list, as for a batch. The watch ends only when stopped (or
// for a reason of its own, which the run bar then says).

import type { EngineEvent, WatchEvent } from '../../../common/events';
import { foldBatchEvents } from '../lib/batch-events';
import { call, refusalText } from '../lib/bridge';
import { splitPath } from '../lib/format';
import { burstText, clockTime, type WatchBurst, watchTargets } from '../lib/watch-line';
import type { SliceCreator } from './app-state';
import { batchRequest, isBatchActive, isWatching } from './run-slice';

export interface WatchSlice {
  /** The run bar's Watch toggle: Start then starts a watch instead of a batch. */
  watchOn: boolean;
  watchId: string | null;
  /** Every root is watched and what was there already is up to date. */
  watchReady: boolean;
  watchLast: WatchBurst | null;
  /** Watched folders that went away, waited for. */
  watchGone: string[];
  setWatchOn(on: boolean): void;
  startWatching(): Promise<void>;
  stopWatching(): Promise<void>;
  applyWatchEvent(id: string, event: WatchEvent): void;
  /** A burst's batch events, as applyBatchEvents hands them over while a watch runs. */
  applyWatchBatchEvents(id: string, events: readonly EngineEvent[]): void;
}

export const createWatchSlice: SliceCreator<WatchSlice> = (set, get) => ({
  watchOn: false,
  watchId: null,
  watchReady: false,
  watchLast: null,
  watchGone: [],
  setWatchOn(watchOn) {
    if (!isBatchActive(get().status)) set({ watchOn });
  },

  async startWatching() {
    const s = get();
    if (isBatchActive(s.status)) return;
    const built = batchRequest(s);
    if (!built.ok) {
      set({ runError: built.message });
      return;
    }
    const request = built.value;
    set({
      batchId: null,
      watchId: null,
      status: 'watching',
      watchReady: false,
      watchLast: null,
      watchGone: [],
      runInputs: request.inputs,
      runOutDir: request.outDir,
      runSpec: request.spec,
      progress: null,
      errors: [],
      warnings: [],
      summary: null,
      runError: null,
    });
    const result = await call((api) => api.watchStart(request));
    if (!result.ok) {
      set({ status: 'idle', runError: refusalText(result) });
      return;
    }
    // Events may beat the reply; the id they carried is the same one.
    set({ batchId: result.value.id, watchId: result.value.id, announcement: `Watching ${watchTargets(s.queue)}.` });
  },

  async stopWatching() {
    const id = get().watchId;
    if (!id || get().status !== 'watching') return;
    set({ status: 'stopping', announcement: 'Stopping the watch…' });
    const result = await call((api) => api.watchStop({ id }));
    // NOT_FOUND: it had already ended on its own; either way nothing is watched any more.
    if (!result.ok && result.code !== 'NOT_FOUND') {
      set({ status: 'watching', runError: refusalText(result) });
      return;
    }
    set({ status: 'idle', watchId: null, progress: null, announcement: 'Stopped watching.' });
  },

  applyWatchEvent(id, event) {
    const s = get();
    if (!isWatching(s.status) || (s.watchId !== null && s.watchId !== id)) return;
    switch (event.type) {
      case 'watch-ready':
        set({ watchId: id, watchReady: true });
        break;
      case 'watch-folder-gone':
        set({
          watchGone: [...s.watchGone.filter((r) => r !== event.root), event.root],
          announcement: `${splitPath(event.root).name} is gone; the watch waits for it to come back.`,
        });
        break;
      case 'watch-folder-back':
        set({
          watchGone: s.watchGone.filter((r) => r !== event.root),
          announcement: `${splitPath(event.root).name} is back.`,
        });
        break;
      case 'watch-stopped':
        // Stopped on purpose: stopWatching settles the state when its answer comes.
        if (s.status === 'stopping') break;
        set({ status: 'idle', watchId: null, progress: null, runError: event.reason, announcement: event.reason });
        break;
      case 'watch-batch':
      case 'watch-idle':
        // Each burst's own batch events say as much, and more (see applyWatchBatchEvents).
        break;
    }
  },

  applyWatchBatchEvents(id, events) {
    const s = get();
    if (s.batchId !== null && s.batchId !== id) return;
    const folded = foldBatchEvents(events, s.progress);
    const { failed, warned } = folded;
    let { progress } = folded;
    let last = s.watchLast;
    if (folded.summary) {
      // A burst ends; the watch goes on. Its rows arrived one by one and are kept, not replaced.
      const { processed, failed: nFailed, skipped } = folded.summary;
      last = { processed, failed: nFailed, skipped, at: Date.now() };
      progress = null;
    }
    const firstError = s.errors.length === 0 ? failed[0] : undefined;
    const news =
      last !== s.watchLast && last
        ? `${burstText(last)} at ${clockTime(last.at)}.`
        : firstError
          ? `A file could not be processed: ${splitPath(firstError.file).name}. ${firstError.message}`
          : undefined;
    set({
      batchId: id,
      progress,
      watchLast: last,
      errors: failed.length > 0 ? [...s.errors, ...failed] : s.errors,
      warnings: warned.length > 0 ? [...s.warnings, ...warned] : s.warnings,
      ...(news ? { announcement: news } : {}),
    });
  },
});
