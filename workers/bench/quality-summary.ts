// From the quality runs to the table's rows: per strategy, the bytes and scores of its files
// (the same in every round: encoders are deterministic), its time (medians over the rounds, and
// the median per-round ratio to the fixed strategy, as the race does), and the goal
// checked: ≥ 25 % fewer bytes than fixed q80, at an equal or better score, in ≤ 3× the time.

import { type QualityImageRun, type QualityStrategy, STRATEGY_LABELS } from './quality-strategies.js';
import { median } from './rounds.js';

export interface QualityRun {
  round: number;
  strategy: QualityStrategy;
  images: QualityImageRun[];
}

interface QualityRow {
  strategy: QualityStrategy;
  label: string;
  images: number;
  totalBytes: number;
  /** Total bytes ÷ the fixed strategy's. */
  bytesVsFixed: number | null;
  scoreMean: number;
  scoreMin: number;
  /** Images whose file reaches the target score. */
  reachTarget: number;
  /** Median over the rounds of the mean encoding time per image, wall and CPU. */
  msPerImage: number | null;
  cpuMsPerImage: number | null;
  /** Median per-round ratio of this strategy's total encoding time to the fixed strategy's. */
  timeVsFixed: number | null;
  encodesPerImage: number;
  /** The formats written, e.g. { avif: 6, webp: 2 }. */
  formats: Record<string, number>;
}

interface QualityGoal {
  strategy: QualityStrategy;
  bytesSaved: number | null;
  scoreDelta: number | null;
  timeRatio: number | null;
  met: boolean;
}

export interface QualityResult {
  target: number;
  cap: number;
  rounds: number;
  rows: QualityRow[];
  goals: QualityGoal[];
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

export const GOAL = { bytesSaved: 0.25, timeRatio: 3 } as const;

export function summariseQuality(
  runs: readonly QualityRun[],
  target: number,
  cap: number,
  rounds: number,
): QualityResult {
  const strategies = [...new Set(runs.map((r) => r.strategy))];
  const wall = (r: QualityRun) => sum(r.images.map((i) => i.wallMs));
  const fixedRuns = runs.filter((r) => r.strategy === 'fixed');
  const rows = strategies.map((strategy): QualityRow => {
    const mine = runs.filter((r) => r.strategy === strategy);
    const images = mine[0]!.images;
    const fixed = fixedRuns[0]?.images;
    const totalBytes = sum(images.map((i) => i.bytes));
    const ratios = mine.flatMap((r) => {
      const f = fixedRuns.find((x) => x.round === r.round);
      return f ? [wall(r) / wall(f)] : [];
    });
    const formats: Record<string, number> = {};
    for (const i of images) formats[i.format] = (formats[i.format] ?? 0) + 1;
    return {
      strategy,
      label: STRATEGY_LABELS[strategy],
      images: images.length,
      totalBytes,
      bytesVsFixed: fixed ? totalBytes / sum(fixed.map((i) => i.bytes)) : null,
      scoreMean: sum(images.map((i) => i.score)) / images.length,
      scoreMin: Math.min(...images.map((i) => i.score)),
      reachTarget: images.filter((i) => i.score >= target).length,
      msPerImage: median(mine.map((r) => wall(r) / r.images.length)),
      cpuMsPerImage: median(mine.map((r) => sum(r.images.map((i) => i.cpuMs)) / r.images.length)),
      timeVsFixed: strategy === 'fixed' ? 1 : median(ratios),
      encodesPerImage: sum(images.map((i) => i.encodes)) / images.length,
      formats,
    };
  });
  const fixed = rows.find((r) => r.strategy === 'fixed');
  const goals = rows
    .filter((r) => r.strategy === 'target' || r.strategy === 'shootout' || r.strategy === 'matched')
    .map((r): QualityGoal => {
      const bytesSaved = r.bytesVsFixed === null ? null : 1 - r.bytesVsFixed;
      const scoreDelta = fixed ? r.scoreMean - fixed.scoreMean : null;
      const met =
        bytesSaved !== null &&
        bytesSaved >= GOAL.bytesSaved &&
        scoreDelta !== null &&
        scoreDelta >= 0 &&
        r.timeVsFixed !== null &&
        r.timeVsFixed <= GOAL.timeRatio;
      return { strategy: r.strategy, bytesSaved, scoreDelta, timeRatio: r.timeVsFixed, met };
    });
  return { target, cap, rounds, rows, goals };
}
