// The auto mode and the memory budget in real batches: real workers of both kinds, real sharp.
// What is asserted is what the engine decided and that every file got its answer and its pixels,
// never how fast it went.
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../common/events.js';
import { makePipeline } from '../common/pipeline.js';
import { startBatch } from '../workers/batch/run-batch.js';
import { isTempFile, listFiles, makeImage, tempDir } from './fixtures.js';

let dir: string;
let photos: string;

beforeAll(async () => {
  dir = await tempDir();
  photos = join(dir, 'photos');
  await Promise.all(
    Array.from({ length: 24 }, (_, i) =>
      makeImage(join(photos, `p${String(i).padStart(2, '0')}.jpg`), { width: 800 + i * 8, height: 600 }),
    ),
  );
});

const spec = makePipeline({
  steps: [{ op: 'resize', params: { by: 'longEdge', longEdge: 300 } }],
  output: { format: 'webp' },
});

describe('mode auto', () => {
  it('compares the kinds, reshapes the pool as it measures, and says what it chose; every file is done', async () => {
    const events: EngineEvent[] = [];
    const outDir = join(dir, 'auto');
    const summary = await startBatch({
      inputs: [photos],
      outDir,
      spec,
      mode: 'auto',
      workers: 3,
      onEvent: (e) => events.push(e),
    }).done;
    expect(summary).toMatchObject({ processed: 24, failed: 0 });
    const tuning = events.filter((e) => e.type === 'tuning');
    // The first decision is the comparison of processes and threads: after three jobs of each, or
    // after twelve done by one kind while the other was still starting.
    expect(tuning.length).toBeGreaterThanOrEqual(1);
    expect(summary.tuning).toBeDefined();
    expect(['processes', 'threads']).toContain(summary.tuning!.mode);
    expect(summary.tuning!.workers).toBeGreaterThanOrEqual(1);
    expect(summary.tuning!.workers).toBeLessThanOrEqual(3);
    expect(summary.tuning!.reason).toMatch(/(process|thread)e?s? × \d libvips thread/);
    expect(summary.tuning!.reason).toMatch(/quicker per image|still starting/);
    const outputs = (await listFiles(outDir)).filter((f) => f.endsWith('.webp'));
    expect(outputs).toHaveLength(24);
    expect((await listFiles(outDir)).filter(isTempFile)).toEqual([]);
    for (const out of outputs.slice(0, 3)) expect((await sharp(join(outDir, out)).metadata()).width).toBe(300);
  });

  it('gives a fixed mode no tuning report', async () => {
    const summary = await startBatch({
      inputs: [join(photos, 'p00.jpg')],
      outDir: join(dir, 'fixed'),
      spec,
      mode: 'processes',
      workers: 1,
    }).done;
    expect(summary.processed).toBe(1);
    expect(summary.tuning).toBeUndefined();
    expect(summary.memory).toMatchObject({ heldBack: 0, ranAlone: 0 });
  });
});

describe('the memory budget in a batch', () => {
  it('runs images larger than what the budget leaves one at a time, each alone, and all are written', async () => {
    // 256 MB less the engine and two idle worker processes leaves less than one of these needs.
    const big = join(dir, 'big');
    await Promise.all(
      Array.from({ length: 4 }, (_, i) => makeImage(join(big, `b${i}.png`), { width: 2400, height: 1800 })),
    );
    const summary = await startBatch({
      inputs: [big],
      outDir: join(dir, 'big-out'),
      spec: makePipeline({ steps: [{ op: 'rotate', params: { angle: 90 } }], output: { format: 'png' } }),
      mode: 'processes',
      workers: 2,
      memoryBudgetMb: 256,
    }).done;
    expect(summary).toMatchObject({ processed: 4, failed: 0 });
    expect(summary.memory).toMatchObject({ budgetMb: 256, source: 'set', ranAlone: 4 });
    expect(summary.memory!.heldBack).toBeGreaterThanOrEqual(2);
    // One at a time: never more than one estimate in use.
    expect(summary.memory!.peakEstimateMb).toBeLessThan(100);
    const meta = await sharp(join(dir, 'big-out', 'b0.png')).metadata();
    expect([meta.width, meta.height]).toEqual([1800, 2400]);
  });
});
