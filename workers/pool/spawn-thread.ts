// `threads` mode: worker_threads in the engine process. Cheaper to start and no copying between
// address spaces, but a libvips crash takes the whole process with it.
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromWorker, Spawner, WorkerHandle } from './messages.js';
import { workerEntry } from './worker-entry-path.js';

export const spawnThread: Spawner = (): WorkerHandle => {
  const entry = workerEntry();
  // Node refuses a .ts file as a worker's main script, so the source entry is imported from a
  // one-line module instead (tsx, given in execArgv, compiles it).
  const worker = entry.file.endsWith('.ts')
    ? new Worker(`import(${JSON.stringify(pathToFileURL(entry.file).href)})`, { eval: true, execArgv: entry.execArgv })
    : new Worker(entry.file, { execArgv: entry.execArgv });
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', (m) => listener(m as FromWorker)),
    onExit: (listener) => worker.once('exit', (code) => listener({ code, signal: null })),
    kill: () => {
      void worker.terminate();
    },
  };
};
