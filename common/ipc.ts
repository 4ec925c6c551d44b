// The IPC contract between the renderer and the main process: every channel's name (`noun:verb`),
// its request schema (zod, checked by the main process on every call) and its response type.
// The preload exposes exactly one function per channel; nothing else crosses the bridge.
import { z } from 'zod';
import type { Channel, EventName, MethodName } from './channels.js';
import { BATCH_MODES, type BatchMode, batchModeSchema, DEFAULT_BATCH_MODE, type WorkerMode } from './concurrency.js';
import type { ErrorCode } from './errors.js';
import type { EngineEvent, IgnoreReason, WatchEvent } from './events.js';
import { type ConcreteFormat, pipelineSchema } from './pipeline.js';
import type { FileWarning } from './warnings.js';

export { CHANNELS, type Channel, EVENT_NAMES, type EventName, type MethodName, methodName } from './channels.js';

/** A path from the renderer: bounded, no NUL, absolute (checked again where it is used). */
const pathSchema = z
  .string({ error: 'Expected a path' })
  .min(1, { error: 'Expected a non-empty path' })
  .max(4096, { error: 'Expected a path of at most 4096 characters' })
  .refine((s) => !s.includes('\0'), { error: 'Expected a path without NUL characters' })
  .refine((s) => s.startsWith('/') || /^[A-Za-z]:[\\/]/.test(s) || s.startsWith('\\\\'), {
    error: 'Expected an absolute path',
  })
  // Paths from dialogs and drops are canonical; a '..' segment only ever comes from a crafted request.
  .refine((s) => !s.split(/[\\/]/).includes('..'), { error: "Expected a path without '..' segments" });

const batchId = z.string().regex(/^b[0-9]{1,9}$/, { error: 'Expected a batch id' });
/** Chosen by the window, so the rows of a plan it has moved on from are told apart from the newest's. */
const planId = z.string().regex(/^p[0-9]{1,9}$/, { error: 'Expected a plan id' });
const watchId = z.string().regex(/^w[0-9]{1,9}$/, { error: 'Expected a watch id' });
/** The machine's own limit (two per core) is checked where the core count is known. */
const workerCountSchema = z
  .number({ error: 'Expected a number of workers' })
  .int({ error: 'Expected a whole number of workers' })
  .min(1, { error: 'Expected at least 1 worker' })
  .max(1024);

/** Below 256 MB not even one large photo fits; 16 TB is beyond any machine. */
export const MEMORY_BUDGET_RANGE_MB = { min: 256, max: 16 * 1024 * 1024 } as const;
const memoryBudgetSchema = z
  .number({ error: 'Expected a memory budget in MB' })
  .int({ error: 'Expected a whole number of MB' })
  .min(MEMORY_BUDGET_RANGE_MB.min, { error: `Expected a memory budget of at least ${MEMORY_BUDGET_RANGE_MB.min} MB` })
  .max(MEMORY_BUDGET_RANGE_MB.max, { error: 'Expected a memory budget this machine can have' });

export const PRESET_NAME_MAX_LENGTH = 80;
export const userPresetSchema = z.strictObject({
  name: z
    .string()
    .min(1, { error: 'Expected a preset name' })
    .max(PRESET_NAME_MAX_LENGTH, { error: `Expected a name of at most ${PRESET_NAME_MAX_LENGTH} characters` }),
  spec: pipelineSchema,
});
export type UserPreset = z.output<typeof userPresetSchema>;

/**
 * A Redis server that batches are shared on (machines running `pixmill worker --redis` do the
 * work). Only its form is checked here; whether it answers is the engine's to say.
 */
