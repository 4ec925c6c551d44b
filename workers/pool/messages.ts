// The messages between the pool and a worker: typed data, never pixels.
import type { ImageJob, JobResult } from '../../common/job.js';

export type ToWorker = { type: 'job'; job: ImageJob };

/**
 * `rss`: a worker process's resident size in bytes after the job (PoolOptions.recycle); a thread
 * leaves it out, its process's being the whole engine's.
 * `retiring`: the worker leaves once this result is out (a decoder of its trapped, and its memory
 * is not to be trusted with another file). The pool sends it nothing more, and replaces it
 * without counting a crash.
 */
export type FromWorker =
  | { type: 'ready'; startupMs: number }
  | { type: 'result'; id: number; result: JobResult; retiring?: true; rss?: number };

/**
 * A worker process exits with this code when its memory passed the job's limit: the pool reports
 * MEMORY_LIMIT for that job instead of retrying it (the same image would only do it again).
 */
export const EXIT_MEMORY_LIMIT = 86;

/** A worker that announced it was retiring (see FromWorker) exits with this code. */
export const EXIT_RETIRED = 87;

/** How a worker ended, as far as its spawner can tell. */
export interface WorkerExit {
  code: number | null;
  signal: string | null;
}

/**
 * One live worker, whatever it runs on (child process, thread, Electron utility process, or the
 * engine's own process). The pool only ever talks to workers through this.
 */
export interface WorkerHandle {
  readonly pid?: number | undefined;
  post(message: ToWorker): void;
  onMessage(listener: (message: FromWorker) => void): void;
  onExit(listener: (exit: WorkerExit) => void): void;
  /** Ends the worker now (SIGKILL for a process); onExit listeners still run. */
  kill(): void;
  /**
   * Lets an idle worker go that the pool no longer wants; onExit listeners run. A handle that
   * shares its process with others (Electron's thread host) leaves it running; without this,
   * `kill` is used.
   */
  release?(): void;
}

/** Starts one worker. Electron injects its own (utilityProcess) for `processes` mode. */
export type Spawner = () => WorkerHandle;
