// Workers as Electron utility processes: the app's `processes` mode (sharp never loads into the
// main process, and child_process.fork of the Electron binary is closed once RunAsNode is off).
import { availableParallelism } from 'node:os';
import type { UtilityProcess } from 'electron';
import { maxWorkers } from '../../common/concurrency.js';
import { threadHostEnv, workerEnv } from '../../workers/pool/entry.js';
import type { FromWorker, Spawner, WorkerHandle } from '../../workers/pool/messages.js';

type Fork = (
  modulePath: string,
  args: string[],
  options: { serviceName: string; env: NodeJS.ProcessEnv; stdio: 'inherit' },
) => UtilityProcess;

export function utilitySpawner(fork: Fork, entry: string, env: NodeJS.ProcessEnv = workerEnv()): Spawner {
  return (): WorkerHandle => {
    const child = fork(entry, [], { serviceName: 'Pixmill image worker', env, stdio: 'inherit' });
    return {
      get pid() {
        return child.pid;
      },
      post: (message) => child.postMessage(message),
      onMessage: (listener) => void child.on('message', (m: FromWorker) => listener(m)),
      // A utility process reports only an exit code; a crash or kill shows as a non-zero one.
      onExit: (listener) => void child.once('exit', (code) => listener({ code, signal: null })),
      kill: () => void child.kill(),
    };
  };
}

/**
 * `inline` and `threads` modes in the app: every slot of the pool shares one utility process,
 * which runs its jobs concurrently (inline: on libvips' threads, as inline mode does in a plain
 * Node engine; threads: on a pool of worker threads inside it). Killing it (a timeout) ends every
 * job in it; the pool retries those as it would after any crash.
 */
export function sharedSpawner(spawn: Spawner): Spawner {
  let host: { handle: WorkerHandle; ready: boolean; users: Set<Facade>; owners: Map<number, Facade> } | undefined;
  interface Facade {
    message: ((m: FromWorker) => void)[];
    exit: Parameters<WorkerHandle['onExit']>[0][];
  }
  const start = () => {
    const h = { handle: spawn(), ready: false, users: new Set<Facade>(), owners: new Map<number, Facade>() };
    h.handle.onMessage((m) => {
      if (m.type === 'ready') {
        h.ready = true;
        for (const u of h.users) for (const l of u.message) l(m);
      } else {
        const owner = h.owners.get(m.id);
        h.owners.delete(m.id);
        for (const l of owner?.message ?? []) l(m);
      }
    });
    h.handle.onExit((e) => {
      if (host === h) host = undefined;
      for (const u of h.users) for (const l of u.exit) l(e);
    });
    return h;
  };
  return (): WorkerHandle => {
    host ??= start();
    const h = host;
    const facade: Facade = { message: [], exit: [] };
    h.users.add(facade);
    if (h.ready) {
      queueMicrotask(() => {
        for (const l of facade.message) l({ type: 'ready', startupMs: 0 });
      });
    }
    return {
      pid: h.handle.pid,
      post: (message) => {
        h.owners.set(message.job.id, facade);
        h.handle.post(message);
      },
      onMessage: (l) => void facade.message.push(l),
      onExit: (l) => void facade.exit.push(l),
      kill: () => h.handle.kill(),
      // An idle slot the pool no longer wants leaves alone; the host and its other jobs go on.
      release: () => {
        if (!h.users.delete(facade)) return;
        for (const l of facade.exit) l({ code: 0, signal: null });
      },
    };
  };
}

/**
 * A shared host (inline, or the threads host) runs up to 2 × cores jobs at once, and each holds
 * one libuv thread while libvips works: one per job, plus two for file I/O.
 */
export const sharedHostEnv = (): NodeJS.ProcessEnv => ({
  ...workerEnv(),
  UV_THREADPOOL_SIZE: String(maxWorkers(availableParallelism()) + 2),
});

/** The threads host's environment, which names the worker its threads run. */
export const threadHostEnvFor = (workerFile: string): NodeJS.ProcessEnv => threadHostEnv(workerFile, sharedHostEnv());
