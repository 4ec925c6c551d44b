// Shared by this folder's tests: the worker's encoder (counting its encodes), photo-like pixels,
// and the score of a written file recomputed from its bytes alone.
import { type ConcreteFormat, limitsSchema, type OutputSettings, outputSchema } from '../../../common/pipeline.js';
import sharp from '../sharp.js';
import { outputEncoder } from './output-encoder.js';
import type { EncodeFn } from './probe.js';
import { scoreFile } from './score-file.js';

const limits = limitsSchema.parse({});

export const outputWith = (o: Partial<OutputSettings>): OutputSettings => outputSchema.parse(o);

/** The worker's encode for these settings, counting the encodes it makes. */
export function realEncoder(output: OutputSettings, count?: { encodes: number }): EncodeFn {
  const encode = outputEncoder(output, limits);
  return async (image, format, quality) => {
    const data = await encode(image, format, quality);
    if (count) count.encodes++;
    return data;
  };
}
/**
 * A photo-like image as an uncompressed PNG: soft colour clouds, two ramps and fine grain, as the
 * bench's generated photos (workers/bench/dataset.ts), at any size.
 */
export async function photoLike(width: number, height: number, seed = 1, grain = 12): Promise<Buffer> {
  const tiny = Buffer.alloc(16 * 12 * 3);
  let s = seed * 2654435761 + 1;
  const next = () => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s;
  };
  for (let i = 0; i < tiny.length; i++) tiny[i] = next() >>> 24;
  const px = await sharp(tiny, { raw: { width: 16, height: 12, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .raw()
    .toBuffer();
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i += 3) {
      for (let c = 0; c < 3; c++) {
        const ramp = c === 0 ? (96 * x) / width : c === 2 ? (96 * y) / height : 40;
        const noise = (((next() >>> 24) + ((next() >>> 16) & 0xff)) / 255 - 1) * grain;
        px[i + c] = Math.min(255, Math.max(0, px[i + c]! * 0.65 + ramp + noise));
      }
    }
  }
  return sharp(px, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

/** SSIMULACRA2 of a written file against the reference pixels, from the bytes alone, on the whole image. */
export const scoreOfFile = (reference: Buffer, file: Buffer, format: ConcreteFormat): Promise<number> =>
  scoreFile(reference, file, format, limits);
