// Where the worker's code is. Built (out/main): image-worker.js beside this bundle. From source
// (tests, `vitest`): the TypeScript entry, loaded through tsx so workers run the same code the
// tests import, without a build step in between. A built install never falls back to source:
// a missing image-worker.js must fail loudly, not half-work through a dev-only loader.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface WorkerEntry {
  file: string;
  execArgv: string[];
}

export function workerEntry(moduleUrl: string = import.meta.url): WorkerEntry {
  const path = fileURLToPath(moduleUrl);
  const here = dirname(path);
  return path.endsWith('.ts')
    ? { file: resolve(here, '../image/worker-entry.ts'), execArgv: ['--import', 'tsx'] }
    : { file: join(here, 'image-worker.js'), execArgv: [] };
}

/**
 * Environment of a worker process: one job at a time needs one libuv thread for sharp and one for
 * file I/O, and libvips one thread per pipeline, so that N workers keep N cores busy and no more.
 */
export function workerEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, UV_THREADPOOL_SIZE: '2', VIPS_CONCURRENCY: '1' };
}
