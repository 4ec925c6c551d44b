// Between the batch and the pool: each job's header is read once (its time limit, its memory),
// the job waits for room in the memory budget, gets its libvips threads, and runs; in the auto
// mode each answer is fed to the tuner, whose new shapes the pool takes on the spot.
import { availableParallelism } from 'node:os';
import { debuglog } from 'node:util';
import type { WorkerMode } from '../../common/concurrency.js';
import type { EngineEvent } from '../../common/events.js';
import type { ImageJob, JobResult } from '../../common/job.js';
import type { MemoryReport, TuningReport, WorkerShape } from '../../common/tuning.js';
import { shapeLabel } from '../../common/tuning.js';
import { imageWorkerEntry } from '../image/worker-entry-path.js';
import { type PoolShape, WorkerPool } from '../pool/pool.js';
import { jobMemoryMb } from './job-memory.js';
import { explainTimeout, jobSize, timedJob } from './job-size.js';
import { defaultBudgetMb, ENGINE_MB, MemoryBudget, WORKER_MB } from './memory-budget.js';
import type { PreparedBatch } from './prepare-batch.js';
import { Tuner } from './tuner.js';
import type { BatchOptions, JobQueue } from './types.js';

const debug = debuglog('pixmill');

/**
 * A process worker is replaced after this many jobs, or after a job that left it holding more
 * than its share of the memory budget (within these bounds): the allocator keeps what a large
 * image needed, and an idle worker holding 600 MB would count against the budget unseen.
 */
const RECYCLE_AFTER_JOBS = 500;
const RECYCLE_MB = { min: 256, max: 1536 } as const;

/** Work units of a job for the tuner: its megapixels, and a little for every file whatever its size. */
const unitsOf = (megapixels: number | undefined) => (megapixels ?? 1) + 0.05;

const poolShape = (s: WorkerShape): PoolShape => ({ processes: s.processes, threads: s.threads });

/** What the pool is started from: the request's mode, ceiling and budget. */
export type PoolRequest = Pick<PreparedBatch, 'mode' | 'workers' | 'memoryBudgetMb'>;
type PoolSources = Pick<BatchOptions, 'spawner' | 'spawners'>;

function budgetOf(request: PoolRequest): MemoryBudget {
  const set = request.memoryBudgetMb;
  return new MemoryBudget(set ?? defaultBudgetMb(), set ? 'set' : 'free-memory');
}

/**
 * The pool a batch starts with (and, in the auto mode, its tuner): what `startBatch` makes, and
 * what a caller may make before the batch is prepared, so that workers start while it parses
 * and scans (hand it over as `sharedPool`, close it after).
 */
export function startPool(request: PoolRequest, sources: PoolSources = {}): { pool: WorkerPool; tuner?: Tuner } {
  const share = Math.floor(budgetOf(request).budgetMb / request.workers);
  const recycle = { afterJobs: RECYCLE_AFTER_JOBS, rssMb: Math.min(RECYCLE_MB.max, Math.max(RECYCLE_MB.min, share)) };
  const workers = {
    entry: sources.spawner || sources.spawners ? undefined : imageWorkerEntry(),
    spawner: sources.spawner,
    spawners: sources.spawners,
  };
  if (request.mode !== 'auto')
    return { pool: new WorkerPool({ mode: request.mode, size: request.workers, ...workers, recycle }) };
  const kinds = (['processes', 'threads'] as WorkerMode[]).filter((k) => workers.entry || sources.spawners?.[k]);
  const tuner = new Tuner({
    cores: availableParallelism(),
    maxWorkers: request.workers,
    kinds: kinds.length ? kinds : ['processes'],
  });
  const start = tuner.shape;
  const first: WorkerMode = start.processes ? 'processes' : 'threads';
  const pool = new WorkerPool({ mode: first, size: start[first], ...workers, recycle });
  pool.reshape(poolShape(start));
  return { pool, tuner };
}

export class PoolDriver implements JobQueue {
  readonly pool: WorkerPool;
  private readonly tuner?: Tuner;
  private readonly memory: MemoryBudget;
  private readonly shared: boolean;
  private readonly ceiling: number;

