// Shared by this folder's tests: a job for a file, and pixel readers for the outputs.
import { join } from 'node:path';
import sharp from 'sharp';
import type { ImageJob, JobDone, JobResult } from '../../common/job.js';
import { makePipeline, type PipelineSpecInput } from '../../common/pipeline.js';
import { processImage } from './process-image.js';

let nextId = 1;

export function jobFor(input: string, outDir: string, spec: PipelineSpecInput = {}, nameTemplate = 'out'): ImageJob {
  const id = nextId++;
  return { id, input, outDir, nameTemplate, tempPath: join(outDir, `.pixmill-${id}.tmp`), spec: makePipeline(spec) };
}

export async function run(
  input: string,
  outDir: string,
  spec: PipelineSpecInput = {},
  nameTemplate?: string,
): Promise<JobResult> {
  return processImage(jobFor(input, outDir, spec, nameTemplate));
}

export type Done = JobDone;

/** The codes of a result's warnings, in order. */
export const warningCodes = (r: Done): string[] => (r.warnings ?? []).map((w) => w.code);

/** PNG frames of flat colours (a repeated colour makes a frame identical to an earlier one). */
export function flatFrames(colours: readonly string[], size = 32): Promise<Buffer[]> {
  return Promise.all(
    colours.map((background) =>
      sharp({ create: { width: size, height: size, channels: 3, background } })
        .png()
        .toBuffer(),
    ),
  );
}

export function expectDone(result: JobResult): Done {
  if (result.status !== 'done') throw new Error(`expected done, got ${JSON.stringify(result)}`);
  return result;
}

/** RGB(A) of one pixel of an image file. */
export async function pixelAt(path: string, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [...data.subarray(i, i + info.channels)];
}

export async function rawOf(path: string): Promise<{ data: Buffer; width: number; height: number; channels: number }> {
  const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** Variance of the first channel: a blurred image has less, a sharpened one more. */
export function variance(data: Buffer, channels: number): number {
  let sum = 0;
  let sq = 0;
  const n = data.length / channels;
  for (let i = 0; i < data.length; i += channels) {
    sum += data[i]!;
    sq += data[i]! * data[i]!;
  }
  return sq / n - (sum / n) ** 2;
}

/** A blue JPEG whose stored pixels have a red 10×10 marker in the top-left corner. */
export async function markedImage(path: string, width: number, height: number, orientation?: number): Promise<string> {
  const marker = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#ff0000' } })
    .png()
    .toBuffer();
  let img = sharp({ create: { width, height, channels: 3, background: '#0000ff' } }).composite([
    { input: marker, left: 0, top: 0 },
  ]);
  if (orientation) img = img.withMetadata({ orientation });
  await img.jpeg({ quality: 95 }).toFile(path);
  return path;
}

export const isRed = (p: number[]): boolean => p[0]! > 200 && p[1]! < 60 && p[2]! < 60;
