// How big one job is, read from the file's header in the engine before the job is handed to a
// worker: the "auto" time limit is set when the job starts, and only the header says how many
// megapixels a 3 MB file will decode to.
import { open } from 'node:fs/promises';
import type { ImageJob, JobResult } from '../../common/job.js';
import type { PipelineSpec } from '../../common/pipeline.js';
import { recipeOutputs, searches } from '../../common/recipes.js';
import { sniffFormat } from '../../common/sniff.js';
import { type JobSize, jobTimeLimitSeconds, recipeTimeLimitSeconds, timeoutMessage } from '../../common/time-limit.js';
import { declaredDimensions } from '../image/header-dimensions.js';

/** Enough to reach a JPEG's frame header past a typical EXIF block (what the worker reads too). */
const HEAD_BYTES = 64 * 1024;
/**
 * When the header does not say (a TIFF directory past the head, frames of an animation), pixels
 * are guessed from the file's size: compressed photos hold 1–3 pixels per byte, so 8 errs long.
 */
const PIXELS_PER_BYTE_GUESS = 8;

/** Width and height from a classic TIFF's first directory (it often sits at the end of the file). */
async function tiffSize(
  read: (at: number, length: number) => Promise<Buffer>,
  head: Buffer,
): Promise<number | undefined> {
  const little = head[0] === 0x49;
  if (head.length < 8 || (little ? head.readUInt16LE(2) : head.readUInt16BE(2)) !== 42) return undefined;
  const u16 = (b: Buffer, i: number) => (little ? b.readUInt16LE(i) : b.readUInt16BE(i));
  const u32 = (b: Buffer, i: number) => (little ? b.readUInt32LE(i) : b.readUInt32BE(i));
  const at = u32(head, 4);
  const count = u16(await read(at, 2), 0);
  const entries = await read(at + 2, Math.min(count, 512) * 12);
  const side: Record<number, number> = {};
  for (let i = 0; i + 12 <= entries.length; i += 12) {
    const tag = u16(entries, i);
    if (tag === 256 || tag === 257) side[tag] = u16(entries, i + 2) === 3 ? u16(entries, i + 8) : u32(entries, i + 8);
  }
  return side[256] && side[257] ? side[256] * side[257] : undefined;
}

/** How far the chain may enlarge the image: only resize steps allowed to. */
function enlargement(spec: PipelineSpec): number {
  let factor = 1;
  for (const step of spec.steps) {
    if (!step.enabled || step.op !== 'resize' || step.params.withoutEnlargement) continue;
    // A percentage is known; a target size is not comparable without the source's sides: 4× area.
    factor *= step.params.by === 'percent' ? Math.max(1, (step.params.percent / 100) ** 2) : 4;
  }
  return factor;
}

/** What a job's memory is estimated from besides its size: samples per pixel, as the header says. */
export interface JobHeader extends JobSize {
  bands: number;
  bytesPerSample: number;
}

/**
 * Bands and bytes per sample a PNG (IHDR) or JPEG (its frame header) declares; other formats
 * are assumed to be four bands (alpha is common), 16-bit for TIFF.
 */
function samplesOf(head: Buffer, format: string): { bands: number; bytesPerSample: number } {
  if (format === 'png' && head.length >= 26) {
    const bands = ({ 0: 1, 2: 3, 3: 3, 4: 2, 6: 4 } as Record<number, number>)[head[25]!] ?? 4;
    return { bands, bytesPerSample: head[24] === 16 ? 2 : 1 };
  }
  if (format === 'jpeg') {
    for (let i = 2; i + 9 < head.length; ) {
      if (head[i] !== 0xff) break;
      const marker = head[i + 1]!;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        return { bands: head[i + 9]!, bytesPerSample: head[i + 4]! > 8 ? 2 : 1 };
      i += 2 + head.readUInt16BE(i + 2);
    }
    return { bands: 3, bytesPerSample: 1 };
  }
  return { bands: 4, bytesPerSample: format === 'tiff' ? 2 : 1 };
}