export const REDIS_URL_PATTERN = /^rediss?:\/\/[^\s/?#]+(\/\d+)?$/;
const redisUrlSchema = z
  .string()
  .max(2048)
  .regex(REDIS_URL_PATTERN, { error: 'Expected a Redis address such as redis://nas:6379' });

/** One batch as whoever starts it (the window over IPC, the CLI from its flags) describes it. */
export const batchRequestSchema = z.strictObject({
  inputs: z.array(pathSchema).min(1, { error: 'Add at least one folder or file' }).max(10_000),
  outDir: pathSchema,
  spec: pipelineSchema,
  mode: batchModeSchema,
  workers: workerCountSchema,
  /** The memory jobs are admitted against, in MB; absent: a share of the machine's free memory. */
  memoryBudgetMb: memoryBudgetSchema.optional(),
  /** Process images Pixmill itself wrote too (an earlier batch's outputs); by default they are skipped. */
  recompress: z.boolean().optional(),
  /** Share the batch over this Redis server: the machines running `pixmill worker` do the work. */
  redis: redisUrlSchema.optional(),
});
export type BatchRequest = z.output<typeof batchRequestSchema>;

/** A plan is the batch's decisions without the batch: no workers, so no mode or count. */
const planRequestSchema = batchRequestSchema.omit({ mode: true, workers: true, redis: true }).extend({ id: planId });
export type PlanRequest = z.output<typeof planRequestSchema>;

export const settingsSchema = z.strictObject({
  outDir: z.string().max(4096).default(''),
  mode: batchModeSchema.default(DEFAULT_BATCH_MODE),
  /** 0 means "one per core". */
  workers: z.number().int().min(0).max(1024).default(0),
  /** Absent: a share of the free memory. */
  memoryBudgetMb: memoryBudgetSchema.optional(),
  spec: pipelineSchema.optional(),
  /** Absent: batches run on this machine. */
  redis: redisUrlSchema.optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

/**
 * The in-app benchmark's limits: small enough that a run takes minutes, not an afternoon. A
 * dozen images make one run a few seconds on 2 cores at 12 MP.
 */
export const BENCH_LIMITS = { sampleSize: 12, maxInputs: 10_000, maxWorkerCounts: 8, maxRounds: 10 } as const;

export const requestSchemas = {
  'app:info': z.undefined(),
  'dialog:addFolders': z.undefined(),
  'dialog:addFiles': z.undefined(),
  'dialog:chooseOutput': z.undefined(),
  'dialog:chooseWatermark': z.undefined(),
  'queue:count': z.strictObject({ path: pathSchema }),
  'queue:list': z.strictObject({ path: pathSchema }),
  'queue:forget': z.strictObject({ path: pathSchema }),
  'thumbnail:get': z.strictObject({ path: pathSchema, size: z.number().int().min(32).max(320).default(128) }),
  'batch:start': batchRequestSchema,
  'batch:pause': z.strictObject({ id: batchId }),
  'batch:resume': z.strictObject({ id: batchId }),
  'batch:cancel': z.strictObject({ id: batchId }),
  'plan:start': planRequestSchema,
  'plan:cancel': z.strictObject({ id: planId }),
  'watch:start': batchRequestSchema,
  'watch:stop': z.strictObject({ id: watchId }),
  'preview:render': z.strictObject({
    input: pathSchema,
    spec: pipelineSchema,
    /** The screen copies' bounding box; as large as the output itself for viewing at 100 %. */
    size: z.number().int().min(64).max(8192).default(640),
  }),
  'shell:openPath': z.strictObject({ path: pathSchema }),
  'shell:showItem': z.strictObject({ path: pathSchema }),
  'settings:get': z.undefined(),
  'settings:set': settingsSchema,
  'presets:list': z.undefined(),
  'presets:save': userPresetSchema,
  'presets:delete': z.strictObject({ name: z.string().min(1).max(PRESET_NAME_MAX_LENGTH) }),
  'errors:saveCsv': z.strictObject({ csv: z.string().max(50_000_000) }),
  'bench:run': z.strictObject({
    inputs: z.array(pathSchema).min(1, { error: 'Add at least one folder or file' }).max(BENCH_LIMITS.maxInputs),
    /** `auto` races once, with the largest worker count as its ceiling. */
    modes: z
      .array(batchModeSchema)
      .min(1, { error: 'Expected at least one mode' })
      .max(BATCH_MODES.length, { error: `Expected at most ${BATCH_MODES.length} modes` })
      .optional(),
    workers: z
      .array(workerCountSchema)
      .min(1, { error: 'Expected at least one worker count' })
      .max(BENCH_LIMITS.maxWorkerCounts, { error: `Expected at most ${BENCH_LIMITS.maxWorkerCounts} worker counts` })
      .optional(),
    rounds: z
      .number({ error: 'Expected a number of rounds' })
      .int({ error: 'Expected a whole number of rounds' })
      .min(1, { error: 'Expected at least 1 round' })
      .max(BENCH_LIMITS.maxRounds, { error: `Expected at most ${BENCH_LIMITS.maxRounds} rounds` })
      .optional(),
    /** The person's own recipe, measured as their batches would run it; absent: a fixed resize to JPEG. */
    spec: pipelineSchema.optional(),
  }),
  'bench:cancel': z.undefined(),
} as const satisfies Record<Channel, z.ZodType>;
/** A request as the renderer sends it (defaults may be left out). */
export type RequestOf<C extends Channel> = z.input<(typeof requestSchemas)[C]>;
/** A request as its handler receives it: parsed, defaults filled in. */
export type ParsedRequestOf<C extends Channel> = z.output<(typeof requestSchemas)[C]>;

const typedSchemas: { [C in Channel]: z.ZodType<ParsedRequestOf<C>> } = requestSchemas;

/** Parses a payload with its channel's schema; the result is typed for that channel. */
export function parseRequest<C extends Channel>(
  channel: C,
  payload: unknown,
): z.ZodSafeParseResult<ParsedRequestOf<C>> {
  return typedSchemas[channel].safeParse(payload);
}

/** Every handler answers with data: success, or a refusal with a code and (for bad input) the field. */
export type Result<T> =
  | { ok: true; value: T }
  | { ok: false; code: ErrorCode | 'INVALID_REQUEST' | 'NOT_FOUND' | 'FAILED'; message: string; field?: string };

export interface AppInfo {
  version: string;
  cores: number;
  maxWorkers: number;
  platform: string;
}

export interface PreviewImage {
  /** data: URL of a small PNG. */
  src: string;
  width: number;
  height: number;
}

/** One preview: screen copies of the image before and after the chain, and what the batch would write. */
export interface PreviewRendering {
  before: PreviewImage;
  after: PreviewImage;
  /**
   * The output a batch writes for this image: its real size and format, and its bytes, exact when
   * the preview encoded the whole image as the batch does, else estimated from a smaller encode.
   */
  output: { width: number; height: number; format: ConcreteFormat; bytes: number; exact: boolean };
  /** The original file's size in bytes. */
  originalBytes: number;
  /** What the batch's output loses (only warnings that hold for the real run). */
  warnings: FileWarning[];
}

/**
 * One file a queued folder holds, as its listing streams in: an image (or an image format Pixmill
 * cannot read, an `error` the batch will report) or a file answered without processing.
 */
export type ListedFile =
  | {
      kind: 'image';
      path: string;
      size: number;
      mtimeMs: number;
      /** Its real path where that differs from `path` (a link on the way): duplicates are found by it. */
      real?: string;
      /** The size its header declares, where its first bytes tell (as stored, before EXIF orientation). */
      width?: number;
      height?: number;
      /** Its format by content, as a row shows it ("HEIC", "NEF"). */
      format: string;
    }
  | { kind: 'error'; path: string; message: string }
  | { kind: 'ignored'; path: string; reason: IgnoreReason; message: string };

/** A small picture of a queued image, and the size its header declares (null where it says none). */
export interface Thumbnail {
  /** data: URL of a small WebP. */
  src: string;
  width: number | null;
  height: number | null;
}

/** One (mode, workers) setting of a benchmark, reduced over its rounds. */
export interface AppBenchContender {
  /** With `auto`, `workers` is its ceiling. */
  mode: BatchMode;
  workers: number;
  /** Median wall time of one pass over the sample; null when no round finished. */
  medianSeconds: number | null;
  /** The sample's size divided by the median time. */
  imagesPerSecond: number | null;
  /** Median per-round speed ratio to inline at the same worker count (> 1: faster); null without inline. */
  vsInline: number | null;
  /** Rounds whose run processed no image (or threw). */
  failedRuns: number;
}

export interface AppBenchResult {
  /** How many images the sample held. */
  images: number;
  rounds: number;
  contenders: AppBenchContender[];
  /** The fixed setting with the highest median images/s (what "Use" applies), or null when none finished. */
  best: { mode: WorkerMode; workers: number } | null;
  /** Median per-round speed of auto ÷ the best fixed setting (> 1: auto was faster); null when auto did not race or finish. */
  autoVsBest: number | null;
  /** The result in one sentence, e.g. "processes at 2 workers: 1.8× inline on these images (12 photos, 3 rounds)". */
  sentence: string;
}

/**
 * Where a planned file stands against the output folder's record: why it gets its action (the
 * engine's plan, workers/batch/dry-run.ts, speaks these words). `new`: nothing made from it yet,
 * written. `changed`: its earlier output is there but the source or the recipe changed since (or
 * the output was deleted): redone in place. `up-to-date`: its output is in place, made by this
 * recipe from this very content: skipped. `renamed`: the record knows this content under another
 * name: its output is renamed to match, nothing encoded. `conflict`: the output's name is held by
 * a file Pixmill did not make (or one edited since): `reason` says what the conflict policy does.
 * `skipped`: not processed for a reason of its own (Pixmill's own output): `reason` says which.
 */
export const PLAN_STATUSES = [
  'new',
  'changed',
  'up-to-date',
  'renamed',
  'conflict',
  'skipped',
  'ignored',
  'failed',
] as const;
export type PlannedStatus = (typeof PLAN_STATUSES)[number];
export type PlannedAction = 'write' | 'skip' | 'ignore' | 'fail';

/** One row of a plan: a source, where its output would go, and why it gets its action. */
export interface PlannedFile {
  file: string;
  status: PlannedStatus;
  action: PlannedAction;
  /** Absent for ignored and failed files. */
  output?: string;
  reason?: string;
  /** With several outputs per source, one row each: which output ("800 px WebP"). */
  label?: string;
}

/** What a whole plan comes to: rows by action and by status (a source counts once per output). */
export interface PlanTotals {
  id: string;
  outDir: string;
  counts: Record<PlannedAction, number>;
  statuses: Record<PlannedStatus, number>;
  /** Some output names hold {w} or {h}, resolved only when the file is made. */
  sizedNames: boolean;
}

export interface ResponseMap {
  'app:info': AppInfo;
  'dialog:addFolders': string[];
  'dialog:addFiles': string[];
  'dialog:chooseOutput': string | null;
  'dialog:chooseWatermark': string | null;
  /** Counting streams through `queue:count` events; the final count also comes back here. */
  'queue:count': { path: string; count: number };
  /** The files stream through `queue:files` events; the final image count also comes back here. */
  'queue:list': { path: string; count: number };
  /** Stops listing a path taken off the queue (a folder of 100,000 files is seconds of work). */
  'queue:forget': null;
  'thumbnail:get': Thumbnail;
  'batch:start': { id: string };
  'batch:pause': null;
  'batch:resume': null;
  'batch:cancel': null;
  /** The rows stream through `plan:rows` events; the totals come back here (CANCELLED when a newer plan replaced it). */
  'plan:start': PlanTotals;
  'plan:cancel': null;
  'watch:start': { id: string };
  /** Answers once the watch has closed: a running batch cancelled, no half-written file left. */
  'watch:stop': null;
  'preview:render': PreviewRendering;
  'shell:openPath': null;
  'shell:showItem': null;
  'settings:get': Settings;
  'settings:set': null;
  'presets:list': UserPreset[];
  'presets:save': null;
  'presets:delete': null;
  'errors:saveCsv': string | null;
  'bench:run': AppBenchResult;
  'bench:cancel': null;
}

/** Events from main to renderer. */
export interface EventMap extends Record<EventName, unknown> {
  'batch:event': { id: string; event: EngineEvent };
  'queue:count': { path: string; count: number; done: boolean };
  /** Runs finished of the benchmark's total, and the one now running (null once all are done). */
  'bench:progress': { done: number; total: number; current: string | null };
  /** A queued path's files since the last event (a few events a second), and its image count so far. */
  'queue:files': { path: string; files: ListedFile[]; count: number; done: boolean };
  /** A plan's rows since the last event (a few events a second), and how many it has planned so far. */
  'plan:rows': { id: string; rows: PlannedFile[]; count: number };
  /** What a watch says besides its batches' events, which come as `batch:event` under the watch's id. */
  'watch:event': { id: string; event: WatchEvent };
}

type ChannelFunctions = {
  [C in Channel as MethodName<C>]: (
    ...request: RequestOf<C> extends undefined ? [] : [RequestOf<C>]
  ) => Promise<Result<ResponseMap[C]>>;
};

/** `window.pixmill`: one typed function per channel, an event subscription, and the drop-path lookup. */
export type PixmillApi = ChannelFunctions & {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  /** The absolute path of a dropped file or folder (Electron's webUtils.getPathForFile). */
  pathForFile(file: File): string;
};
