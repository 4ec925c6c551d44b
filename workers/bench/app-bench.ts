// The desktop app's benchmark: the same interleaved, rotated rounds as `pixmill bench`, but each
// contender is a real batch through `startBatch` in this process rather than a `node
// bin/pixmill.cjs` child — the packaged app has no Node to start (the RunAsNode fuse is off), and
// the pool's own spawners (utility processes in Electron) are exactly what the person's batches use.
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BATCH_MODES, type BatchMode, isWorkerCount, maxWorkers, type WorkerMode } from '../../common/concurrency.js';
import type { EngineEvent } from '../../common/events.js';
import type { AppBenchResult, EventMap } from '../../common/ipc.js';
import { makePipeline, type PipelineSpec } from '../../common/pipeline.js';
import { startBatch } from '../batch/run-batch.js';
import type { Spawner } from '../pool/messages.js';
import { type AppContender, defaultAppWorkerCounts, planAppContenders, summariseAppBench } from './app-bench-result.js';
import { jobPipeline } from './contenders.js';
import { schedule, type Timed } from './rounds.js';

export interface AppBenchOptions {
  /** The sample (see sampleQueuedImages); absolute paths. */
  files: readonly string[];
  /** Default: every fixed mode, and auto. */
  modes?: readonly BatchMode[];
  /** Default: 1 and one per core. Each must be 1…2×cores, what a batch accepts. */
  workers?: readonly number[];
  rounds?: number;
  /** The recipe every contender runs (the person's chain and outputs); default: fit in 1600 px, JPEG 80. */
  spec?: PipelineSpec | undefined;
  /** The app's utilityProcess spawners; plain Node's own when absent (as in BatchRegistry). */
  spawners?: Partial<Record<WorkerMode, Spawner>> | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: (progress: EventMap['bench:progress']) => void;
  /** Every run's engine events (what each batch wrote, what auto chose), for whoever wants to look. */
  onEvent?: ((event: EngineEvent) => void) | undefined;
  /** Where the temporary folders go (tests); the OS temp folder by default. */
  tempRoot?: string;
}

export const DEFAULT_ROUNDS = 3;

/** Thrown when the signal aborts; the temp folders are gone by the time it arrives. */
export class BenchCancelledError extends Error {
  constructor() {
    super('The benchmark was cancelled.');
    this.name = 'BenchCancelledError';
  }
}

export async function runAppBenchmark(options: AppBenchOptions): Promise<AppBenchResult> {
  const cores = availableParallelism();
  const rounds = options.rounds ?? DEFAULT_ROUNDS;
  const counts = options.workers ?? defaultAppWorkerCounts(cores);
  if (options.files.length === 0) throw new RangeError('Expected at least one image for the benchmark');
  if (!Number.isInteger(rounds) || rounds < 1)
    throw new RangeError(`Expected a whole number of rounds of at least 1 but received ${rounds}`);
  const outOfRange = counts.find((n) => !isWorkerCount(n, cores));
  if (outOfRange !== undefined)
    throw new RangeError(`Expected worker counts from 1 to ${maxWorkers(cores)} but received ${outOfRange}`);

  const contenders = planAppContenders(options.modes ?? BATCH_MODES, counts);
  const plan = schedule(contenders, rounds);
  const total = plan.flat().length;
  const spec = options.spec ?? makePipeline(jobPipeline('plain'));
  const work = await mkdtemp(join(options.tempRoot ?? tmpdir(), 'pixmill-app-bench-'));
  try {
    const inputDir = await stageSample(options.files, join(work, 'in'));
    const runs: Timed[] = [];
    for (const [round, order] of plan.entries()) {
      for (const contender of order) {
        throwIfCancelled(options.signal);
        options.onProgress?.({ done: runs.length, total, current: `${contender.id}, round ${round + 1} of ${rounds}` });
        const wallSeconds = await timeOneBatch(
          contender,
          inputDir,
          join(work, `out-${runs.length + 1}`),
          spec,
          options,
        );
        throwIfCancelled(options.signal);
        runs.push({ round, id: contender.id, ...(wallSeconds === undefined ? {} : { wallSeconds }) });
      }
    }
    options.onProgress?.({ done: total, total, current: null });
    return summariseAppBench(contenders, runs, options.files.length, rounds);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new BenchCancelledError();
}

/**
 * One flat folder of uniquely named links: the sample comes from several folders that may hold
 * equal names, and every contender must read exactly the same files.
 */
async function stageSample(files: readonly string[], dir: string): Promise<string> {
  await mkdir(dir);
  const width = String(files.length).length;
  for (const [i, file] of files.entries())
    await symlink(file, join(dir, `${String(i).padStart(width, '0')}-${basename(file)}`));
  return dir;
}

/**
 * Wall seconds of one batch, less the time until its first worker was ready, or undefined when
 * the run processed nothing. A sample of a dozen images would otherwise be mostly start-up (a
 * process forks and loads sharp in ~115 ms, more on a cold disk), which a real batch of hundreds
 * pays once: the question is which setting processes images faster. Outputs are removed at once
 * so a long benchmark never holds more than one run's files.
 */
async function timeOneBatch(
  c: AppContender,
  inputDir: string,
  outDir: string,
  spec: PipelineSpec,
  options: AppBenchOptions,
): Promise<number | undefined> {
  const started = performance.now();
  let startupMs = 0;
  try {
    const summary = await startBatch({
      inputs: [inputDir],
      outDir,
      spec,
      mode: c.mode,
      workers: c.workers,
      // Auto may start either kind, each with the app's own spawner.
      ...(c.mode === 'auto' ? { spawners: options.spawners } : { spawner: options.spawners?.[c.mode] }),
      signal: options.signal,
      resume: false,
      // Nobody watches a benchmark run's per-file progress; fewer timers, less noise in the timing.
      progressIntervalMs: 1000,
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
      onPoolStats: (stats) => (startupMs = stats.startupMs.length ? Math.min(...stats.startupMs) : 0),
    }).done;
    const seconds = (performance.now() - started - startupMs) / 1000;
    return summary.processed > 0 && !summary.cancelled && seconds > 0 ? seconds : undefined;
  } catch {
    return undefined;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
