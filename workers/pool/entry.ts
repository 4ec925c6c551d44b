// What a worker runs, as the layer above the pool names it: the pool starts workers, carries
// their messages and replaces the dead, and knows no worker code of its own. The CLI, the batch,
// the app and the tests hand it the image worker; a test may hand it anything that speaks
// messages.ts.
import type { ImageJob, JobResult } from '../../common/job.js';

/** Runs one job in the engine's own process (`inline` mode); the signal aborts when its slot is killed. */
type InlineJobRunner = (job: ImageJob, signal: AbortSignal) => Promise<JobResult>;

export interface WorkerEntry {
  /** The module a worker process or thread starts with; a `.ts` source is loaded through tsx. */
  file: string;
  /** Node flags a worker process needs to load `file`. */
  execArgv: string[];
  /**
   * `inline` mode: loads and sets up the job runner in this process. It receives the word of
   * memory this process's worker threads get as their workerData (process-shared.ts), so that
   * set-up of the whole process happens once whichever kind of worker gets there first.
   */
  loadInline?: ((processShared: Int32Array) => Promise<InlineJobRunner>) | undefined;
}

/**
 * Environment of a worker process: one job at a time needs one libuv thread for sharp and one for
 * file I/O, and libvips one thread per pipeline, so that N workers keep N cores busy and no more.
 */
export function workerEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...base, UV_THREADPOOL_SIZE: '2', VIPS_CONCURRENCY: '1' };
}

/** How a thread host process (thread-host-entry.ts) learns which module its threads run. */
const THREAD_WORKER_VARIABLE = 'PIXMILL_THREAD_WORKER';

/** The environment of a thread host whose threads run `workerFile`. */
export function threadHostEnv(workerFile: string, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...base, [THREAD_WORKER_VARIABLE]: workerFile };
}

/** Inside a thread host: the worker its parent named (see threadHostEnv). */
export function threadHostWorker(env: NodeJS.ProcessEnv = process.env): WorkerEntry {
  const file = env[THREAD_WORKER_VARIABLE];
  if (!file) throw new Error(`Expected the path of the thread worker in ${THREAD_WORKER_VARIABLE} but received none`);
  return { file, execArgv: [] };
}
