// What the auto mode chose and why, and what the memory budget did: reported in the CLI's
// summary and --json, and as a line in the window. Plain data, so every side can read it.
import type { WorkerMode } from './concurrency.js';

/** How the pool is shaped at one moment: workers of each kind, and libvips threads per job. */
export interface WorkerShape {
  processes: number;
  threads: number;
  /** sharp.concurrency() for each job: AVIF encodes use several, most jobs one. */
  libvipsThreads: number;
}

/** One step the tuner tried: the shape, the throughput measured with it, and whether it stayed. */
export interface TuningStep {
  /** Jobs finished when the step was judged. */
  afterJobs: number;
  shape: WorkerShape;
  /** Work per second measured with this shape (megapixels decoded + encoded, weighted by encoder cost). */
  throughput: number;
  kept: boolean;
}

export interface TuningReport {
  /** The kind of worker the batch settled on. */
  mode: WorkerMode;
  workers: number;
  libvipsThreads: number;
  /** In words: "3 processes × 1 libvips thread: 6 % more throughput than 2 (threads were 2 % slower)". */
  reason: string;
  steps: TuningStep[];
}

export interface MemoryReport {
  /** The budget jobs were admitted against, in MB. */
  budgetMb: number;
  /** Whether the person set it (`--memory-budget`) or it was a share of the free memory. */
  source: 'set' | 'free-memory';
  /** The largest sum of estimates of jobs running at once, in MB. */
  peakEstimateMb: number;
  /** Jobs that waited for memory before they could start. */
  heldBack: number;
  /** Jobs estimated above the whole budget, each run with nothing else. */
  ranAlone: number;
  /** Workers replaced after many jobs or a high resident size. */
  recycled: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2 processes × 1 libvips thread". */
export function shapeLabel(shape: WorkerShape): string {
  const kinds = [
    ...(shape.processes ? [plural(shape.processes, 'process').replace('processs', 'processes')] : []),
    ...(shape.threads ? [plural(shape.threads, 'thread')] : []),
  ];
  return `${kinds.join(' + ') || 'no workers'} × ${plural(shape.libvipsThreads, 'libvips thread')}`;
}
