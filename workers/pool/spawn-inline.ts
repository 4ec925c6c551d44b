// `inline` mode: jobs in the engine's own process, one job per "worker" slot, libvips doing the
// work on libuv's threads. The baseline most Node apps use, and the one without isolation.
import { debuglog } from 'node:util';
import type { WorkerEntry } from './entry.js';
import type { FromWorker, Spawner, WorkerExit, WorkerHandle } from './messages.js';
import { processShared } from './process-shared.js';

const debug = debuglog('pixmill');

export function inlineSpawner(load: NonNullable<WorkerEntry['loadInline']>): Spawner {
  return (): WorkerHandle => {
    const started = performance.now();
    const messageListeners: ((m: FromWorker) => void)[] = [];
    const exitListeners: ((e: WorkerExit) => void)[] = [];
    // A job cannot be interrupted mid-pipeline; a killed inline worker stops listening, and the
    // abort makes the job delete its temp file instead of moving it into place.
    const abort = new AbortController();
    const emit = (m: FromWorker) => {
      if (!abort.signal.aborted) for (const l of messageListeners) l(m);
    };
    const kill = () => {
      if (abort.signal.aborted) return;
      abort.abort();
      queueMicrotask(() => {
        for (const l of exitListeners) l({ code: null, signal: 'SIGKILL' });
      });
    };
    const runner = load(processShared);
    // A runner that cannot load is a worker that dies before it is ready: the pool counts it.
    runner.then(
      () => emit({ type: 'ready', startupMs: performance.now() - started }),
      (e: unknown) => {
        debug('the inline worker could not load: %s', e);
        kill();
      },
    );
    return {
      post: (message) => {
        void runner.then(async (run) => {
          const result = await run(message.job, abort.signal);
          emit({ type: 'result', id: message.job.id, result });
        });
      },
      onMessage: (listener) => void messageListeners.push(listener),
      onExit: (listener) => void exitListeners.push(listener),
      kill,
    };
  };
}
