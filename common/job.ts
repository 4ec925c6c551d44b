// One image job as it crosses from the batch to a worker, and its result coming back.
// Messages carry paths and the spec, never pixels: workers read and write files themselves.
import type { FileError } from './errors.js';
import type { ConcreteFormat, PipelineSpec } from './pipeline.js';
import type { FileWarning } from './warnings.js';

export interface ImageJob {
  id: number;
  input: string;
  /** Absolute folder the output goes to (created by the batch before dispatch). */
  outDir: string;
  /**
   * The output file name without extension, every token already expanded except {w} and {h},
   * which only the worker knows after processing.
   */
  nameTemplate: string;
  /** Where the worker writes before the atomic move into place; the batch removes it on failure. */
  tempPath: string;
  spec: PipelineSpec;
  /**
   * The batch's resume journal: once the output is in place the worker itself appends this
   * entry (plus the output's path and size), so a finished file is recorded even when the engine
   * process is killed the moment after.
   */
  journal?: { path: string; entry: JournalInput };
}

/** What identifies an input in the journal: a changed original is redone. */
export interface JournalInput {
  in: string;
  size: number;
  mtime: number;
}

/** One line of the resume journal. */
export interface JournalEntry extends JournalInput {
  /** Absolute path of the finished output, and its size, checked before the entry is trusted. */
  out: string;
  outSize: number;
}

/** Milliseconds spent in each part of the job, for "where the time goes". */
export interface JobTimings {
  /** Header read (format, size, frames) and checks. */
  read: number;
  /** Decode + filters + encode: libvips fuses them into one streaming pipeline. */
  pipeline: number;
  /** Temp file write and the move into place. */
  write: number;
  /** Filled in by the pool: waiting for a free worker. */
  queue?: number;
  /** Filled in by the pool: the round trip to the worker minus the work itself (messaging). */
  ipc?: number;
}

export type JobResult =
  | {
      status: 'done';
      output: string;
      format: ConcreteFormat;
      width: number;
      height: number;
      bytesIn: number;
      bytesOut: number;
      timings: JobTimings;
      /** What the file lost on its way without failing, e.g. "keep original" fell back to another format. */
      warnings?: FileWarning[];
    }
  | {
      status: 'skipped';
      /** The output's name (for `larger`: the name it would have had; nothing was written). */
      output: string;
      reason: string;
      bytesIn: number;
      warnings?: FileWarning[];
    }
  | ({ status: 'failed' } & FileError);

/** A job that wrote its output. */
export type JobDone = Extract<JobResult, { status: 'done' }>;
