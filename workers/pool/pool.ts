// The pool: N workers, one job each at a time. A worker that dies is replaced and its job retried
// once; a job that runs past its time limit is stopped. `run` never rejects: every way a job can
// end is a JobResult with a code.

import type { WorkerMode } from '../../common/concurrency.js';
import { type ErrorCode, fileError } from '../../common/errors.js';
import type { ImageJob, JobResult } from '../../common/job.js';
import type { WorkerEntry } from './entry.js';
import { EXIT_MEMORY_LIMIT, type Spawner, type WorkerExit, type WorkerHandle } from './messages.js';
import { spawnerFor } from './spawners.js';

/**
 * What the workers run: an entry, started by the mode's own spawner, or a spawner of the
 * caller's (Electron's utility processes).
 */
type PoolWorkers = { entry: WorkerEntry; spawner?: undefined } | { spawner: Spawner; entry?: undefined };

export type PoolOptions = PoolWorkers & {
  mode: WorkerMode;
  size: number;
  /**
   * How long a running job may go on after its cancel before its worker is killed. A job that
   * finishes in time is reported as done, so every output on disk is one the batch counted.
   */
  cancelGraceMs?: number;
};

export interface PoolStats {
  /** Spawn-to-ready time of every worker started, in ms. */
  startupMs: number[];
  crashes: number;
  timeouts: number;
}

interface Task {
  job: ImageJob;
  queuedAt: number;
  postedAt?: number;
  timeoutMs: number;
  /** The batch's cancel: a cancelled job is never run again. */
  signal?: AbortSignal | undefined;
  attempts: number;
  resolve: (r: JobResult) => void;
}

interface Slot {
  handle: WorkerHandle;
  ready: boolean;
  task?: Task | undefined;
  timer?: NodeJS.Timeout;
  cancelTimer?: NodeJS.Timeout;
  /** Why we killed it: the result its task gets once the worker is really gone. */
  killedWith?: JobResult;
  /** It said it leaves after its last result: it gets no job, and its exit is no crash. */
  retiring?: boolean;
}

const DEFAULT_CANCEL_GRACE_MS = 3000;
/** Workers dying before they ever say ready, in a row, before the pool gives up. */
const MAX_FAILED_STARTS = 3;

const failed = (code: ErrorCode, detail?: string): JobResult => ({
  status: 'failed',
  ...fileError(code, 'worker', detail),
});

/** Adds what only the pool can see to a finished job's timings: queueing and messaging. */
function withPoolTimings(result: JobResult, task: Task): JobResult {
  if (result.status !== 'done' || task.postedAt === undefined) return result;
  const { read, pipeline, write } = result.timings;
  const roundTrip = performance.now() - task.postedAt;
  const timings = {
    ...result.timings,
    queue: task.postedAt - task.queuedAt,
    ipc: Math.max(0, roundTrip - read - pipeline - write),
  };
  return { ...result, timings };
}

export class WorkerPool {
  readonly stats: PoolStats = { startupMs: [], crashes: 0, timeouts: 0 };
  private readonly spawner: Spawner;
  private readonly slots = new Set<Slot>();
  private readonly queue: Task[] = [];
  private failedStarts = 0;
  private closing = false;
  private paused = false;
  private broken?: string;
  private readonly exited = new Set<Promise<void>>();

