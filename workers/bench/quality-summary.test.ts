// The quality table's arithmetic on made-up runs: totals from one round, times as medians of the
// per-round ratios to the fixed strategy, and the goal judged on all three of its conditions.
import { describe, expect, it } from 'vitest';
import type { QualityImageRun, QualityStrategy } from './quality-strategies.js';
import { type QualityRun, summariseQuality } from './quality-summary.js';

const image = (bytes: number, score: number, wallMs: number, format = 'jpeg'): QualityImageRun => ({
  file: 'a.jpg',
  pixels: 1e6,
  bytes,
  score,
  format,
  quality: 80,
  encodes: format === 'jpeg' ? 1 : 4,
  wallMs,
  cpuMs: wallMs,
  warnings: [],
});

const run = (round: number, strategy: QualityStrategy, images: QualityImageRun[]): QualityRun => ({
  round,
  strategy,
  images,
});

describe('summariseQuality', () => {
  const runs = [
    run(0, 'fixed', [image(100, 80, 10), image(300, 84, 30)]),
    run(0, 'shootout', [image(50, 82, 20, 'avif'), image(200, 84, 60, 'webp')]),
    run(1, 'fixed', [image(100, 80, 20), image(300, 84, 60)]),
    run(1, 'shootout', [image(50, 82, 30, 'avif'), image(200, 84, 90, 'webp')]),
  ];
  const r = summariseQuality(runs, 82, 150, 2);

  it('totals bytes and scores, and takes times as medians over the rounds', () => {
    const shoot = r.rows.find((x) => x.strategy === 'shootout')!;
    expect(shoot).toMatchObject({ totalBytes: 250, scoreMin: 82, reachTarget: 2, encodesPerImage: 4 });
    expect(shoot.bytesVsFixed).toBeCloseTo(250 / 400);
    expect(shoot.scoreMean).toBeCloseTo(83);
    expect(shoot.timeVsFixed).toBeCloseTo(1.75); // rounds: 80/40 = 2, 120/80 = 1.5
    expect(shoot.formats).toEqual({ avif: 1, webp: 1 });
  });

  it('meets the goal only with enough bytes saved, an equal or better score and time within 3×', () => {
    expect(r.goals).toEqual([{ strategy: 'shootout', bytesSaved: 0.375, scoreDelta: 1, timeRatio: 1.75, met: true }]);
    const slow = summariseQuality(
      runs.map((x) =>
        x.strategy === 'shootout' ? { ...x, images: x.images.map((i) => ({ ...i, wallMs: i.wallMs * 3 })) } : x,
      ),
      82,
      150,
      2,
    );
    expect(slow.goals[0]!.met).toBe(false);
  });
});
