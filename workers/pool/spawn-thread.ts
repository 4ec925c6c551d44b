// `threads` mode: worker_threads in the engine process. Cheaper to start and no copying between
// address spaces, but a libvips crash takes the whole process with it.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { debuglog } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { WorkerEntry } from './entry.js';
import type { FromWorker, Spawner, WorkerHandle } from './messages.js';
import { processShared } from './process-shared.js';

const debug = debuglog('pixmill');

/**
 * Node refuses a .ts file as a worker's main script, and `--import tsx` in a worker's execArgv does
 * not reach an eval'd worker's imports; so the source entry is loaded by a tiny script that first
 * registers tsx's loader in the thread.
 */
function sourceBootstrap(file: string): string {
  // The ESM build of tsx's API (its CommonJS build registers a loader path that does not exist).
  const tsxApi = createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const url = (p: string) => JSON.stringify(pathToFileURL(p).href);
  return `import(${url(tsxApi)}).then((tsx) => { tsx.register(); return import(${url(file)}); });`;
}

export function threadSpawner(entry: Pick<WorkerEntry, 'file'>): Spawner {
  return (): WorkerHandle => {
    // Every thread gets the same word of this process's memory (process-shared.ts).
    const workerData = processShared;
    const worker = entry.file.endsWith('.ts')
      ? new Worker(sourceBootstrap(entry.file), { eval: true, workerData })
      : new Worker(entry.file, { workerData });
    // An entry that throws (while loading or later) emits 'error' and then 'exit': the exit is what
    // the pool acts on, as for any dead worker. Unheard, 'error' would end the engine process.
    worker.on('error', (e) => debug('worker thread %d failed: %s', worker.threadId, e));
    return {
      post: (message) => worker.postMessage(message),
      onMessage: (listener) => worker.on('message', (m) => listener(m as FromWorker)),
      onExit: (listener) => worker.once('exit', (code) => listener({ code, signal: null })),
      kill: () => {
        worker.terminate().catch((e: unknown) => debug('worker thread %d did not terminate: %s', worker.threadId, e));
      },
    };
  };
}
