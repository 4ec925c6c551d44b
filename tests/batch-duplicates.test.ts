// An image queued itself and through its folder (or through two overlapping folders) is one file:
// the batch processes it once and answers the second sighting with a row, through the real engine.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../common/events.js';
import { makePipeline } from '../common/pipeline.js';
import { startBatch } from '../workers/batch/run-batch.js';
import { listFiles, makeImage, tempDir } from './fixtures.js';

let root: string;
beforeAll(async () => {
  root = await tempDir('pixmill-duplicates-');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('duplicates', () => {
  it('processes an image queued directly and through its folder once, and says which input has it', async () => {
    const folder = join(root, 'Trip');
    const photo = await makeImage(join(folder, 'beach.jpg'), { width: 64, height: 48 });
    await makeImage(join(folder, 'dunes.jpg'), { width: 64, height: 48 });
    const out = join(root, 'out');
    const events: EngineEvent[] = [];
    const summary = await startBatch({
      inputs: [photo, folder, folder],
      outDir: out,
      spec: makePipeline({ output: { format: 'png', structure: 'flatten' } }),
      workers: 2,
      onEvent: (e) => events.push(e),
    }).done;

    const done = events.flatMap((e) => (e.type === 'file-done' ? [e.file] : []));
    expect(done.sort()).toEqual([photo, join(folder, 'dunes.jpg')].sort());
    expect(events.filter((e) => e.type === 'file-ignored')).toEqual([
      {
        type: 'file-ignored',
        file: photo,
        root: 1,
        reason: 'duplicate',
        message: 'Already queued via beach.jpg; processed once.',
      },
    ]);
    expect(summary).toMatchObject({ processed: 2, failed: 0, total: 2 });
    expect(summary.ignored.duplicate).toBe(1);
    // One output per real image: a second beach output (beach-2.png) would mean it ran twice.
    expect((await listFiles(out)).filter((f) => !f.startsWith('.pixmill')).sort()).toEqual(['beach.png', 'dunes.png']);
  });
});
