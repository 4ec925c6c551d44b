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
      // `connected` can still be true while the pipe is already broken: the callback takes that
      // EPIPE, which would otherwise be an 'error' event that no one handles, and end the engine.
      if (child.connected) child.send(message, () => {});
    },
    onMessage: (listener) => child.on('message', (m) => listener(m as FromWorker)),
    onExit: (listener) => child.once('exit', (code, signal) => listener({ code, signal })),
    kill: () => {
      child.kill('SIGKILL');
    },
  };
};
