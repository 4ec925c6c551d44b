// The once-per-process flag on its own; thread-loaders.test.ts races it across real threads.
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { oncePerProcess } from './loader-guard.js';

const newGuard = () => new Int32Array(new SharedArrayBuffer(4));

describe('oncePerProcess', () => {
  it('runs the set-up once however often it is asked', () => {
    const guard = newGuard();
    let runs = 0;
    for (let i = 0; i < 3; i++) oncePerProcess(guard, () => runs++);
    expect(runs).toBe(1);
  });

  it('marks the set-up done even when it throws, so no thread waits on it', () => {
    const guard = newGuard();
    expect(() =>
      oncePerProcess(guard, () => {
        throw new Error('libvips said no');
      }),
    ).toThrow('libvips said no');
    let runs = 0;
    oncePerProcess(guard, () => runs++, 10);
    expect(runs).toBe(0);
  });

  it('waits for another thread that is setting up, and returns when it is done', async () => {
    const guard = newGuard();
    Atomics.store(guard, 0, 1); // another thread is in the middle of it
    // That thread finishes 100 ms later on purpose: the delay is what this test waits through.
    const other = new Worker(
      'const { workerData } = require("node:worker_threads"); setTimeout(() => { Atomics.store(workerData, 0, 2); Atomics.notify(workerData, 0); }, 100);',
      { eval: true, workerData: guard },
    );
    let runs = 0;
    oncePerProcess(guard, () => runs++, 10_000);
    // Returned because the other thread finished, not before: the flag says done.
    expect(Atomics.load(guard, 0)).toBe(2);
    expect(runs).toBe(0);
    await other.terminate();
  });

  it('does the set-up itself when the thread doing it never finished', () => {
    const guard = newGuard();
    Atomics.store(guard, 0, 1);
    let runs = 0;
    oncePerProcess(guard, () => runs++, 20);
    expect(runs).toBe(1);
  });
});