  constructor(
    batch: PoolRequest,
    options: PoolSources & Pick<BatchOptions, 'sharedPool'>,
    private readonly emit: (e: EngineEvent) => void,
  ) {
    this.memory = budgetOf(batch);
    this.ceiling = batch.workers;
    // A watch's bursts share a pool and its tuner, so what was learnt carries to the next burst.
    const shared = options.sharedPool;
    this.shared = shared !== undefined;
    const started = shared?.pool ? { pool: shared.pool, tuner: shared.tuner } : startPool(batch, options);
    this.pool = started.pool;
    if (batch.mode === 'auto') {
      this.tuner =
        started.tuner ??
        new Tuner({
          cores: availableParallelism(),
          maxWorkers: batch.workers,
          kinds: this.pool.canRun('threads') ? ['processes', 'threads'] : ['processes'],
        });
      this.pool.reshape(poolShape(this.tuner.shape));
    }
    if (shared) {
      shared.pool = this.pool;
      if (this.tuner) shared.tuner = this.tuner;
    }
    this.reserveForWorkers();
  }

  /** Jobs handed to the pool and not answered: at most one per worker, so a job's memory is counted only once it has one. */
  private onPool = 0;
  private readonly toPool: (() => void)[] = [];

  /** Jobs waiting for a worker or for memory, or held in the paused pool's queue: in hand, but on no worker yet. */
  get waiting(): number {
    return this.toPool.length + this.memory.waiting + this.pool.queued;
  }

  /** One job running and one waiting per worker: no worker idles between jobs. */
  get window(): number {
    return this.ceiling * 2;
  }

  pause(): void {
    this.pool.pause();
  }

  resume(): void {
    this.pool.resume();
  }

  /** A shared pool outlives the batch: left unpaused for the next one, closed by its owner. */
  async close(): Promise<void> {
    if (this.shared) this.pool.resume();
    else await this.pool.close();
  }

  /**
   * Runs one job: its header read once, admitted against the memory budget, with the libvips
   * threads the tuner gives it (`left`: jobs of the batch not yet answered, when known).
   */
  async run(job: ImageJob, signal: AbortSignal, left: number | undefined): Promise<JobResult> {
    const header = await jobSize(job.input, job.spec);
    const timed = timedJob(job, header);
    await this.workerFree(signal);
    const release = await this.memory.admit(jobMemoryMb(header, job), signal);
    try {
      const epoch = this.tuner?.epoch ?? 0;
      const threads = this.tuner ? this.tuner.threadsFor(left ?? Number.POSITIVE_INFINITY) : 1;
      const run = threads > 1 ? { ...timed.job, libvipsThreads: threads } : timed.job;
      const result = await this.pool.run(run, {
        timeoutMs: timed.seconds * 1000,
        signal,
        onRan: (ran) => this.tune({ ...ran, units: unitsOf(header?.inputMegapixels), epoch }),
      });
      return explainTimeout(result, timed);
    } finally {
      release();
      this.onPool--;
      this.handOn();
    }
  }

  /** Resolves when the pool has a worker for one more job (at once on cancel: the pool then answers it). */
  private workerFree(signal: AbortSignal): Promise<void> {
    if (this.onPool < this.pool.size || signal.aborted) {
      this.onPool++;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const go = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const at = this.toPool.indexOf(go);
        if (at >= 0) this.toPool.splice(at, 1);
        this.onPool++;
        go();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.toPool.push(go);
    });
  }

  private handOn(): void {
    while (this.toPool.length > 0 && this.onPool < this.pool.size) {
      this.onPool++;
      this.toPool.shift()!();
    }
  }

  /** What the auto mode chose (absent for a fixed mode) and what the budget did. */
  reports(): { tuning?: TuningReport; memory: MemoryReport } {
    return {
      ...(this.tuner ? { tuning: this.tuner.report() } : {}),
      memory: this.memory.report(this.pool.stats.recycled),
    };
  }

  private tune(sample: Parameters<Tuner['observe']>[0]): void {
    const shape = this.tuner?.observe(sample);
    if (!shape) return;
    debug('auto: %s', shapeLabel(shape));
    try {
      this.pool.reshape(poolShape(shape));
    } catch (e) {
      debug('auto: the pool could not take %s: %s', shapeLabel(shape), e);
      return;
    }
    this.reserveForWorkers();
    this.handOn();
    this.emit({ type: 'tuning', ...this.tuner!.report() });
  }

  private reserveForWorkers(): void {
    const shape = this.pool.shape;
    this.memory.reserve(
      ENGINE_MB +
        shape.processes * WORKER_MB.processes +
        shape.threads * WORKER_MB.threads +
        shape.inline * WORKER_MB.inline,
    );
  }
}
