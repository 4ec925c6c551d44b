// The in-app benchmark: which images it picks, how runs become ratios and a sentence, and one
// small real run through the engine (no timing asserted: only that it ran, reported and cleaned up).
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePipeline } from '../../common/pipeline.js';
import { makeImage, tempDir } from '../../tests/fixtures.js';
import { BenchCancelledError, runAppBenchmark } from './app-bench.js';
import { benchSentence, planAppContenders, summariseAppBench } from './app-bench-result.js';
import { evenIndices, pickEvenly, sampleQueuedImages } from './app-sample.js';
import type { Timed } from './rounds.js';

describe('sampling the queued images', () => {
  it('spreads picks evenly over a list', () => {
    expect(evenIndices(10, 2)).toEqual([2, 7]);
    expect(evenIndices(3, 5)).toEqual([0, 1, 2]);
    expect(evenIndices(100, 4)).toEqual([12, 37, 62, 87]);
    expect(evenIndices(5, 0)).toEqual([]);
  });

  it('shares the quota round-robin, so a small folder beside a huge one still counts', () => {
    const small = ['s1', 's2'];
    const huge = Array.from({ length: 1000 }, (_, i) => `h${i}`);
    const picked = pickEvenly([small, huge], 12);
    expect(picked).toHaveLength(12);
    expect(picked.slice(0, 2)).toEqual(['s1', 's2']);
    expect(picked.slice(2)).toEqual(evenIndices(1000, 10).map((i) => `h${i}`));
  });

  it('takes everything when there is less than the limit, and nothing from nothing', () => {
    expect(pickEvenly([['a'], [], ['b', 'c']], 12)).toEqual(['a', 'b', 'c']);
    expect(pickEvenly([[], []], 12)).toEqual([]);
  });

  it('samples images (not other files) from queued folders and files', async () => {
    const dir = await tempDir('pixmill-sample-');
    try {
      for (let i = 0; i < 6; i++) await makeImage(join(dir, 'A', `a${i}.png`), { width: 8, height: 8, format: 'png' });
      await writeFile(join(dir, 'A', 'notes.txt'), 'not an image');
      const single = await makeImage(join(dir, 'single.png'), { width: 8, height: 8, format: 'png' });
      const sample = await sampleQueuedImages([join(dir, 'A'), single], 4);
      expect(sample).toHaveLength(4);
      expect(sample).toContain(single);
      expect(sample.filter((p) => p.includes(`${join(dir, 'A')}/`))).toHaveLength(3);
      expect(new Set(sample).size).toBe(4);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('reducing runs to a result', () => {
  const contenders = planAppContenders(['processes', 'inline'], [2, 1, 2]);

  it('plans every mode at every (deduplicated) worker count', () => {
    expect(contenders.map((c) => c.id)).toEqual(['processes ×1', 'inline ×1', 'processes ×2', 'inline ×2']);
  });

  it('races auto once, last, with the largest count as its ceiling', () => {
    expect(planAppContenders(['auto', 'threads'], [2, 1]).map((c) => c.id)).toEqual([
      'threads ×1',
      'threads ×2',
      'auto ×2',
    ]);
  });

  it('picks the fastest fixed setting even when auto beat it, and says how auto did against it', () => {
    const withAuto = planAppContenders(['processes', 'inline', 'auto'], [1, 2]);
    const runs: Timed[] = [1, 1.2, 0.9].flatMap((d, round) => [
      { round, id: 'processes ×1', wallSeconds: 10 * d },
      { round, id: 'inline ×1', wallSeconds: 10 * d },
      { round, id: 'processes ×2', wallSeconds: 5 * d },
      { round, id: 'inline ×2', wallSeconds: 9 * d },
      { round, id: 'auto ×2', wallSeconds: 4 * d },
    ]);
    const result = summariseAppBench(withAuto, runs, 12, 3);
    expect(result.best).toEqual({ mode: 'processes', workers: 2 });
    expect(result.autoVsBest).toBeCloseTo(1.25, 10);
    expect(result.sentence).toBe(
      'processes at 2 workers: 1.8× inline on these images (12 photos, 3 rounds). Auto ran at 1.25× the fastest fixed setting.',
    );
    expect(summariseAppBench(contenders, runs, 12, 3).autoVsBest).toBeNull();
  });

  it('reports median time, images/s and the per-round ratio to inline at the same N, and picks the fastest', () => {
    // The machine drifts between rounds; processes ×2 is always 1.8× inline ×2 within a round.
    const drift = [1, 1.5, 0.8];
    const runs: Timed[] = drift.flatMap((d, round) => [
      { round, id: 'processes ×1', wallSeconds: 10 * d },
      { round, id: 'inline ×1', wallSeconds: 10 * d },
      { round, id: 'processes ×2', wallSeconds: 5 * d },
      { round, id: 'inline ×2', wallSeconds: 9 * d },
    ]);
    const result = summariseAppBench(contenders, runs, 12, 3);
    const p2 = result.contenders.find((c) => c.mode === 'processes' && c.workers === 2)!;
    expect(p2.medianSeconds).toBe(5);
    expect(p2.imagesPerSecond).toBeCloseTo(12 / 5, 10);
    expect(p2.vsInline).toBeCloseTo(1.8, 10);
    expect(result.contenders.find((c) => c.mode === 'inline' && c.workers === 2)!.vsInline).toBe(1);
    expect(result.best).toEqual({ mode: 'processes', workers: 2 });
    expect(result.sentence).toBe('processes at 2 workers: 1.8× inline on these images (12 photos, 3 rounds).');
  });

  it('counts failed runs and leaves them out of the figures', () => {
    const runs: Timed[] = [
      { round: 0, id: 'processes ×1', wallSeconds: 4 },
      { round: 0, id: 'inline ×1' },
    ];
    const result = summariseAppBench(contenders, runs, 3, 1);
    const inline1 = result.contenders.find((c) => c.mode === 'inline' && c.workers === 1)!;
    expect(inline1.failedRuns).toBe(1);
    expect(inline1.medianSeconds).toBeNull();
    expect(result.contenders.find((c) => c.mode === 'processes' && c.workers === 1)!.vsInline).toBeNull();
    expect(result.sentence).toBe(
      'processes at 1 worker was fastest on these images: 0.8 images/s (3 photos, 1 round).',
    );
  });

  it('says so when inline wins, and when nothing finished', () => {
    const inline = {
      mode: 'inline',
      workers: 2,
      medianSeconds: 1,
      imagesPerSecond: 12,
      vsInline: 1,
      failedRuns: 0,
    } as const;
    expect(benchSentence(inline, 12, 3)).toBe(
      'inline at 2 workers was fastest on these images: 12 images/s (12 photos, 3 rounds).',
    );
    expect(summariseAppBench(contenders, [], 1, 1).sentence).toBe(
      'No run finished, so there is no result (1 photo, 1 round).',
    );
    expect(summariseAppBench(contenders, [], 1, 1).best).toBeNull();
  });
});

describe('a real run', () => {
  let dir: string;
  let files: string[];
  let temp: string;

  beforeAll(async () => {
    dir = await tempDir('pixmill-app-bench-test-');
    temp = join(dir, 'tmp');
    await mkdir(temp);
    files = await Promise.all(
      [0, 1, 2].map((i) => makeImage(join(dir, 'photos', `p${i}.jpg`), { width: 200, height: 150 })),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('races two settings for one round, reports both, and removes its temp folders', async () => {
    const progress: { done: number; total: number; current: string | null }[] = [];
    const result = await runAppBenchmark({
      files,
      modes: ['threads', 'inline'],
      workers: [1],
      rounds: 1,
      tempRoot: temp,
      onProgress: (p) => progress.push(p),
    });
    expect(result.images).toBe(3);
    expect(result.contenders.map((c) => `${c.mode} ×${c.workers}`).sort()).toEqual(['inline ×1', 'threads ×1']);
    for (const c of result.contenders) {
      expect(c.failedRuns).toBe(0);
      expect(c.imagesPerSecond).toBeGreaterThan(0);
    }
    expect(result.best).not.toBeNull();
    expect(result.sentence).toMatch(/^(threads|inline) at 1 worker.* \(3 photos, 1 round\)\.$/);
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2]);
    expect(progress.at(-1)).toEqual({ done: 2, total: 2, current: null });
    expect(await readdir(temp)).toEqual([]);
  });

  it("runs the person's own recipe, auto beside a fixed mode", async () => {
    // A recipe whose outputs are unmistakable: PNG, 40 px wide. The benchmark's own outputs are
    // removed after each run, so its per-file events are what show what it wrote.
    const spec = makePipeline({
      steps: [{ op: 'resize', params: { by: 'width', width: 40 } }],
      output: { format: 'png' },
    });
    const written: { output: string; width: number }[] = [];
    const result = await runAppBenchmark({
      files,
      modes: ['auto', 'processes'],
      workers: [2],
      rounds: 1,
      spec,
      tempRoot: temp,
      onEvent: (event) => event.type === 'file-done' && written.push(event),
    });
    expect(result.contenders.map((c) => `${c.mode} ×${c.workers}`)).toEqual(['processes ×2', 'auto ×2']);
    for (const c of result.contenders) expect(c.failedRuns).toBe(0);
    expect(result.best).toEqual({ mode: 'processes', workers: 2 });
    expect(result.autoVsBest).toBeGreaterThan(0);
    expect(written).toHaveLength(2 * files.length);
    for (const w of written) {
      expect(w.output).toMatch(/\.png$/);
      expect(w.width).toBe(40);
    }
    expect(await readdir(temp)).toEqual([]);
  });

  it('stops when cancelled, with the temp folders removed', async () => {
    const abort = new AbortController();
    const run = runAppBenchmark({
      files,
      modes: ['inline'],
      workers: [1],
      rounds: 3,
      tempRoot: temp,
      signal: abort.signal,
      onProgress: (p) => p.done === 1 && abort.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(BenchCancelledError);
    expect(await readdir(temp)).toEqual([]);
  });

  it('refuses worker counts a batch would refuse', async () => {
    await expect(runAppBenchmark({ files, workers: [100_000], tempRoot: temp })).rejects.toThrow(
      /worker counts from 1 to/,
    );
  });
});
