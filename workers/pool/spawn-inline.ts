// `inline` mode: sharp in the engine's own process, one job per "worker" slot, libvips doing the
// work on libuv's threads. The baseline most Node apps use, and the one without isolation.
import type { FromWorker, Spawner, WorkerExit, WorkerHandle } from './messages.js';

export const spawnInline: Spawner = (): WorkerHandle => {
  const started = performance.now();
  const messageListeners: ((m: FromWorker) => void)[] = [];
  const exitListeners: ((e: WorkerExit) => void)[] = [];
  // sharp cannot be interrupted mid-pipeline; a killed inline worker stops listening, and the
  // abort makes the job delete its temp file instead of moving it into place.
  const abort = new AbortController();
  const emit = (m: FromWorker) => {
    if (!abort.signal.aborted) for (const l of messageListeners) l(m);
  };
  const image = import('../image/process-image.js');
  void Promise.all([image, import('../image/sharp-setup.js').then((s) => s.configureSharp())]).then(
    () => emit({ type: 'ready', startupMs: performance.now() - started }),
    () => kill(),
  );
  const kill = () => {
    if (abort.signal.aborted) return;
    abort.abort();
    queueMicrotask(() => {
      for (const l of exitListeners) l({ code: null, signal: 'SIGKILL' });
    });
  };
  return {
    post: (message) => {
      void image.then(async ({ processImage }) => {
        const result = await processImage(message.job, abort.signal);
        emit({ type: 'result', id: message.job.id, result });
      });
    },
    onMessage: (listener) => void messageListeners.push(listener),
    onExit: (listener) => void exitListeners.push(listener),
    kill,
  };
};
