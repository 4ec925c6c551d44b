// The batch API that the CLI and the desktop app both drive.

import type { WorkerMode } from '../../common/concurrency.js';
import type { BatchSummary, EngineEvent } from '../../common/events.js';
import type { BatchRequest } from '../../common/ipc.js';
import type { ImageJob, JobResult } from '../../common/job.js';
import type { Spawner } from '../pool/messages.js';
import type { PoolStats, WorkerPool } from '../pool/pool.js';
import type { PreparedBatch } from './prepare-batch.js';
import type { Tuner } from './tuner.js';

/**
 * Where a batch's jobs run: this machine's pool (`PoolDriver`), or a queue other machines take
 * them from (workers/queue: BullMQ on Redis). The batch names, decides and reports every file;
 * the queue only runs the jobs it is handed and answers each one.
 */
export interface JobQueue {
  /** Runs one job to its answer (`left`: jobs of the batch not yet answered, when known). Never rejects for a file's failure. */
  run(job: ImageJob, signal: AbortSignal, left: number | undefined): Promise<JobResult>;
  /** Jobs in hand that are on no worker yet (waiting for one, for memory, or held by a pause). */
  readonly waiting: number;
  /** How many jobs the batch keeps in hand: enough that no worker idles between two. */
  readonly window: number;
  pause(): void;
  resume(): void;
  /** The batch has ended: let go of the workers (a shared local pool is only resumed). */
  close(): Promise<void>;
  /** What the queue did, for the summary. */
  reports(): Pick<BatchSummary, 'tuning' | 'memory' | 'distributed'>;
}

/**
 * The request (inputs: folders and/or files as the person chose them; outDir: created if missing,
 * may not contain an input folder), with `mode` and `workers` left to their defaults when absent
 * (common/concurrency.ts), and what only the engine's own callers pass.
 */
export interface BatchOptions
  extends Omit<BatchRequest, 'mode' | 'workers'>,
    Partial<Pick<BatchRequest, 'mode' | 'workers'>> {
  /** Replaces the spawner of the batch's fixed mode (Electron passes a utilityProcess one). */
  spawner?: Spawner | undefined;
  /**
   * Spawners per kind of worker, for `auto`, which may run either (Electron: utility processes,
   * and its thread host); a kind missing here is started the plain-Node way.
   */
  spawners?: Partial<Record<WorkerMode, Spawner>> | undefined;
  signal?: AbortSignal | undefined;
  onEvent?: (event: EngineEvent) => void;
  /**
   * Runs the batch's jobs somewhere other than this machine's pool (a Redis queue shared by
   * several machines); made once the batch is prepared. Absent: the local pool.
   */
  queue?: ((batch: PreparedBatch, emit: (event: EngineEvent) => void) => JobQueue) | undefined;
  /**
   * Pick up an interrupted run of the same batch (same inputs, output folder and settings) from
   * the journal in the output folder, skipping what it verifiably finished. Default true.
   */
  resume?: boolean;
  /**
   * Only these files (or folders) are looked at, each found inside one of `inputs` and answered as
   * the walk of its root would answer it (same relative path, same output name): what a watch
   * hands the batch for a burst of changes. A listed path that no longer exists is passed over.
   */
  only?: readonly string[] | undefined;
  /**
   * Process files Pixmill itself wrote (outputs listed in an output folder's record) like any
   * other. Default false: they are skipped as `own-output`, because compressing an already
   * compressed output again only loses quality.
   */
  recompress?: boolean | undefined;
  /**
   * Workers kept across batches (a watch's bursts): the first batch starts the pool and leaves
   * it here, later ones use it, none closes it; whoever owns the holder closes it at the end.
   * A burst then costs no worker start-up, and the auto mode's tuner carries what it learnt.
   */
  sharedPool?: { pool?: WorkerPool; tuner?: Tuner } | undefined;
  /** Minimum time between progress events; 100 ms gives at most 10 per second. */
  progressIntervalMs?: number;
  /**
   * Called once, after the pool has closed, with its statistics (worker start-up times, crashes,
   * timeouts): what `pixmill run --stats-file` and the benchmark report beside the file timings.
   */
  onPoolStats?: (stats: Readonly<PoolStats>) => void;
}

export interface BatchHandle {
  pause(): void;
  resume(): void;
  cancel(): void;
  /** Resolves when the batch ends, however it ends; rejects only for invalid options. */
  readonly done: Promise<BatchSummary>;
}
