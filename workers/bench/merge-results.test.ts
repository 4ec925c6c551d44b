import { describe, expect, it } from 'vitest';
import { mergeResults } from './merge-results.js';
import type { BenchResult } from './summarise.js';

const result = (job: 'avif' | 'small', date: string, rounds: number) =>
  ({
    environment: { date, cores: 2 },
    dataset: { dir: job, generated: true, images: 10, megabytes: 1, slices: 1 },
    datasets: [{ dir: job, generated: true, images: 10, megabytes: 1, slices: job === 'small' ? 3 : 1, jobs: [job] }],
    rounds,
    workerCounts: [2, 4],
    jobs: [job],
    contenders: [{ id: `${job} bare-sharp ×2` }],
    shapes: [{ job }],
    skipped: job === 'avif' ? [{ job, tool: 'mogrify', reason: 'r' }] : [],
    whereTheTimeGoes: [],
    targets: [{ target: `${job}: t` }],
    decoders: null,
  }) as unknown as BenchResult;

describe('results of separate --job runs', () => {
  it('puts the jobs side by side, each with its own figures, dated by the last run', () => {
    const merged = mergeResults([
      result('avif', '2026-12-02T13:50:00Z', 3),
      result('small', '2026-12-02T14:05:00Z', 3),
    ]);
    expect(merged.jobs).toEqual(['avif', 'small']);
    expect(merged.shapes.map((s) => s.job)).toEqual(['avif', 'small']);
    expect(merged.contenders).toHaveLength(2);
    expect(merged.skipped).toHaveLength(1);
    expect(merged.environment.date).toBe('2026-12-02T14:05:00Z');
    expect(merged.dataset).toMatchObject({ images: 20, slices: 3 });
  });

  it('refuses a job measured twice rather than keep one silently', () => {
    expect(() => mergeResults([result('avif', 'a', 3), result('avif', 'b', 3)])).toThrow(/avif/);
  });
});
