// One batch at a time: its id, where it stands, the latest progress, its error and warning rows
// and summary.

import type { BatchSummary, EngineEvent, FileErrorRow, FileWarningRow, Progress } from '../../../common/events';
import { plural } from '../../../common/format';
import type { BatchRequest } from '../../../common/ipc';
import type { PipelineSpec } from '../../../common/pipeline';
import type { TuningReport } from '../../../common/tuning';
import { foldBatchEvents } from '../lib/batch-events';
import { call, refusalText } from '../lib/bridge';
import { splitPath } from '../lib/format';
import { parseMemoryBudget } from '../lib/memory-budget';
import { parseRedisUrl } from '../lib/redis-url';
import { count, countOf, summaryLine } from '../lib/run-status';
import type { AppState, SliceCreator } from './app-state';
import { sourceFoldersFor } from './output-slice';
import { effectiveWorkers } from './settings-slice';
import { checkSpec } from './spec';

/** `watching` and `stopping`: a watch runs batches of its own as files arrive (see watch-slice.ts). */
export type RunStatus = 'idle' | 'running' | 'paused' | 'cancelling' | 'finished' | 'watching' | 'stopping';

/** While a batch or a watch is in flight the queue and Start are locked. */
export function isBatchActive(status: RunStatus): boolean {
  return (
    status === 'running' ||
    status === 'paused' ||
    status === 'cancelling' ||
    status === 'watching' ||
    status === 'stopping'
  );
}

export const isWatching = (status: RunStatus): boolean => status === 'watching' || status === 'stopping';

/** The batch Start (or Start watching) would send now, or the first reason it cannot. */
export function batchRequest(s: AppState): { ok: true; value: BatchRequest } | { ok: false; message: string } {
  const check = checkSpec(s);
  if (!check.ok) return { ok: false, message: check.message };
  const budget = parseMemoryBudget(s.memoryBudgetText);
  if (!budget.ok) return { ok: false, message: budget.message };
  const redis = parseRedisUrl(s.redisText);
  if (!redis.ok) return { ok: false, message: redis.message };
  const sourceFolders = sourceFoldersFor(s);
  const spec: PipelineSpec = { ...check.value, output: { ...check.value.output, sourceFolders } };
  return {
    ok: true,
    value: {
      inputs: s.queue.map((item) => item.path),
      outDir: s.outDir.trim(),
      spec,
      mode: s.mode,
      workers: effectiveWorkers(s.workers, s.appInfo, s.mode),
      ...(budget.mb === null ? {} : { memoryBudgetMb: budget.mb }),
      ...(s.recompress ? { recompress: true } : {}),
      ...(redis.url ? { redis: redis.url } : {}),
    },
  };
}

/**
 * What the window calls the batch's state. Jobs already running when Pause was pressed still
 * finish, so it says "paused" only once the engine reports none in hand, "pausing…" until then.
 */
export function statusLabel(status: RunStatus, progress: Progress | null): string {
  if (status === 'paused' && !(progress?.paused && progress.running === 0)) return 'pausing…';
  return status;
}

export interface RunSlice {
  batchId: string | null;
  status: RunStatus;
  /** The paths sent at start: `progress.roots[i]` belongs to `runInputs[i]`. */
  runInputs: string[];
  runOutDir: string;
  /** The recipe the batch runs, as sent: what its results are measured against (the fixed quality). */
  runSpec: PipelineSpec | null;
  progress: Progress | null;
  errors: FileErrorRow[];
  /** Processed files that lost something on the way, as they finish. */
  warnings: FileWarningRow[];
  summary: BatchSummary | null;
  /** What the auto mode runs now and why (its latest `tuning` event, then the summary's); null for a fixed mode. */
  tuning: TuningReport | null;
  /** The newest thing a batch shared over Redis said a person should know. */
  queueNotice: string | null;
  /** Why Start, Pause, Resume or Cancel was refused, naming the field. */
  runError: string | null;
  /** The sentence the live region reads out. */
  announcement: string;
  startBatch(): Promise<void>;
  pauseBatch(): Promise<void>;
  resumeBatch(): Promise<void>;
  cancelBatch(): Promise<void>;
  /** Applies one coalesced delivery: the newest progress, and the failures and warnings since the last one. */
  applyBatchEvents(id: string, events: readonly EngineEvent[]): void;
}

function summarySentence(summary: BatchSummary): string {
  const { head, counts } = summaryLine(summary);
  const warned = summary.warned > 0 ? ` ${plural(summary.warned, 'file')} with warnings.` : '';
  return `Batch ${head.toLowerCase()}: ${counts}.${warned}`;
}

