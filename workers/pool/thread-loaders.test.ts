// libvips' list of blocked loaders belongs to the whole process, and every thread of it shares
// it. Threads starting up while other threads decode must never leave a moment in which an
// accepted format is blocked (which fails a good JPEG as "unsupported image format").
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { imageWorkerEntry } from '../image/worker-entry-path.js';
import type { WorkerHandle } from './messages.js';
import { threadSpawner } from './spawn-thread.js';

const spawnThread = threadSpawner(imageWorkerEntry());

const ready = (worker: WorkerHandle) =>
  new Promise<void>((resolve, reject) => {
    worker.onMessage((m) => m.type === 'ready' && resolve());
    worker.onExit((e) => reject(new Error(`a worker thread exited before it was ready (code ${e.code})`)));
  });

describe('worker threads and the loader block list', () => {
  it('keeps decoding JPEGs in this process while 16 more worker threads start up', async () => {
    // The first thread sets the list up; from then on, threads start while others decode.
    const first = spawnThread();
    await ready(first);
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
      .jpeg()
      .toBuffer();
    let decoded = 0;
    const failures = new Set<string>();
    let starting = true;
    // Eight decodes in flight at all times: each looks the loader up afresh.
    const decoders = Array.from({ length: 8 }, async () => {
      while (starting) {
        await sharp(jpeg)
          .metadata()
          .then(
            () => decoded++,
            (e: Error) => failures.add(e.message),
          );
      }
    });
    for (let round = 0; round < 4; round++) {
      const workers = Array.from({ length: 4 }, () => spawnThread());
      await Promise.all(workers.map(ready));
      for (const w of workers) w.kill();
    }
    starting = false;
    await Promise.all(decoders);
    first.kill();
    expect([...failures]).toEqual([]);
    expect(decoded).toBeGreaterThan(0);
  });
});
