// The image worker, described for the pool by the layers that compose the two (the batch, the
// app, the CLI, tests): the pool is handed this and never imports the image code itself.
// Built (out/main): image-worker.js beside this bundle. From source (tests, `vitest`): the
// TypeScript entry, loaded through tsx so workers run the same code the tests import, without a
// build step in between. A built install never falls back to source: a missing image-worker.js
// must fail loudly, not half-work through a dev-only loader.
// Only the inline runner loads sharp, and only when called: the app's main process imports this
// file and must never load sharp.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImageJob, JobResult } from '../../common/job.js';

export interface ImageWorkerEntry {
  file: string;
  execArgv: string[];
  /** `inline` mode: the pipeline in this process, its libvips set-up shared through `processShared`. */
  loadInline: (processShared: Int32Array) => Promise<(job: ImageJob, signal: AbortSignal) => Promise<JobResult>>;
}

async function loadInline(processShared: Int32Array) {
  const [{ processImage }, { configureSharp }] = await Promise.all([
    import('./process-image.js'),
    import('./sharp-setup.js'),
  ]);
  await configureSharp(processShared);
  return processImage;
}

export function imageWorkerEntry(moduleUrl: string = import.meta.url): ImageWorkerEntry {
  const path = fileURLToPath(moduleUrl);
  const here = dirname(path);
  return path.endsWith('.ts')
    ? { file: resolve(here, 'worker-entry.ts'), execArgv: ['--import', 'tsx'], loadInline }
    : { file: join(here, 'image-worker.js'), execArgv: [], loadInline };
}
