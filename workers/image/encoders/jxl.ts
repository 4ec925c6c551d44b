// JPEG XL output. libvips in sharp has no libjxl, ImageMagick in WebAssembly has: the finished
// sharp pipeline is written as an uncompressed PNG (pixels, colour profile, EXIF and XMP exactly
// as for a PNG output) and ImageMagick writes that as JPEG XL, 8 bits per channel (its Q8 build).
// The WebAssembly encoder runs on this thread, single-threaded and without SIMD, so it is slow:
// see common/time-limit.ts for the figures.
import type { Limits, OutputSettings } from '../../../common/pipeline.js';
import { JXL_EFFORT } from '../../../common/time-limit.js';
import { noteTrap } from '../decoders/magick-errors.js';
import { applyLimits, magickWasm } from '../decoders/magick-wasm.js';
import { StepRefused } from '../steps/crop.js';

/** The PNG handed over: no compression, as it is read once and dropped (12 MP: ~50 ms to write). */
export const JXL_HANDOVER = { compressionLevel: 0, adaptiveFiltering: false } as const;

/**
 * ImageMagick's quality as it passes it to libjxl: 100 is lossless (distance 0, the original
 * profile kept); below it, quality q is Butteraugli distance 0.1 + (100 − q) × 0.09 from 30 up.
 * Pixmill's quality 100 without "Lossless" is therefore written at 99 (distance 0.19).
 */
export const jxlQuality = (o: Pick<OutputSettings, 'quality' | 'lossless'>): number =>
  o.lossless ? 100 : Math.min(o.quality, 99);

/**
 * The encoder failed, not the pipeline before it: reported as PROCESS_FAILED with this message,
 * which quotes ImageMagick (the row would otherwise blame a filter, or the input's decoder).
 */
export class JxlEncodeFailed extends StepRefused {}

const textOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** The JPEG XL file for a PNG made by the pipeline, with its profile and metadata. */
export async function encodeJxl(
  png: Buffer,
  o: Pick<OutputSettings, 'quality' | 'lossless' | 'effort'>,
  limits: Limits,
): Promise<Buffer> {
  const magick = await magickWasm();
  applyLimits(magick, limits);
  const { MagickFormat, MagickImage, MagickReadSettings } = magick;
  const image = MagickImage.create();
  try {
    image.read(png, new MagickReadSettings({ format: MagickFormat.Png }));
    image.quality = jxlQuality(o);
    image.settings.setDefine(MagickFormat.Jxl, 'effort', String(JXL_EFFORT[o.effort] ?? 5));
    let data: Buffer | undefined;
    image.write(MagickFormat.Jxl, (d) => {
      data = Buffer.from(d);
    });
    if (!data?.length) throw new JxlEncodeFailed('The JPEG XL encoder wrote nothing for this image.');
    return data;
  } catch (err) {
    if (err instanceof JxlEncodeFailed) throw err;
    noteTrap(err);
    throw new JxlEncodeFailed(`The JPEG XL encoder could not write this image (ImageMagick: ${textOf(err)}).`);
  } finally {
    image.dispose();
  }
}

export interface JxlShape {
  width: number;
  height: number;
  channels: number;
}

/**
 * The file decoded again, by the same library (sharp cannot read JPEG XL): its size and channels
 * as the pipeline made them, or what differs.
 */
export async function readBackJxl(data: Buffer, limits: Limits): Promise<JxlShape> {
  const magick = await magickWasm();
  applyLimits(magick, limits);
  const image = magick.MagickImage.create();
  try {
    image.read(data, new magick.MagickReadSettings({ format: magick.MagickFormat.Jxl }));
    return { width: image.width, height: image.height, channels: image.channelCount };
  } catch (err) {
    noteTrap(err);
    throw new JxlEncodeFailed(`The JPEG XL file written does not decode again (ImageMagick: ${textOf(err)}).`);
  } finally {
    image.dispose();
  }
}
