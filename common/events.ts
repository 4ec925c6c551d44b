// Events the engine emits during a batch. The UI and the CLI render exactly these.
import type { FileError } from './errors.js';
import type { JobDone, OutputOutcome } from './job.js';
import type { MemoryReport, TuningReport } from './tuning.js';
import type { FileWarning } from './warnings.js';

export interface RootProgress {
  /** The input folder or file as given. */
  path: string;
  /** Images found so far (grows while the scan streams). */
  found: number;
  /** Files met that are no images for Pixmill (not images, hidden): answered, not processed. */
  ignored: number;
  processed: number;
  failed: number;
  skipped: number;
  scanDone: boolean;
}

export interface Progress {
  processed: number;
  failed: number;
  skipped: number;
  /** Images found so far; final once `scanDone`. */
  total: number;
  scanDone: boolean;
  bytesIn: number;
  bytesOut: number;
  elapsedSeconds: number;
  imagesPerSecond: number;
  /** Seconds left, or null while too little is known to say. */
  etaSeconds: number | null;
  /** Pause was asked for: no further job starts until resume. */
  paused: boolean;
  /**
   * Files in hand right now: on a worker, or their outcome being recorded. Jobs already running
   * when Pause is pressed still finish, so a pause has taken effect only once `paused` comes
   * with `running: 0`: from then on no count moves until resume.
   */
  running: number;
  roots: RootProgress[];
}

export interface FileErrorRow extends FileError {
  file: string;
  /** Index into the batch's input roots. */
  root: number;
}

/** A file that was processed but lost something on the way: its output, and each loss. */
export interface FileWarningRow {
  file: string;
  /** Index into the batch's input roots. */
  root: number;
  output: string;
  warnings: FileWarning[];
}

/**
 * Why a file the scan met was not processed: its contents are no image (text, a video, an
 * unknown binary), it is hidden (a dotfile, or inside a hidden folder, which is answered once),
 * or, for a dropped folder that holds no files at all, `empty-folder` (then `file` is the folder).
 * A `duplicate` is an image an earlier queued folder or file already brings (same real path).
 */
export type IgnoreReason = 'not-image' | 'hidden' | 'empty-folder' | 'duplicate';

export interface FileIgnoredRow {
  file: string;
  /** Index into the batch's input roots. */
  root: number;
  reason: IgnoreReason;
  /** A sentence a person understands, e.g. what the file holds instead of an image. */
  message: string;
}

/**
 * Why a file was skipped: its output is `up-to-date` (the folder's record says this recipe made it
 * from this very source), an interrupted earlier run finished it (`resumed`), or, with the conflict
 * policy skip, a file of the output's name `exists`, or, with "skip if larger", the output would
 * have been `larger` than the original (nothing was written); the file is itself an output Pixmill
 * made (`own-output`: compressing it again would only lose quality), or it is a source the record
 * knows under another name, `renamed` or moved since (its output follows it, nothing is encoded).
 */
export type SkipReason = 'up-to-date' | 'resumed' | 'exists' | 'larger' | 'own-output' | 'renamed';

export interface BatchSummary {
  processed: number;
  failed: number;
  skipped: number;
  total: number;
  seconds: number;
  bytesIn: number;
  bytesOut: number;
  cancelled: boolean;
  /** Files an interrupted earlier run had finished, skipped this time (counted in `skipped`). */
  resumed: number;
  /**
   * Files whose output an earlier run of the same recipe made from the very same source (path,
   * size, modification time) and that is still intact, skipped this time (counted in `skipped`).
   */
  upToDate: number;
  /** `skipped`, by reason. */
  skippedFor: Record<SkipReason, number>;
  /**
   * Processed images per second of processing: from the first job's start to the last job's end,
   * so a short batch is not divided by its start-up, nor by files that needed no work.
   */
  imagesPerSecond: number;
  errors: FileErrorRow[];
  /** Files with at least one warning: processed ones, and those kept out for being larger (in `skipped`). */
  warned: number;
  /** One row per such file, in the order they finished. */
  warnings: FileWarningRow[];
  /** Every file the scan met: the `total` images plus the ignored files (empty folders are no files). */
  files: number;
  /** Files (and empty dropped folders) answered without processing, by reason. */
  ignored: Record<IgnoreReason, number>;
  /** One row per ignored file or empty folder, in scan order. */
  ignoredFiles: FileIgnoredRow[];
  /** What the auto mode chose and why; absent for a fixed mode. */
  tuning?: TuningReport;
  /** How jobs were admitted against the memory budget; absent when the batch ran no job. */
  memory?: MemoryReport;
  /** A batch shared over a Redis queue: which machines did what; absent for a batch on this machine. */
  distributed?: DistributedReport;
}

/** What a batch shared by several machines over a Redis queue did where. */
export interface DistributedReport {
  /** The queue's name, and the Redis server it lives on (without any password). */
  queue: string;
  redis: string;
  /** Jobs answered per machine (its host name and process id), most first. */
  machines: { machine: string; jobs: number }[];
  /** Jobs put on the queue again because Redis lost them (it restarted without persistence). */
  requeued: number;
  /** Jobs another machine took over after the one running them stopped answering. */
  recovered: number;
}

export type EngineEvent =
  // A file handed to the pool: on a worker now, or next in line for one (at most one per worker waits).
  | { type: 'file-started'; file: string; root: number }
  // The worker's result as the batch reports it, for the file and folder it came from.
  | ({ type: 'file-done'; file: string; root: number } & Omit<JobDone, 'status' | 'format'>)
  | {
      type: 'file-skipped';
      file: string;
      root: number;
      output: string;
      reason: string;
      warnings?: FileWarning[];
      outputs?: OutputOutcome[];
    }
  // With several outputs, `outputs` says which were written before one failed.
  | ({ type: 'file-failed'; outputs?: OutputOutcome[] } & FileErrorRow)
  | ({ type: 'file-ignored' } & FileIgnoredRow)
  | ({ type: 'progress' } & Progress)
  // The auto mode changed the pool's shape (or settled on one): what it runs now, and why.
  | ({ type: 'tuning' } & TuningReport)
  // Something a person should know about a batch shared over a queue: no machine taking its jobs,
  // a machine that cannot see the files, Redis gone and back. Said once per occurrence.
  | { type: 'queue-notice'; message: string }
  | ({ type: 'summary' } & BatchSummary);

/**
 * What a watch says besides the events of the batches it runs (each burst of settled changes is
 * one batch, with its own progress and summary).
 */
export type WatchEvent =
  /** Every root is being watched; files already there were brought up to date first. */
  | { type: 'watch-ready'; roots: string[] }
  /** Settled changes start a batch of this many files (or folders) to look at. */
  | { type: 'watch-batch'; files: number }
  /** The batch for a burst ended; the watch goes on. */
  | { type: 'watch-idle'; summary: BatchSummary }
  /** A watched folder disappeared (unmounted, deleted, renamed); the watch waits for it to return. */
  | { type: 'watch-folder-gone'; root: string }
  /** It is back: what changed while it was away is looked at again. */
  | { type: 'watch-folder-back'; root: string }
  /** The watch ended (stopped, or the output folder went away), with why in plain words. */
  | { type: 'watch-stopped'; reason: string };
