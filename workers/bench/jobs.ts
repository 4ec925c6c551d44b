// The job shapes `pixmill bench` races, each on the input it is about. They differ in where the
// time goes, which is what decides "threads or processes, and how many": a JPEG resize is decode
// bound, sharpening adds a heavy pass in LAB, WebP and AVIF are encode bound (AVIF by far), big
// PNGs are memory and zlib bound, and hundreds of small files are start-up and file I/O bound.
import type { PipelineSpecInput } from '../../common/pipeline.js';

export const BENCH_JOBS = ['plain', 'full', 'webp', 'avif', 'png', 'small'] as const;
export type BenchJob = (typeof BENCH_JOBS)[number];

/** Which generated images a job runs on (a user's folder replaces all of them). */
export type JobInput = 'photos' | 'big-png' | 'small-jpeg';

export interface JobSpec {
  /** For tables and the chart: what goes in, what comes out. */
  label: string;
  input: JobInput;
  /** Fit inside box × box, never enlarged. */
  box: number;
  format: 'jpeg' | 'webp' | 'avif' | 'png';
  /** The output's file extension, as every contender writes it. */
  ext: 'jpg' | 'webp' | 'avif' | 'png';
  sharpen: boolean;
  /** Encoder quality (JPEG, WebP, AVIF); PNG is lossless. */
  quality?: number;
}

/**
 * Pixmill's default effort (4) is what every contender is told to use: sharp's WebP effort 3,
 * AVIF effort 2 (common/time-limit.ts maps it), zlib level 6 for PNG. AVIF fits inside 1200 px:
 * at 1600 one photo costs ~1.5 s of CPU, too slow for a quick run to measure anything but AVIF.
 */
export const JOBS: Record<BenchJob, JobSpec> = {
  plain: { label: 'JPEG → JPEG', input: 'photos', box: 1600, format: 'jpeg', ext: 'jpg', sharpen: false, quality: 80 },
  full: {
    label: 'JPEG → JPEG + sharpen',
    input: 'photos',
    box: 1600,
    format: 'jpeg',
    ext: 'jpg',
    sharpen: true,
    quality: 80,
  },
  webp: { label: 'JPEG → WebP', input: 'photos', box: 1600, format: 'webp', ext: 'webp', sharpen: false, quality: 80 },
  avif: { label: 'JPEG → AVIF', input: 'photos', box: 1200, format: 'avif', ext: 'avif', sharpen: false, quality: 60 },
  png: { label: 'big PNG → PNG', input: 'big-png', box: 2400, format: 'png', ext: 'png', sharpen: false },
  small: {
    label: 'small JPEGs',
    input: 'small-jpeg',
    box: 320,
    format: 'jpeg',
    ext: 'jpg',
    sharpen: false,
    quality: 80,
  },
};

export function isBenchJob(value: unknown): value is BenchJob {
  return (BENCH_JOBS as readonly unknown[]).includes(value);
}

/** The job as a Pixmill pipeline: auto-orient (always on), fit inside the box, encode, metadata stripped. */
export function jobPipeline(job: BenchJob): PipelineSpecInput {
  const j = JOBS[job];
  return {
    steps: [
      { op: 'resize', params: { by: 'box', width: j.box, height: j.box, fit: 'inside', withoutEnlargement: true } },
      // sharp's sharpen({ sigma }) ≈ ImageMagick's -unsharp 0x0.5 (radius from sigma, amount 1).
      ...(j.sharpen ? [{ op: 'sharpen' as const, params: { mode: 'precise' as const, sigma: 0.5 } }] : []),
    ],
    output: {
      format: j.format,
      ...(j.quality !== undefined ? { quality: j.quality } : {}),
      metadata: 'strip',
      conflict: 'overwrite',
    },
  };
}
