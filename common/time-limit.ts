// How long one image may take. A fixed limit either kills big AVIF or JPEG XL encodes or lets a hostile
// 100-byte file spin for minutes, so the default ("auto") scales with the image's megapixels and
// the output format's measured cost; a limit the person sets is used exactly as set.
import { EFFORT_RANGE, type Limits, type OutputFormat, TIME_LIMIT } from './pipeline.js';

/**
 * Pixmill's effort 0–9 onto libaom's AVIF effort 0–9. AVIF's effort costs grow steeply while its
 * files hardly shrink (12 MP photos at one libvips thread: effort 2 took 0.25–0.55 s of CPU per
 * megapixel, effort 4 3–8 s, and effort 4's files were 7 % smaller on a noisy photo, 2 % to 10 %
 * larger on smoother ones), so the default effort 4 is AVIF's 2 and Pixmill's 9 is AVIF's 5.
 */
export const AVIF_EFFORT: readonly number[] = [0, 0, 1, 1, 2, 2, 3, 3, 4, 5];

/**
 * CPU seconds per megapixel of output at one libvips thread, by AVIF effort: the worst measured,
 * on heavy sensor grain (effort 2: 1.7 s, effort 4: 19 s), rounded up; the rest extrapolated.
 */
const AVIF_SECONDS_PER_MP = [0.5, 0.5, 2, 5, 20, 25, 60, 90, 180, 360] as const;
/**
 * Pixmill's effort 0–9 onto libjxl's effort 1–9, evenly: the default 4 is libjxl's 5, the first
 * effort with adaptive quantisation (measured on a 1 MP photo crop at quality 82 in ImageMagick's
 * WebAssembly build: effort 4 took 0.2–0.35 s of CPU per megapixel and wrote 208 kB, effort 5
 * 1.8 s and 119 kB, effort 7, cjxl's default, 3.5 s and 120 kB).
 */
export const JXL_EFFORT: readonly number[] = [1, 2, 3, 4, 5, 5, 6, 7, 8, 9];

/**
 * CPU seconds per megapixel of JPEG XL output by libjxl effort 1–9 (index 0 unused), including
 * the PNG it is handed and the decode that checks it: the WebAssembly build runs on one thread,
 * without SIMD. Measured up to 7 on a 1 MP crop (lossy or lossless, the dearer), and at 5 on a
 * 12 MP photo (2.3 s to encode, 0.4 s to decode again), rounded up; 8 and 9 extrapolated.
 */
const JXL_SECONDS_PER_MP = [1.5, 1.5, 1.5, 1.5, 1.5, 4, 5, 7, 20, 60] as const;
/** Every other encoder, at its slowest setting, with room to spare (PNG level 9, WebP effort 6). */
const OTHER_SECONDS_PER_MP = 1;
/** Decoding plus a heavy filter chain (precise sharpening, blur, CLAHE) per input megapixel. */
const DECODE_AND_FILTERS_SECONDS_PER_MP = 0.5;
/** Room for a slower machine, more workers than cores, and other programs wanting the CPU. */
const SAFETY = 3;

export interface JobSize {
  /** Megapixels the input decodes to (all frames). */
  inputMegapixels: number;
  /** Megapixels the encoder is handed. */
  outputMegapixels: number;
  format: OutputFormat;
  effort: number;
}

/** CPU seconds per megapixel of output for the format and effort. */
function encodeSecondsPerMp(format: OutputFormat, effort: number): number {
  const e = Math.min(EFFORT_RANGE.max, Math.max(EFFORT_RANGE.min, Math.round(effort)));
  const avif = AVIF_SECONDS_PER_MP[AVIF_EFFORT[e]!]!;
  const jxl = JXL_SECONDS_PER_MP[JXL_EFFORT[e]!]!;
  // 'keep' may turn out to be AVIF or JPEG XL: assume the dearest.
  if (format === 'avif') return avif;
  if (format === 'jxl') return jxl;
  return format === 'keep' ? Math.max(avif, jxl) : OTHER_SECONDS_PER_MP;
}

/** One output of a recipe: its size and format, and how many times a search may encode it. */
export interface OutputCost {
  outputMegapixels: number;
  format: OutputFormat;
  effort: number;
  encodes: number;
}

/** "auto" for a recipe with several outputs, or searches: one decode, then every output's encodes. */
export function recipeTimeLimitSeconds(inputMegapixels: number, outputs: readonly OutputCost[]): number {
  const encode = outputs.reduce(
    (a, o) => a + o.outputMegapixels * encodeSecondsPerMp(o.format, o.effort) * o.encodes,
    0,
  );
  const seconds = SAFETY * (inputMegapixels * DECODE_AND_FILTERS_SECONDS_PER_MP * outputs.length + encode);
  return Math.min(TIME_LIMIT.max, Math.max(TIME_LIMIT.autoFloor, Math.ceil(seconds)));
}

/** The seconds "auto" allows a job of this size, never under the floor nor over the maximum. */
export function autoTimeLimitSeconds(job: JobSize): number {
  const perMp = encodeSecondsPerMp(job.format, job.effort);
  const seconds = SAFETY * (job.inputMegapixels * DECODE_AND_FILTERS_SECONDS_PER_MP + job.outputMegapixels * perMp);
  return Math.min(TIME_LIMIT.max, Math.max(TIME_LIMIT.autoFloor, Math.ceil(seconds)));
}

/** The limit for one job: the person's own number, or "auto" worked out from its size when known. */
export function jobTimeLimitSeconds(limits: Pick<Limits, 'timeoutSeconds'>, size?: JobSize): number {
  if (limits.timeoutSeconds !== 'auto') return limits.timeoutSeconds;
  return size ? autoTimeLimitSeconds(size) : TIME_LIMIT.autoFloor;
}

/** The TIMEOUT row's message: the limit it ran into and how to allow more. */
export function timeoutMessage(seconds: number, auto: boolean): string {
  const how = auto
    ? `the automatic limit for its size and output format, ${seconds} s`
    : `the time limit of ${seconds} s`;
  return `Processing took longer than ${how}. To allow more, set a longer time limit: "Time limit" under Limits in the window, or --timeout SECONDS for pixmill run.`;
}
