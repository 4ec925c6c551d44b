// The in-app benchmark's arithmetic, kept pure: which settings race, how the timed runs reduce to
// a figure per setting, which one wins, and the sentence that says so.
import { type BatchMode, defaultWorkers, isWorkerMode, type WorkerMode } from '../../common/concurrency.js';
import { formatRate, plural } from '../../common/format.js';
import type { AppBenchContender, AppBenchResult } from '../../common/ipc.js';
import { medianOf, pairedRatio, type Timed } from './rounds.js';

export interface AppContender {
  /** e.g. "processes ×2"; unique within a run. */
  id: string;
  /** `auto` at its ceiling of workers. */
  mode: BatchMode;
  workers: number;
  /** One job for every contender; `schedule` groups by job and N. */
  job: 'plain';
}

export const appContenderId = (mode: BatchMode, workers: number): string => `${mode} ×${workers}`;

/** 1 and one per core: the two settings people choose between, deduplicated on one-core machines. */
export function defaultAppWorkerCounts(cores: number): number[] {
  return [...new Set([1, defaultWorkers(cores)])];
}

/**
 * Every fixed mode at every worker count, worker counts deduplicated and ascending; `auto` once,
 * last, with the largest count as its ceiling: the cores the fixed settings get, and what a batch
 * left at one worker per core lets auto use.
 */
export function planAppContenders(modes: readonly BatchMode[], workerCounts: readonly number[]): AppContender[] {
  const counts = [...new Set(workerCounts)].sort((a, b) => a - b);
  const fixed = [...new Set(modes)].filter(isWorkerMode);
  const contender = (mode: BatchMode, workers: number): AppContender => ({
    id: appContenderId(mode, workers),
    mode,
    workers,
    job: 'plain',
  });
  const ceiling = counts.at(-1);
  return [
    ...counts.flatMap((workers) => fixed.map((mode) => contender(mode, workers))),
    ...(modes.includes('auto') && ceiling !== undefined ? [contender('auto', ceiling)] : []),
  ];
}

/** Each setting's median time and speed, its paired ratio to inline at the same N, and the winner. */
export function summariseAppBench(
  contenders: readonly AppContender[],
  runs: readonly Timed[],
  images: number,
  rounds: number,
): AppBenchResult {
  const rows: AppBenchContender[] = contenders.map((c) => {
    const medianSeconds = medianOf(runs, c.id, (r) => r.wallSeconds);
    const inline = contenders.find((o) => o.mode === 'inline' && o.workers === c.workers);
    return {
      mode: c.mode,
      workers: c.workers,
      medianSeconds,
      imagesPerSecond: medianSeconds && medianSeconds > 0 ? images / medianSeconds : null,
      vsInline: inline ? (inline.id === c.id ? 1 : pairedRatio(runs, c.id, inline.id)) : null,
      failedRuns: runs.filter((r) => r.id === c.id && r.wallSeconds === undefined).length,
    };
  });
  // Auto is not a setting to apply: "Use" sets a fixed one, and auto is measured against it.
  let best: (AppBenchContender & { mode: WorkerMode }) | undefined;
  for (const row of rows) {
    if (!isFixed(row) || row.imagesPerSecond === null) continue;
    if (!best || row.imagesPerSecond > best.imagesPerSecond!) best = row;
  }
  const auto = contenders.find((c) => c.mode === 'auto');
  const autoVsBest = auto && best ? pairedRatio(runs, auto.id, appContenderId(best.mode, best.workers)) : null;
  const sentence = benchSentence(best, images, rounds);
  return {
    images,
    rounds,
    contenders: rows,
    best: best ? { mode: best.mode, workers: best.workers } : null,
    autoVsBest,
    sentence: best && autoVsBest !== null ? `${sentence} ${autoSentence(autoVsBest)}` : sentence,
  };
}

const isFixed = (row: AppBenchContender): row is AppBenchContender & { mode: WorkerMode } => isWorkerMode(row.mode);

/** "Auto ran at 0.97× the fastest fixed setting." */
export function autoSentence(autoVsBest: number): string {
  return `Auto ran at ${autoVsBest.toFixed(2)}× the fastest fixed setting.`;
}

const formatRatio = (r: number): string => `${r.toFixed(1)}×`;

/** "processes at 2 workers: 1.8× inline on these images (12 photos, 3 rounds)". */
export function benchSentence(best: AppBenchContender | undefined, images: number, rounds: number): string {
  const about = `(${plural(images, 'photo')}, ${plural(rounds, 'round')})`;
  if (!best || best.imagesPerSecond === null) return `No run finished, so there is no result ${about}.`;
  const setting = `${best.mode} at ${plural(best.workers, 'worker')}`;
  if (best.mode !== 'inline' && best.vsInline !== null)
    return `${setting}: ${formatRatio(best.vsInline)} inline on these images ${about}.`;
  return `${setting} was fastest on these images: ${formatRate(best.imagesPerSecond)} images/s ${about}.`;
}
