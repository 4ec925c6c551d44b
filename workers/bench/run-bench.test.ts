// One tiny end-to-end benchmark: real processes, real images, every field of the result present.
// Speed is never asserted here — only that it was measured.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { maxWorkers } from '../../common/concurrency.js';
import { PIXMILL_BIN } from './contenders.js';
import { runBench, sliceFor } from './run-bench.js';

const built = existsSync(new URL('../../out/main/cli.js', import.meta.url));
const cacheDir = join(tmpdir(), `pixmill-bench-test-${process.pid}`);
afterAll(() => rm(cacheDir, { recursive: true, force: true }));

describe('dataset slices per round', () => {
  it('gives every file to exactly one slice, and spreads a period equal to the slice count', () => {
    const files = Array.from({ length: 440 }, (_, i) => i);
    const slices = [0, 1, 2, 3, 4].map((r) => sliceFor(files, 5, r));
    expect(slices.flat().sort((a, b) => a - b)).toEqual(files);
    expect(slices.map((s) => s.length)).toEqual([88, 88, 88, 88, 88]);
    // Every fifth generated photo is rotated: each slice must get its share, not all of them.
    for (const s of slices) expect(s.filter((i) => i % 5 === 4).length).toBeGreaterThan(10);
    expect(sliceFor(files, 1, 3)).toEqual(files);
  });
});

describe.skipIf(!built)('pixmill bench, end to end (tiny)', () => {
  it('runs Pixmill inline, auto and bare sharp for one round and reports every field', async () => {
    const result = await runBench({
      dataset: { name: 'tiny', sets: [{ prefix: 'tiny', count: 3, sizes: [[640, 480]] }] },
      cacheDir,
      rounds: 1,
      jobs: ['plain'],
      workerCounts: [1],
      modes: ['inline'],
      externals: false,
    });
    const json = JSON.parse(JSON.stringify(result)) as typeof result;
    expect(Object.keys(json.environment).sort()).toEqual(
      [
        'cores',
        'cpu',
        'cjxl',
        'date',
        'heifEnc',
        'imagemagick',
        'libvips',
        'memoryGB',
        'node',
        'platform',
        'sharp',
        'vipsthumbnail',
      ].sort(),
    );
    expect(json.dataset).toMatchObject({ generated: true, images: 3, slices: 1 });
    const autoId = `plain pixmill-auto ×${maxWorkers(availableParallelism())}`;
    expect(json.contenders.map((c) => c.id)).toEqual(['plain bare-sharp ×1', 'plain pixmill-inline ×1', autoId]);
    for (const c of json.contenders) {
      expect(c.status, c.problem).toBe('ok');
      expect(c.rounds).toBe(1);
      for (const field of [
        'wallSeconds',
        'imagesPerSecond',
        'mbPerSecond',
        'outKBPerImage',
        'cpuUtilisation',
        'peakRssMB',
      ] as const) {
        expect(typeof c[field], `${c.id} ${field}`).toBe('number');
      }
      expect(c).toHaveProperty('vsBestExternal', null);
    }
    expect(json.contenders[1]!.vsBareSharp).toEqual(expect.any(Number));
    const pixmill = json.contenders[1]!;
    expect(typeof pixmill.workerStartupMs).toBe('number');
    expect(typeof pixmill.eventLoopDelayP99Ms).toBe('number');
    expect(Object.keys(pixmill.stages ?? {}).sort()).toEqual(['ipc', 'pipeline', 'queue', 'read', 'scanMs', 'write']);
    expect(json.whereTheTimeGoes).toHaveLength(1);
    // The faster of the two Pixmill runs: which one is a matter of timing, never asserted.
    expect(['plain pixmill-inline ×1', autoId]).toContain(json.whereTheTimeGoes[0]?.id);
    // Every target is listed; the ones needing absent contenders say so instead of guessing.
    expect(json.targets.length).toBeGreaterThanOrEqual(6);
    for (const t of json.targets) expect(Object.keys(t).sort()).toEqual(['goal', 'measured', 'met', 'target', 'value']);
    expect(json.targets.find((t) => t.target.startsWith('plain: best Pixmill'))?.measured).toBe('not measured');
    // The job's shape: the one fixed configuration is the best, auto is paired with it, and what
    // auto chose comes from its run's summary (null only if the summary has no tuning).
    const [shape] = json.shapes;
    expect(shape?.bestFixed?.id).toBe('plain pixmill-inline ×1');
    expect(shape?.autoVsBestFixed).toEqual(expect.any(Number));
    expect(shape?.pixmillVsBareSharp).toEqual(expect.any(Number));
    expect(shape?.autoChoices).toHaveLength(1);
    if (shape?.autoChoice) expect(['processes', 'threads', 'inline']).toContain(shape.autoChoice.mode);
    // The decoder row is asked for, never run by default.
    expect(json.decoders).toBeNull();
  });
});

if (!built)
  console.warn(
    `run-bench.test.ts: the end-to-end bench needs the built CLI (${PIXMILL_BIN} → out/main/cli.js); run \`npm run build\`.`,
  );