/** The size of the job on `path` under `spec`; never throws (an unreadable file gets the floor). */
export async function jobSize(path: string, spec: PipelineSpec): Promise<JobHeader | undefined> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const file = handle;
    const bytes = (await file.stat()).size;
    const read = async (at: number, length: number) => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, bytes - at)));
      const { bytesRead } = await file.read(buffer, 0, buffer.length, at);
      return buffer.subarray(0, bytesRead);
    };
    const head = await read(0, HEAD_BYTES);
    const format = sniffFormat(head.subarray(0, 512));
    const guess = Math.min(bytes * PIXELS_PER_BYTE_GUESS, spec.limits.maxPixels);
    const declared = declaredDimensions(head, format);
    let pixels = declared
      ? declared.width * declared.height
      : format === 'tiff'
        ? await tiffSize(read, head)
        : undefined;
    // An animation decodes every frame; its header only gives the canvas.
    if (pixels === undefined || format === 'gif' || format === 'webp') pixels = Math.max(pixels ?? 0, guess);
    const inputMegapixels = Math.min(pixels, spec.limits.maxPixels) / 1e6;
    return {
      ...samplesOf(head, format),
      inputMegapixels,
      outputMegapixels: inputMegapixels * enlargement(spec),
      // "keep" keeps AVIF as AVIF and JPEG XL as JPEG XL; anything else it keeps (or falls back
      // to) is a cheap encoder.
      format:
        spec.output.format === 'keep' ? (format === 'avif' || format === 'jxl' ? format : 'jpeg') : spec.output.format,
      effort: spec.output.effort,
    };
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => {});
  }
}

export interface TimedJob {
  /** The job, its spec carrying the limit in seconds (a thread host re-applies it as it is). */
  job: ImageJob;
  seconds: number;
  auto: boolean;
}

/**
 * The job with its time limit settled: the person's own, or "auto" from the file's header
 * (`size`, read once by the batch for this and for the job's memory).
 */
export function timedJob(job: ImageJob, header: JobSize | undefined): TimedJob {
  const { limits } = job.spec;
  const auto = limits.timeoutSeconds === 'auto';
  const size = auto ? header : undefined;
  const recipe = job.targets || searches(job.spec.output);
  const seconds = size && recipe ? recipeSeconds(job, size) : jobTimeLimitSeconds(limits, size);
  return { job: { ...job, spec: { ...job.spec, limits: { ...limits, timeoutSeconds: seconds } } }, seconds, auto };
}

/** The job with its time limit settled, reading the file's header when the limit is "auto". */
export async function withTimeLimit(job: ImageJob): Promise<TimedJob> {
  const auto = job.spec.limits.timeoutSeconds === 'auto';
  return timedJob(job, auto ? await jobSize(job.input, job.spec) : undefined);
}

/** Encodes a search may make of one output: up to six probes per candidate format, and the fixed quality. */
const SEARCH_ENCODES = 7;

/** "auto" for a recipe: each output at its own size (never above the input's), format and searches. */
function recipeSeconds(job: ImageJob, size: JobSize): number {
  const all = recipeOutputs(job.spec);
  const mine = job.targets ? job.targets.map((t) => all[t.output]!).filter(Boolean) : all;
  const costs = mine.map((o) => {
    const { width, height } = o.size ?? {};
    // A side alone is a width or a height: the other side is not known before decoding, so twice it.
    const boxed = width || height ? ((width ?? (height ?? 0) * 2) * (height ?? (width ?? 0) * 2)) / 1e6 : Infinity;
    const candidates = o.output.pickFormat;
    const dearest = candidates.includes('avif') ? 'avif' : candidates.includes('jxl') ? 'jxl' : candidates[0];
    return {
      outputMegapixels: Math.min(size.outputMegapixels, boxed),
      format: dearest ?? (o.output.format === 'keep' ? size.format : o.output.format),
      effort: o.output.effort,
      encodes: searches(o.output) ? SEARCH_ENCODES * Math.max(1, candidates.length) : 1,
    };
  });
  return recipeTimeLimitSeconds(size.inputMegapixels, costs);
}

/** A TIMEOUT row says which limit it met and how to allow more. */
export function explainTimeout(result: JobResult, timed: TimedJob): JobResult {
  if (result.status !== 'failed' || result.code !== 'TIMEOUT') return result;
  return { ...result, message: timeoutMessage(timed.seconds, timed.auto) };
}
