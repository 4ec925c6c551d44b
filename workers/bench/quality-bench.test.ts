// The quality table end to end on two small photos: four strategies, each a child process from
// source, every file scored from its bytes.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage, tempDir } from '../../tests/fixtures.js';
import { runQualityBench } from './quality-bench.js';
import { formatQualityReport } from './quality-report.js';

describe('runQualityBench', () => {
  let work: string;
  beforeAll(async () => {
    work = await tempDir('pixmill-quality-bench-');
  });
  afterAll(async () => rm(work, { recursive: true, force: true }));

  it('reports every strategy on every photo, the target reached where it is searched for', async () => {
    const files = [
      await makeImage(join(work, 'a.jpg'), { width: 320, height: 240 }),
      await makeImage(join(work, 'b.jpg'), { width: 240, height: 320, orientation: 6 }),
    ];
    const r = await runQualityBench({ files, rounds: 1, work, target: 70 });
    expect(r.rows.map((row) => row.strategy).sort()).toEqual(['cap', 'fixed', 'matched', 'shootout', 'target']);
    for (const row of r.rows) expect(row.images, row.strategy).toBe(2);
    const target = r.rows.find((row) => row.strategy === 'target')!;
    expect(target.scoreMin).toBeGreaterThanOrEqual(70);
    expect(target.encodesPerImage).toBeLessThanOrEqual(6);
    const cap = r.rows.find((row) => row.strategy === 'cap')!;
    expect(cap.totalBytes).toBeLessThanOrEqual(2 * r.cap);
    expect(formatQualityReport(r, 'two test photos')).toMatch(/shoot-out AVIF\/WebP\/JPEG/);
  }, 180_000);
});
