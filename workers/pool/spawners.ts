// One spawner per mode, each starting workers that run the entry the layer above names.
import type { WorkerMode } from '../../common/concurrency.js';
import type { WorkerEntry } from './entry.js';
import type { Spawner } from './messages.js';
import { inlineSpawner } from './spawn-inline.js';
import { processSpawner } from './spawn-process.js';
import { threadSpawner } from './spawn-thread.js';

export function spawnerFor(mode: WorkerMode, entry: WorkerEntry): Spawner {
  switch (mode) {
    case 'processes':
      return processSpawner(entry);
    case 'threads':
      return threadSpawner(entry);
    case 'inline':
      if (!entry.loadInline) throw new Error(`Expected a worker entry that can run inline but received ${entry.file}`);
      return inlineSpawner(entry.loadInline);
  }
}
