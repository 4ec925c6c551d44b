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
 * What the workers run: an entry, started by each mode's own spawner, and/or spawners of the
 * caller's (Electron's utility processes, its thread host). `spawner` is the one for `mode`.
 */
interface PoolWorkers {
  entry?: WorkerEntry | undefined;
  spawner?: Spawner | undefined;
  spawners?: Partial<Record<WorkerMode, Spawner>> | undefined;
}

/** Workers of each kind the pool keeps running. */
export type PoolShape = Partial<Record<WorkerMode, number>>;

export type PoolOptions = PoolWorkers & {
  /** The kind of the `size` workers started first; `reshape` may change both. */
  mode: WorkerMode;
  size: number;
  /**
   * A process worker is replaced after this many jobs, or after a job that left it above this
   * resident size. Long batches then do
   * not carry one job's fragmentation or a leak into the next thousand.
   */
  recycle?: { afterJobs?: number | undefined; rssMb?: number | undefined } | undefined;
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
  /** Workers replaced after their job count or resident size (PoolOptions.recycle). */
  recycled: number;
}

/** Which worker ran a job, and for how long (posted to answered): what the auto mode compares. */
export interface RanOn {
  mode: WorkerMode;
  serviceMs: number;
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
  onRan?: ((ran: RanOn) => void) | undefined;
}

interface Slot {
  mode: WorkerMode;
  handle: WorkerHandle;
  /** Jobs it has answered. */
  jobs: number;
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
  readonly stats: PoolStats = { startupMs: [], crashes: 0, timeouts: 0, recycled: 0 };
  private readonly spawners = new Map<WorkerMode, Spawner>();
  private readonly slots = new Set<Slot>();
  private target: Record<WorkerMode, number> = { processes: 0, threads: 0, inline: 0 };
  private readonly queue: Task[] = [];
  private failedStarts = 0;
  private closing = false;
  private paused = false;
  private broken?: string;
  private readonly exited = new Set<Promise<void>>();

  constructor(readonly options: PoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1)
      throw new Error(`Expected a whole number of workers of at least 1 but received ${options.size}`);
    if (!this.spawnerOf(options.mode)) throw new Error(`Expected a way to start ${options.mode} workers`);
    this.target[options.mode] = options.size;
    this.fill();
  }

  /** The workers of each kind the pool keeps running now. */
  get shape(): Readonly<Record<WorkerMode, number>> {
    return this.target;
  }

  /** Workers the pool keeps running, of all kinds. */
  get size(): number {
    return this.target.processes + this.target.threads + this.target.inline;
  }

  /** True when the pool can start workers of this kind. */
  canRun(mode: WorkerMode): boolean {
    return this.spawnerOf(mode) !== undefined;
  }

  /**
   * Runs this many workers of each kind from now on (kinds left out: none). New ones start at
   * once; surplus idle ones stop at once, busy ones after their job. At least one worker stays.
   */
  reshape(shape: PoolShape): void {
    const next = { processes: shape.processes ?? 0, threads: shape.threads ?? 0, inline: shape.inline ?? 0 };
    for (const mode of Object.keys(next) as WorkerMode[])
      if (next[mode] > 0 && !this.spawnerOf(mode)) throw new Error(`Expected a way to start ${mode} workers`);
    if (next.processes + next.threads + next.inline < 1) throw new Error('Expected at least one worker');
    this.target = next;
    // Idle workers leave first, so no running job is made to wait for its worker's successor.
    const leaving = [...this.slots].filter((s) => this.isLive(s)).sort((a, b) => Number(!!a.task) - Number(!!b.task));
    for (const slot of leaving) if (this.live(slot.mode) > this.target[slot.mode]) this.retire(slot);
    this.fill();
    this.dispatch();
  }

  /** Runs one job on the next free worker. Resolves with its result; never rejects. */
  run(
    job: ImageJob,
    options: { timeoutMs: number; signal?: AbortSignal | undefined; onRan?: (ran: RanOn) => void },
  ): Promise<JobResult> {
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
        onRan: options.onRan,
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

  private spawnerOf(mode: WorkerMode): Spawner | undefined {
    let spawner = this.spawners.get(mode);
    if (!spawner) {
      const { entry, spawners } = this.options;
      const own = mode === this.options.mode ? this.options.spawner : undefined;
      spawner =
        spawners?.[mode] ??
        own ??
        (entry && (mode !== 'inline' || entry.loadInline) ? spawnerFor(mode, entry) : undefined);
      if (spawner) this.spawners.set(mode, spawner);
    }
    return spawner;
  }

  /** Not on its way out: it counts toward its kind's number. */
  private isLive(slot: Slot): boolean {
    return !slot.retiring && !slot.killedWith;
  }

  private live(mode: WorkerMode): number {
    let n = 0;
    for (const s of this.slots) if (s.mode === mode && this.isLive(s)) n++;
    return n;
  }

  /** Starts workers until each kind has its number. */
  private fill(): void {
    if (this.closing || this.broken) return;
    for (const mode of Object.keys(this.target) as WorkerMode[])
      for (let n = this.live(mode); n < this.target[mode] && !this.broken; n++) this.spawn(mode);
  }

  /** Lets a worker go: now when idle, else once its job is answered (it gets no other). */
  private retire(slot: Slot): void {
    slot.retiring = true;
    if (!slot.task) this.letGo(slot);
  }

  private letGo(slot: Slot): void {
    if (slot.handle.release) slot.handle.release();
    else slot.handle.kill();
  }

  private spawn(mode: WorkerMode): void {
    const spawnedAt = performance.now();
    let handle: WorkerHandle;
    try {
      handle = this.spawnerOf(mode)!();
    } catch (e) {
      this.markBroken(`the worker could not be started: ${(e as Error).message}`);
      return;
    }
    const slot: Slot = { mode, handle, ready: false, jobs: 0 };
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
        const task = slot.task;
        slot.jobs++;
        // Before the dispatch below: a retiring worker must not be handed the next job.
        if (m.retiring) slot.retiring = true;
        else if (this.worn(slot, m.rss)) {
          slot.retiring = true;
          this.stats.recycled++;
        }
        if (task.postedAt !== undefined)
          task.onRan?.({ mode: slot.mode, serviceMs: performance.now() - task.postedAt });
        this.finish(slot, withPoolTimings(m.result, task));
        // Answered, so its job is safe: a worker leaving by our choice goes now, and is replaced.
        if (slot.retiring && !m.retiring) {
          this.letGo(slot);
          this.fill();
        }
        this.dispatch();
      }
    });
    handle.onExit((exit) => {
      this.exited.delete(gone);
      onExit();
      this.onWorkerExit(slot, exit);
    });
  }

  /** Due for replacement after its jobs (PoolOptions.recycle). */
  private worn(slot: Slot, rss: number | undefined): boolean {
    // A thread shares its process's memory, and Electron has crashed on threads made and ended
    // over and over (electron#47986): only processes are recycled.
    if (slot.mode !== 'processes') return false;
    const { afterJobs, rssMb } = this.options.recycle ?? {};
    if (afterJobs !== undefined && slot.jobs >= afterJobs) return true;
    return rssMb !== undefined && rss !== undefined && rss > rssMb * 1024 * 1024;
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
    this.fill();
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!this.queue.length || this.paused) return;
      if (!slot.ready || slot.task || !this.isLive(slot)) continue;
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