/** Quarter of the way through (0…4), once the total is known; -1 before. */
function quarter(p: Progress | null): number {
  if (!p?.scanDone || p.total === 0) return -1;
  return Math.floor(((p.processed + p.failed + p.skipped) / p.total) * 4);
}

/**
 * What the live region says about a delivery, besides the end: the first file that failed (at
 * once, as errors are) and each quarter of the way through, not every tick of the bar.
 */
function progressNews(before: Progress | null, after: Progress | null, firstError: FileErrorRow | undefined) {
  if (firstError) return `A file could not be processed: ${splitPath(firstError.file).name}. ${firstError.message}`;
  const q = quarter(after);
  if (!after || q <= 0 || q >= 4 || q === quarter(before)) return undefined;
  return `${q * 25}% done: ${count(after.processed + after.failed + after.skipped)} of ${countOf(after.total, 'image')}.`;
}

export const createRunSlice: SliceCreator<RunSlice> = (set, get) => ({
  batchId: null,
  status: 'idle',
  runInputs: [],
  runOutDir: '',
  runSpec: null,
  progress: null,
  errors: [],
  warnings: [],
  summary: null,
  tuning: null,
  queueNotice: null,
  runError: null,
  announcement: '',

  async startBatch() {
    const s = get();
    if (isBatchActive(s.status)) return;
    const built = batchRequest(s);
    if (!built.ok) {
      set({ runError: built.message });
      return;
    }
    const request = built.value;
    const { inputs, spec } = request;
    set({
      batchId: null,
      status: 'running',
      runInputs: inputs,
      runOutDir: request.outDir,
      runSpec: spec,
      progress: null,
      errors: [],
      warnings: [],
      summary: null,
      tuning: null,
      queueNotice: null,
      runError: null,
    });
    const result = await call((api) => api.batchStart(request));
    if (!result.ok) {
      set({ status: 'idle', runError: refusalText(result) });
      return;
    }
    // Events may beat the reply; the id they carried is the same one.
    if (get().batchId === null) set({ batchId: result.value.id });
    set({ announcement: `Batch started: ${plural(inputs.length, 'item')} queued.` });
  },

  async pauseBatch() {
    const id = get().batchId;
    if (!id) return;
    const result = await call((api) => api.batchPause({ id }));
    set(
      result.ok
        ? { status: 'paused', runError: null, announcement: 'Pausing: the images in hand finish first.' }
        : { runError: refusalText(result) },
    );
  },

  async resumeBatch() {
    const id = get().batchId;
    if (!id) return;
    const result = await call((api) => api.batchResume({ id }));
    set(
      result.ok ? { status: 'running', runError: null, announcement: 'Resumed.' } : { runError: refusalText(result) },
    );
  },

  async cancelBatch() {
    const id = get().batchId;
    if (!id) return;
    set({ status: 'cancelling' });
    const result = await call((api) => api.batchCancel({ id }));
    if (!result.ok) set({ runError: refusalText(result) });
  },

  applyBatchEvents(id, events) {
    const s = get();
    // A watch's bursts are batches too, folded into the watch's line rather than ending it.
    if (isWatching(s.status)) {
      s.applyWatchBatchEvents(id, events);
      return;
    }
    if (s.batchId !== null && s.batchId !== id) return;
    if (s.batchId === null && s.status !== 'running') return;
    const { progress, failed, warned, tuning, notice, ...ended } = foldBatchEvents(events, s.progress);
    const summary = ended.summary ?? s.summary;
    // The summary holds every row: it fills in any the coalescing left out.
    const errors =
      summary && summary.errors.length > s.errors.length + failed.length
        ? summary.errors
        : failed.length > 0
          ? [...s.errors, ...failed]
          : s.errors;
    const warnings =
      summary && summary.warnings.length > s.warnings.length + warned.length
        ? summary.warnings
        : warned.length > 0
          ? [...s.warnings, ...warned]
          : s.warnings;
    const news = summary
      ? undefined
      : progressNews(s.progress, progress, s.errors.length === 0 ? failed[0] : undefined);
    set({
      batchId: id,
      progress,
      errors,
      warnings,
      summary,
      tuning: summary?.tuning ?? tuning ?? s.tuning,
      queueNotice: notice ?? s.queueNotice,
      // Pause and resume take effect when their reply arrives; a progress event sent just before
      // the pause could otherwise flip the buttons back. Only the summary ends a batch.
      status: summary ? 'finished' : s.status,
      ...(summary && !s.summary ? { announcement: summarySentence(summary) } : news ? { announcement: news } : {}),
    });
  },
});
