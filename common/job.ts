// One image job as it crosses from the batch to a worker, and its result coming back.
// Messages carry paths and the spec, never pixels: workers read and write files themselves.

import type { FileError } from './errors.js';
import type { PathMap } from './path-map.js';
import type { ConcreteFormat, PipelineSpec } from './pipeline.js';
import type { SniffedFormat } from './sniff.js';
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
   * process is killed the moment after. `recordAs`: on a machine that mounts the shared storage
   * elsewhere, how its paths are written in the record, which the batch's own machine reads.
   */
  journal?: { path: string; entry: JournalInput; recordAs?: PathMap };
  /**
   * A recipe with several outputs: one target per entry of `spec.outputs`, in order (the first is
   * also `outDir`/`nameTemplate`/`tempPath` above). The source is decoded once for all of them.
   */
  targets?: JobTarget[];
  /**
   * libvips threads for this job (sharp.concurrency); absent: one. The auto mode gives encodes
   * that use several (AVIF) more threads and runs fewer workers.
   */
  libvipsThreads?: number;
}

/** Where one of a recipe's outputs goes. */
export interface JobTarget {
  /** Index into `spec.outputs`. */
  output: number;
  outDir: string;
  nameTemplate: string;
  tempPath: string;
  /** The planned name holds this batch's own earlier output of the source: it is replaced in place. */
  replaces?: boolean;
}

/** How an output's encoding was chosen by a quality target, a size cap or a format shoot-out. */
export interface EncodingChoice {
  format: ConcreteFormat;
  quality: number;
  /** The perceptual score the written file reaches against the output's own pixels (0…100). */
  score?: number;
  /** Encodes the search made, the written one included. */
  encodes: number;
  /** The same output at the recipe's fixed quality, in bytes, for "bytes saved". */
  bytesAtFixed?: number;
  /** The score of the file the fixed quality would have written. */
  scoreAtFixed?: number;
  /** Final width and height when a size cap made the image smaller to fit. */
  downscaledTo?: { width: number; height: number };
  /** Formats tried by a shoot-out, with the bytes each needed to reach the target. */
  candidates?: { format: ConcreteFormat; bytes: number; quality: number; score?: number }[];
}

/** One output of a recipe with several, as its job reports it. */
export interface OutputOutcome {
  /** Index into `spec.outputs`. */
  output: number;
  /** "800 px WebP", as people read it. */
  label: string;
  result: JobResult;
}

/** What identifies an input in the journal: a changed original is redone. */
export interface JournalInput {
  in: string;
  size: number;
  mtime: number;
  /** Which of a recipe's several outputs (index into `spec.outputs`); absent for a recipe with one. */
  output?: number;
  /** The source's content hash, where the batch or an earlier output of this job already has it. */
  hash?: string;
  /** What its first bytes said it is: a re-run of the unchanged file need not read them again. */
  format?: SniffedFormat;
}

/** One line of the resume journal. */
export interface JournalEntry extends JournalInput {
  /** Absolute path of the finished output, and its size, checked before the entry is trusted. */
  out: string;
  outSize: number;
  /** The output's content hash and modification time: a changed date with the same bytes is still Pixmill's output. */
  outHash?: string;
  outMtime?: number;
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
      /** How a search chose the format and quality, when one did. */
      encoding?: EncodingChoice;
      /** A recipe with several outputs: each one's own result (the fields above sum or lead them). */
      outputs?: OutputOutcome[];
    }
  | {
      status: 'skipped';
      /** The output's name (for `larger`: the name it would have had; nothing was written). */
      output: string;
      reason: string;
      bytesIn: number;
      warnings?: FileWarning[];
      outputs?: OutputOutcome[];
    }
  | ({ status: 'failed'; outputs?: OutputOutcome[] } & FileError);

/** A job that wrote its output. */
export type JobDone = Extract<JobResult, { status: 'done' }>;
