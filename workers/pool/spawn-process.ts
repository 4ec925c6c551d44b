// `processes` mode under plain Node: one child_process.fork per worker. A crash in libvips takes
// down one worker, never the engine.
import { fork } from 'node:child_process';
import type { FromWorker, Spawner, WorkerHandle } from './messages.js';
import { workerEntry, workerEnv } from './worker-entry-path.js';

export const spawnProcess: Spawner = (): WorkerHandle => {
  const entry = workerEntry();
  const child = fork(entry.file, [], {
    execArgv: entry.execArgv,
    env: workerEnv(),
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    pid: child.pid,
    post: (message) => {
      // A message to a worker that just died is lost, and the exit listener accounts for its job.
      // The callback takes the send's failure, whether the channel is known to be closed or the
      // pipe breaks mid-write (EPIPE, while `connected` is still true): without one, Node emits it
      // as an 'error' event that no one handles, and the engine ends.
      child.send(message, () => {});
    },
    onMessage: (listener) => child.on('message', (m) => listener(m as FromWorker)),
    onExit: (listener) => child.once('exit', (code, signal) => listener({ code, signal })),
    kill: () => {
      child.kill('SIGKILL');
    },
  };
};
