// What the encoded output really holds, read back from it: pages, frame times and, for a deep
// input, bits per channel. Only the outputs that can differ from the plan are read back (an
// animation, a multi-page file, a deep input), so an ordinary photo costs nothing here. JPEG XL,
// written by ImageMagick rather than libvips, is always decoded again, by ImageMagick (sharp
// cannot read it), and must have the size and channels the pipeline gave it.

import type { OutputInfo } from 'sharp';
import type { ConcreteFormat, Limits } from '../../common/pipeline.js';
import { type FileWarning, fileWarning } from '../../common/warnings.js';
import { JxlEncodeFailed, readBackJxl } from './encoders/jxl.js';
import { restoreWebpDelays, timingWarning } from './frame-timing.js';
import { eightBitPrecisionWarning, type OutputPixels } from './output-pixels.js';
import type { PagePlan } from './page-plan.js';
import sharp from './sharp.js';

export interface Expected {
  format: ConcreteFormat;
  pages: PagePlan;
  pixels: OutputPixels;
  /** The input's frame delays, in ms. */
  delay: number[] | undefined;
  /** The chain may hand on or composite pixels in 8 bits (overlays, more than one pass). */
  mayLoseDepth: boolean;
  /** What the pipeline handed the encoder, and the limits to decode under: checked for JPEG XL. */
  info?: Pick<OutputInfo, 'width' | 'height' | 'channels'>;
  limits?: Limits;
}

/** Decodes a JPEG XL output and throws unless it holds the size and channels it was given. */
async function checkJxl(data: Buffer, expected: Expected): Promise<void> {
  if (!expected.info || !expected.limits) return;
  const { width, height, channels } = expected.info;
  const got = await readBackJxl(data, expected.limits);
  if (got.width !== width || got.height !== height || got.channels !== channels)
    throw new JxlEncodeFailed(
      `The JPEG XL file written decodes to ${got.width}×${got.height} with ${got.channels} channels, not the ${width}×${height} with ${channels} that were encoded.`,
    );
}

/** Whether every sample of a 16-bit image is an 8-bit value scaled up (v × 257): 8 bits of precision. */
async function holdsEightBits(data: Buffer, colourspace: OutputPixels['colourspace']): Promise<boolean> {
  const raw = await sharp(data).toColourspace(colourspace).raw({ depth: 'ushort' }).toBuffer();
  const samples = new Uint16Array(raw.buffer, raw.byteOffset, raw.length / 2);
  for (const v of samples) if (v % 257 !== 0) return false;
  return true;
}

/**
 * Puts right, in `data` itself, what the encoder wrote differently from what it was given (WebP
 * frame times), and returns a row for each thing the output still does not hold.
 */
export async function verifyOutput(data: Buffer, expected: Expected): Promise<FileWarning[]> {
  const { format, pages, pixels, delay } = expected;
  if (format === 'jxl') {
    // Written by ImageMagick, 8 bits per channel, one frame: nothing else below applies to it.
    await checkJxl(data, expected);
    return [];
  }
  const deep = pixels.outputBits > 8;
  if (!pages.animated && !deep) return [];
  if (pages.animated && format === 'webp' && delay) restoreWebpDelays(data, delay);
  const warnings: FileWarning[] = [];
  const written = await sharp(data).metadata();
  const writtenPages = written.pages ?? 1;
  if (pages.animated && format === 'tiff' && writtenPages < pages.pages) {
    warnings.push(fileWarning('PAGES_DROPPED', `Only ${writtenPages} of ${pages.pages} pages were saved.`));
  }
  if (pages.animated && format !== 'tiff' && writtenPages > 1) {
    const timing = timingWarning(format, delay, written.delay);
    if (timing) warnings.push(timing);
  }
  if (deep && expected.mayLoseDepth && (await holdsEightBits(data, pixels.colourspace))) {
    warnings.push(eightBitPrecisionWarning(pixels));
  }
  return warnings;
}
