// `processes` mode under plain Node: one child_process.fork per worker. A crash in libvips takes
// down one worker, never the engine; the terminal's signals reach the engine only.
import { fork } from 'node:child_process';
import { debuglog } from 'node:util';
import { type WorkerEntry, workerEnv } from './entry.js';
import type { FromWorker, Spawner, WorkerHandle } from './messages.js';

const debug = debuglog('pixmill');

export function processSpawner(entry: WorkerEntry, env: NodeJS.ProcessEnv = workerEnv()): Spawner {
  return (): WorkerHandle => {
    const child = fork(entry.file, [], {
      execArgv: entry.execArgv,
      env,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // A process group of its own: a terminal sends Ctrl-C (and Ctrl-\, Ctrl-Z) to its whole
      // foreground group, and a worker killed by it would be replaced and its job run again in
      // the middle of the cancel that Ctrl-C asks the engine for. Only the engine stops workers;
      // one whose engine is gone sees its IPC channel close and exits (worker-entry.ts). Not on
      // Windows, where it would open a console window per worker.
      detached: process.platform !== 'win32',
    });
    return {
      pid: child.pid,
      post: (message) => {
        // A message to a worker that just died is lost, and the exit listener accounts for its job.
        // The callback takes the send's failure, whether the channel is known to be closed or the
        // pipe breaks mid-write (EPIPE, while `connected` is still true): without one, Node emits
        // it as an 'error' event that no one handles, and the engine ends.
        child.send(message, (e) => e && debug('job %d not delivered to worker %d: %s', message.job.id, child.pid, e));
      },
      onMessage: (listener) => child.on('message', (m) => listener(m as FromWorker)),
      onExit: (listener) => child.once('exit', (code, signal) => listener({ code, signal })),
      kill: () => {
        child.kill('SIGKILL');
      },
    };
  };
}
