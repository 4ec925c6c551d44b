// Once per process, across its threads: libvips keeps one list of blocked operations for the
// whole process, and setting it (block every loader, then unblock the accepted ones) opens a
// moment in which every loader is blocked. A worker thread doing that while another thread
// decodes fails a good JPEG as "unsupported image format". So the first thread to get here sets
// the list and the others wait for it. The pool hands every worker thread of a process the same
// word of shared memory as its workerData, and an inline runner the same word (the pool's
// process-shared.ts): that word is the flag.
import { isMainThread, workerData } from 'node:worker_threads';

const NOT_DONE = 0;
const IN_PROGRESS = 1;
const DONE = 2;

/** The flag of a worker thread (the word its pool gave it), or of a main thread set up directly. */
export const loaderGuard: Int32Array =
  !isMainThread && workerData instanceof Int32Array ? workerData : new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `setUp` unless a thread sharing `guard` has; returns once it has run, wherever it ran.
 * A thread terminated in the middle of it would leave the flag "in progress" forever: after
 * `patienceMs` the waiting thread does the set-up itself rather than never becoming ready.
 */
export function oncePerProcess(guard: Int32Array, setUp: () => void, patienceMs = 5000): void {
  if (Atomics.compareExchange(guard, 0, NOT_DONE, IN_PROGRESS) === NOT_DONE) {
    try {
      setUp();
    } finally {
      Atomics.store(guard, 0, DONE);
      Atomics.notify(guard, 0);
    }
    return;
  }
  // The set-up is a handful of synchronous libvips calls; waiting blocks only this thread's start.
  const deadline = performance.now() + patienceMs;
  while (Atomics.load(guard, 0) === IN_PROGRESS) {
    const left = deadline - performance.now();
    if (left <= 0) {
      setUp();
      return;
    }
    Atomics.wait(guard, 0, IN_PROGRESS, left);
  }
}