  constructor(readonly options: PoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1)
      throw new Error(`Expected a whole number of workers of at least 1 but received ${options.size}`);
    this.spawner = options.entry ? spawnerFor(options.mode, options.entry) : options.spawner;
    for (let i = 0; i < options.size; i++) this.spawn();
  }

  /** Runs one job on the next free worker. Resolves with its result; never rejects. */
  run(job: ImageJob, options: { timeoutMs: number; signal?: AbortSignal | undefined }): Promise<JobResult> {
    return new Promise((resolve) => {
      if (this.closing || options.signal?.aborted) return resolve(failed('CANCELLED'));
      if (this.broken) return resolve(failed('WORKER_CRASHED', this.broken));
      const onAbort = () => this.cancel(task);
      // One batch signal is shared by thousands of jobs: each job's listener goes when it ends.
      const settle = (r: JobResult) => {
        options.signal?.removeEventListener('abort', onAbort);
        resolve(r);
      };
      const task: Task = {
        job,
        queuedAt: performance.now(),
        timeoutMs: options.timeoutMs,
        signal: options.signal,
        attempts: 0,
        resolve: settle,
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(task);
      this.dispatch();
    });
  }

  /** Workers that could take a job now (ready and idle). */
  get idle(): number {
    let n = 0;
    for (const s of this.slots) if (s.ready && !s.task && !s.killedWith && !s.retiring) n++;
    return n;
  }

  /** Jobs waiting for a worker (all of them stay waiting while the pool is paused). */
  get queued(): number {
    return this.queue.length;
  }

  /** Process ids of the live workers (processes mode), for diagnostics and fault tests. */
  pids(): number[] {
    return [...this.slots].flatMap((s) => (s.handle.pid === undefined ? [] : [s.handle.pid]));
  }

  /** Stops handing out queued jobs; jobs already running finish. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.dispatch();
  }

  /** Stops every worker; queued jobs end as CANCELLED. Resolves when all workers are gone. */
  async close(): Promise<void> {
    this.closing = true;
    for (const task of this.queue.splice(0)) task.resolve(failed('CANCELLED'));
    for (const slot of this.slots) this.kill(slot, failed('CANCELLED'));
    while (this.exited.size) await Promise.all([...this.exited]);
  }

  private spawn(): void {
    const spawnedAt = performance.now();
    let handle: WorkerHandle;
    try {
      handle = this.spawner();
    } catch (e) {
      this.markBroken(`the worker could not be started: ${(e as Error).message}`);
      return;
    }
    const slot: Slot = { handle, ready: false };
    this.slots.add(slot);
    let onExit!: () => void;
    const gone = new Promise<void>((r) => (onExit = r));
    this.exited.add(gone);
    handle.onMessage((m) => {
      if (m.type === 'ready') {
        slot.ready = true;
        this.failedStarts = 0;
        this.stats.startupMs.push(performance.now() - spawnedAt);
        this.dispatch();
      } else if (m.type === 'result' && slot.task?.job.id === m.id && !slot.killedWith) {
        // Before the dispatch below: a retiring worker must not be handed the next job.
        if (m.retiring) slot.retiring = true;
        this.finish(slot, withPoolTimings(m.result, slot.task));
        this.dispatch();
      }
    });
    handle.onExit((exit) => {
      this.exited.delete(gone);
      onExit();
      this.onWorkerExit(slot, exit);
    });
  }

  private onWorkerExit(slot: Slot, exit: WorkerExit): void {
    this.slots.delete(slot);
    const task = slot.task;
    if (slot.killedWith) {
      if (task) this.finish(slot, slot.killedWith);
    } else if (slot.retiring && !task) {
      // Left as it said it would, with no job in hand: replaced below, not a crash.
    } else if (exit.code === EXIT_MEMORY_LIMIT && task) {
      this.finish(slot, failed('MEMORY_LIMIT', `the worker passed ${task.job.spec.limits.maxWorkerMemoryMb} MB`));
    } else {
      this.stats.crashes++;
      if (!slot.ready && ++this.failedStarts >= MAX_FAILED_STARTS) {
        this.markBroken(`workers exit before they are ready (last exit code ${exit.code}, signal ${exit.signal})`);
      }
      if (task) {
        clearTimeout(slot.timer);
        slot.task = undefined;
        const how = `worker exited with code ${exit.code}, signal ${exit.signal}`;
        // A job whose worker died during a cancel is cancelled with it, not started again.
        if (task.signal?.aborted) task.resolve(failed('CANCELLED', how));
        else if (++task.attempts < 2 && !this.broken) this.queue.unshift(task);
        else task.resolve(failed('WORKER_CRASHED', how));
      }
    }
    if (!this.closing && !this.broken) this.spawn();
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!this.queue.length || this.paused) return;
      if (!slot.ready || slot.task || slot.killedWith || slot.retiring) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.timer = setTimeout(() => {
        this.stats.timeouts++;
        this.kill(slot, failed('TIMEOUT', `no result after ${task.timeoutMs / 1000} s`));
      }, task.timeoutMs);
      task.postedAt = performance.now();
      slot.handle.post({ type: 'job', job: task.job });
    }
  }

  private finish(slot: Slot, result: JobResult): void {
    clearTimeout(slot.timer);
    clearTimeout(slot.cancelTimer);
    const task = slot.task;
    slot.task = undefined;
    task?.resolve(result);
  }

  /** Kills a worker; its task (if any) gets `result` once the worker has really exited. */
  private kill(slot: Slot, result: JobResult): void {
    if (slot.killedWith) return;
    clearTimeout(slot.timer);
    clearTimeout(slot.cancelTimer);
    slot.killedWith = result;
    slot.handle.kill();
  }

  private cancel(task: Task): void {
    const queued = this.queue.indexOf(task);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      task.resolve(failed('CANCELLED'));
      return;
    }
    for (const slot of this.slots) {
      if (slot.task !== task) continue;
      const grace = this.options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS;
      slot.cancelTimer = setTimeout(() => this.kill(slot, failed('CANCELLED')), grace);
    }
  }

  private markBroken(reason: string): void {
    this.broken = reason;
    for (const task of this.queue.splice(0)) task.resolve(failed('WORKER_CRASHED', reason));
  }
}
