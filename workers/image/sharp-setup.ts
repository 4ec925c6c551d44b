// Per-worker libvips setup: the thread budget, and the loaders Pixmill lets a file reach.
import { loaderGuard, oncePerProcess } from './loader-guard.js';
import sharp from './sharp.js';

/**
 * The libvips loaders of the formats Pixmill accepts (jpeg, png, webp, gif, tiff, heif/avif,
 * svg incl. svgz). Each name covers its File/Buffer/Source subclasses. Uhdr is UltraHDR, which is
 * JPEG with a gain map: sharp reads it as JPEG. Names a build lacks are ignored by libvips.
 */
const ACCEPTED_LOADERS = [
  'VipsForeignLoadJpeg',
  'VipsForeignLoadUhdr',
  'VipsForeignLoadPng',
  'VipsForeignLoadWebp',
  'VipsForeignLoadNsgif',
  'VipsForeignLoadTiff',
  'VipsForeignLoadHeif',
  'VipsForeignLoadSvg',
] as const;

let configured = false;
let libvipsThreads = 1;

/** The job's libvips threads (ImageJob.libvipsThreads): a process-wide setting, so set only when it changes. */
export function setLibvipsThreads(threads = 1): void {
  if (threads === libvipsThreads) return;
  sharp.concurrency(threads);
  libvipsThreads = threads;
}

/** `guard`: the flag shared by the process's workers (see loader-guard.ts). */
export async function configureSharp(guard: Int32Array = loaderGuard): Promise<void> {
  if (configured) return;
  // Thread budget: the pool runs N workers, so each pipeline gets one libvips thread and
  // N workers ≈ N busy cores instead of N × cores threads fighting over them.
  sharp.concurrency(1);
  // A batch never repeats an operation on the same input, so the cache only costs memory.
  sharp.cache(false);
  // An allow-list, not a deny-list: every loader is blocked (blocking a class blocks its
  // subclasses), then the accepted ones are let back in. A loader that a future libvips build
  // adds (this one ships vips, matrix, csv and raw besides ours) is refused without anyone
  // having to remember its name. The sniffer refuses such files first; this is the backstop
  // for what it misses, for watermark files, and for a file swapped between sniff and decode.
  // libvips' format search skips blocked loaders, so sharp reports "unsupported image format".
  // The list is the process's, not this thread's: set once however many worker threads start.
  oncePerProcess(guard, () => {
    sharp.block({ operation: ['VipsForeignLoad'] });
    sharp.unblock({ operation: [...ACCEPTED_LOADERS] });
  });
  configured = true;
}
