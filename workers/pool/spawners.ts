// One spawner per mode, each starting workers that run the entry the layer above names. Every
// worker started here is also known to `stopWorkersNow`, for an engine that must quit at once.
import { rm } from 'node:fs/promises';
import { debuglog } from 'node:util';
import type { WorkerMode } from '../../common/concurrency.js';
import type { WorkerEntry } from './entry.js';
import type { Spawner, WorkerHandle } from './messages.js';
import { inlineSpawner } from './spawn-inline.js';
import { processSpawner } from './spawn-process.js';
import { threadSpawner } from './spawn-thread.js';

const debug = debuglog('pixmill');

interface LiveWorker {
  handle: WorkerHandle;
  /** The temp file of the job it is running, which only a finished job moves into place. */
  tempPath?: string | undefined;
  exited: Promise<void>;
}

const live = new Set<LiveWorker>();

/** Keeps account of a spawner's workers and of the temp file each one is writing. */
function accounted(spawner: Spawner): Spawner {
  return () => {
    const handle = spawner();
    let markExited!: () => void;
    const worker: LiveWorker = { handle, exited: new Promise((r) => (markExited = r)) };
    live.add(worker);
    handle.onMessage((m) => {
      if (m.type === 'result') worker.tempPath = undefined;
    });
    handle.onExit(() => {
      live.delete(worker);
      markExited();
    });
    return {
      get pid() {
        return handle.pid;
      },
      post: (message) => {
        worker.tempPath = message.job.tempPath;
        handle.post(message);
      },
      onMessage: (listener) => handle.onMessage(listener),
      onExit: (listener) => handle.onExit(listener),
      kill: () => handle.kill(),
    };
  };
}

export function spawnerFor(mode: WorkerMode, entry: WorkerEntry): Spawner {
  switch (mode) {
    case 'processes':
      return accounted(processSpawner(entry));
    case 'threads':
      return accounted(threadSpawner(entry));
    case 'inline':
      if (!entry.loadInline) throw new Error(`Expected a worker entry that can run inline but received ${entry.file}`);
      return accounted(inlineSpawner(entry.loadInline));
  }
}

/**
 * Kills every worker started in this process, waits until they are gone, and removes the temp
 * files of the jobs they were running: for quitting at once (a second Ctrl-C), when no job may
 * finish and nothing half-written may stay behind. The batch's own cancel is the gentle way.
 */
export async function stopWorkersNow(): Promise<void> {
  const workers = [...live];
  for (const w of workers) w.handle.kill();
  await Promise.all(workers.map((w) => w.exited));
  await Promise.all(
    workers.flatMap((w) =>
      w.tempPath
        ? [rm(w.tempPath, { force: true }).catch((e: unknown) => debug('temp file %s not removed: %s', w.tempPath, e))]
        : [],
    ),
  );
}
