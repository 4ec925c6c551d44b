// Where the worker's code is. Built (out/main): image-worker.js next to this bundle. From source
// (tests, `vitest`): the TypeScript entry, loaded through tsx so workers run the same code the
// tests import, without a build step in between.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface WorkerEntry {
  file: string;
  execArgv: string[];
}

let cached: WorkerEntry | undefined;

export function workerEntry(): WorkerEntry {
  if (cached) return cached;
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'image-worker.js');
  cached = existsSync(built)
    ? { file: built, execArgv: [] }
    : { file: resolve(here, '../image/worker-entry.ts'), execArgv: ['--import', 'tsx'] };
  return cached;
}

/**
 * Environment of a worker process: one job at a time needs one libuv thread for sharp and one for
 * file I/O, and libvips one thread per pipeline, so that N workers keep N cores busy and no more.
 */
export function workerEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, UV_THREADPOOL_SIZE: '2', VIPS_CONCURRENCY: '1' };
}
