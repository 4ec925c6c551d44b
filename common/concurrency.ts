// How a batch runs: which kind of worker, and how many. Every side (the window, the CLI, the engine,
// the benchmarks) reads these; the core count comes in as an argument because only Node can ask
// for it (os.availableParallelism()), and this folder runs in the renderer too.
import { z } from 'zod';

export const WORKER_MODES = ['processes', 'threads', 'inline'] as const;
export type WorkerMode = (typeof WORKER_MODES)[number];

/** A crash in libvips then kills one worker, not the app. */
export const DEFAULT_WORKER_MODE: WorkerMode = 'processes';

export const workerModeSchema = z.enum(WORKER_MODES, { error: `Expected one of ${WORKER_MODES.join(', ')}` });

export function isWorkerMode(value: unknown): value is WorkerMode {
  return (WORKER_MODES as readonly unknown[]).includes(value);
}

/**
 * What a batch asks for: a fixed kind of worker, or `auto`, where the engine measures the first
 * images and keeps choosing the kind, the number of workers and the libvips threads each job
 * gets (workers/batch/tuner.ts). With `auto`, `workers` is the most it may run at once.
 */
export const BATCH_MODES = ['auto', ...WORKER_MODES] as const;
export type BatchMode = (typeof BATCH_MODES)[number];

/** No one should have to guess: the engine measures. */
export const DEFAULT_BATCH_MODE: BatchMode = 'auto';

export const batchModeSchema = z.enum(BATCH_MODES, { error: `Expected one of ${BATCH_MODES.join(', ')}` });

export function isBatchMode(value: unknown): value is BatchMode {
  return (BATCH_MODES as readonly unknown[]).includes(value);
}

/** One worker per core: each runs one job at a time with one libvips thread, so N workers ≈ N busy cores. */
export function defaultWorkers(cores: number): number {
  return Math.max(1, Math.floor(cores));
}

/** Beyond two per core, workers only queue for the same CPUs. */
export function maxWorkers(cores: number): number {
  return 2 * defaultWorkers(cores);
}

/** The worker counts a batch accepts on a machine with `cores` cores, and the one it uses unless told. */
export function workerRange(cores: number): { min: 1; max: number; default: number } {
  return { min: 1, max: maxWorkers(cores), default: defaultWorkers(cores) };
}

export function isWorkerCount(n: unknown, cores: number): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= maxWorkers(cores);
}
