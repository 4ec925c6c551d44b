// Results of separate `pixmill bench --job …` runs, read back from their --json output and put
// together, so that one table and one chart can hold jobs measured one after another (on a busy
// machine a run of every job may not fit in one sitting). Each job keeps its own rounds' figures:
// nothing is paired across runs.
import type { BenchResult } from './summarise.js';

export function mergeResults(results: readonly BenchResult[]): BenchResult {
  const [first, ...rest] = results;
  if (!first) throw new Error('mergeResults: no results to merge');
  const all = [first, ...rest];
  const seen = new Set<string>();
  for (const r of all)
    for (const job of r.jobs) {
      if (seen.has(job)) throw new Error(`mergeResults: job "${job}" appears in two results`);
      seen.add(job);
    }
  const datasets = all.flatMap((r) => r.datasets ?? [{ ...r.dataset, jobs: [...r.jobs] }]);
  return {
    ...first,
    // The newest date: the figures are as of the last run.
    environment: {
      ...first.environment,
      date: all
        .map((r) => r.environment.date)
        .sort()
        .at(-1)!,
    },
    dataset: {
      ...first.dataset,
      images: datasets.reduce((n, d) => n + d.images, 0),
      megabytes: datasets.reduce((n, d) => n + d.megabytes, 0),
      slices: Math.max(...datasets.map((d) => d.slices)),
    },
    datasets,
    rounds: Math.min(...all.map((r) => r.rounds)),
    jobs: all.flatMap((r) => r.jobs),
    contenders: all.flatMap((r) => r.contenders),
    shapes: all.flatMap((r) => r.shapes ?? []),
    skipped: all.flatMap((r) => r.skipped ?? []),
    whereTheTimeGoes: all.flatMap((r) => r.whereTheTimeGoes),
    targets: all.flatMap((r) => r.targets),
    decoders: all.find((r) => r.decoders)?.decoders ?? null,
    queue: all.find((r) => r.queue)?.queue ?? null,
  };
}
