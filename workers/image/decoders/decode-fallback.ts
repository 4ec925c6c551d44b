// The read for formats prebuilt libvips cannot decode (HEIC, JPEG XL, PSD, BMP, ICO, …): the file
// is decoded by ImageMagick in WebAssembly, in this worker, under the batch's own pixel, frame and
// memory limits, and handed on as an uncompressed PNG with its colour profile and EXIF, so every
// filter, output format and metadata setting works on it as on a JPEG.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { IMagickImage } from '@imagemagick/magick-wasm';
import type { FileError } from '../../../common/errors.js';
import type { Limits } from '../../../common/pipeline.js';
import { FORMAT_NAMES, type SniffedFormat } from '../../../common/sniff.js';
import { type FileWarning, fileWarning } from '../../../common/warnings.js';
import { pixelFloodFailure, readFailure } from '../classify-error.js';
import { declaredDimensions } from '../header-dimensions.js';
import sharp from '../sharp.js';
import { magickFailure } from './magick-errors.js';
import { applyLimits, magickWasm } from './magick-wasm.js';
import { setExifOrientation, withProfiles } from './png-container.js';

export interface FallbackPicture {
  /** An uncompressed PNG (a TIFF for CMYK, which PNG cannot hold) that sharp reads like any file. */
  data: Buffer;
  warnings: FileWarning[];
}

export type FallbackOutcome = { ok: true; picture: FallbackPicture } | { ok: false; error: FileError };

/** ImageMagick's name for formats it cannot tell by their bytes alone: ICO and TGA have no signature. */
const FORMAT_HINTS: Partial<Record<SniffedFormat, string>> = { ico: 'ICO', tga: 'TGA', netpbm: 'PNM' };

/** Camera raw files are TIFFs by their bytes: the name says which camera's, and libraw reads them all. */
function hintFor(format: SniffedFormat, path: string): string | undefined {
  if (format === 'camera-raw') return extname(path).slice(1).toUpperCase() || 'DNG';
  return FORMAT_HINTS[format];
}

/** Formats whose extra frames are not more of the picture: an icon's other sizes, a PSD's layers. */
const OTHER_FRAMES_ARE_NOT_PICTURES: ReadonlySet<SniffedFormat> = new Set(['ico', 'psd', 'camera-raw']);
/** Floating-point formats: their decoder keeps 8 bits, so what lies beyond white is clipped. */
const HIGH_DYNAMIC_RANGE: ReadonlySet<SniffedFormat> = new Set(['exr', 'hdr', 'pfm']);

interface Frame {
  width: number;
  height: number;
  depth: number;
}

/** The frames' sizes, from the headers alone: the pixel limit is checked before anything is decoded. */
function ping(magick: Awaited<ReturnType<typeof magickWasm>>, bytes: Uint8Array, format?: string): Frame[] {
  const frames = magick.MagickImageCollection.create();
  try {
    frames.ping(bytes, new magick.MagickReadSettings(format ? { format: format as never } : {}));
    return frames.map((f) => ({ width: f.width, height: f.height, depth: f.depth }));
  } finally {
    frames.dispose();
  }
}

/** An icon holds one picture at several sizes: the largest is the one a person means. */
function pick(format: SniffedFormat, frames: Frame[]): number {
  if (format !== 'ico') return 0;
  let best = 0;
  frames.forEach((f, i) => {
    if (f.width * f.height > frames[best]!.width * frames[best]!.height) best = i;
  });
  return best;
}

function decodeWarnings(format: SniffedFormat, frames: Frame[], picked: Frame, lenient: string[]): FileWarning[] {
  const name = FORMAT_NAMES[format];
  const warnings: FileWarning[] = [];
  if (frames.length > 1 && format === 'tiff')
    warnings.push(
      fileWarning('PAGES_DROPPED', `This TIFF holds ${frames.length} pages; its decoder reads the first one only.`),
    );
  else if (frames.length > 1 && !OTHER_FRAMES_ARE_NOT_PICTURES.has(format))
    warnings.push(
      fileWarning(
        'ANIMATION_FLATTENED',
        `This ${name} file holds ${frames.length} frames; its decoder reads the first one only.`,
      ),
    );
  if (HIGH_DYNAMIC_RANGE.has(format))
    warnings.push(
      fileWarning(
        'DEPTH_REDUCED',
        `This ${name} image has high dynamic range; it was read at 8 bits per channel, so anything brighter than white was clipped.`,
      ),
    );
  else if (picked.depth > 8)
    warnings.push(
      fileWarning(
        'DEPTH_REDUCED',
        `This ${name} image has ${picked.depth} bits per channel; its decoder reads 8, so the finest gradations were rounded.`,
      ),
    );
  if (lenient.length)
    warnings.push(
      fileWarning(
        'DECODED_LENIENTLY',
        `The file is slightly damaged or unusual (${lenient[0]}); it was read leniently — check the output.`,
      ),
    );
  return warnings;
}

const copyOf = (data: Uint8Array | undefined): Uint8Array | undefined => (data ? Uint8Array.from(data) : undefined);

/** sRGB's transfer function on 8-bit linear light: a floating-point format holds light, a PNG code values. */
const LINEAR_TO_SRGB = Uint8Array.from({ length: 256 }, (_, i) => {
  const v = i / 255;
  return Math.round(255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055));
});

/** EXR, HDR and PFM hold linear light, which ImageMagick hands over as it is: encode it as sRGB, alpha left alone. */
function encodeLinear({ data, channels }: NonNullable<Exported['raw']>): void {
  const colours = channels === 2 || channels === 4 ? channels - 1 : channels;
  for (let i = 0; i < data.length; i++) if (i % channels < colours) data[i] = LINEAR_TO_SRGB[data[i]!]!;
}

interface Exported {
  raw?: { data: Buffer; width: number; height: number; channels: 1 | 2 | 3 | 4 };
  tiff?: Buffer;
  icc?: Uint8Array;
  exif?: Uint8Array;
}

/**
 * The decoded frame's pixels and profiles. The EXIF orientation is made to say how the pixels
 * are turned (a HEIF decoder has already applied the file's rotation); with no EXIF to say it in,
 * ImageMagick turns the pixels upright itself.
 */
function exportFrame(magick: Awaited<ReturnType<typeof magickWasm>>, image: IMagickImage): Exported {
  const { ColorSpace, MagickFormat, CompressionMethod } = magick;
  // Copies: a profile's bytes are a view of the WebAssembly heap, which is reused once the image
  // is disposed (the PNG got garbage for its iCCP and eXIf, so libvips dropped both).
  const icc = copyOf(image.getProfile('icc')?.data);
  const exif = copyOf(image.getProfile('exif')?.data);
  const orientation = Number(image.orientation) || 1;
  if (!(exif && setExifOrientation(exif, orientation)) && orientation > 1) image.autoOrient();
  image.depth = 8;
  if (image.colorSpace === ColorSpace.CMYK) {
    image.settings.compression = CompressionMethod.NoCompression;
    let tiff: Buffer | undefined;
    image.write(MagickFormat.Tiff, (d) => {
      tiff = Buffer.from(d);
    });
    return { tiff: tiff!, ...(icc ? { icc } : {}) };
  }
  const grey = image.colorSpace === ColorSpace.Gray || image.colorSpace === ColorSpace.LinearGray;
  const alpha = image.hasAlpha;
  const [format, channels] = grey
    ? alpha
      ? ([MagickFormat.Graya, 2] as const)
      : ([MagickFormat.Gray, 1] as const)
    : alpha
      ? ([MagickFormat.Rgba, 4] as const)
      : ([MagickFormat.Rgb, 3] as const);
  let data: Buffer | undefined;
  image.write(format, (d) => {
    data = Buffer.from(d);
  });
  return {
    raw: { data: data!, width: image.width, height: image.height, channels },
    ...(icc ? { icc } : {}),
    ...(exif ? { exif } : {}),
  };
}

const QOI_END = Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]);

const rawShape = ({ width, height, channels }: NonNullable<Exported['raw']>) => ({ width, height, channels });

export async function decodeFallback(path: string, format: SniffedFormat, limits: Limits): Promise<FallbackOutcome> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    return { ok: false, error: readFailure(err) };
  }
  // Claimed by the header, refused before ImageMagick parses a byte of it.
  const declared = declaredDimensions(bytes.subarray(0, 64 * 1024), format);
  if (declared && declared.width * declared.height > limits.maxPixels)
    return { ok: false, error: pixelFloodFailure('Input image exceeds pixel limit', declared, limits.maxPixels) };
  let magick: Awaited<ReturnType<typeof magickWasm>>;
  try {
    magick = await magickWasm();
  } catch (err) {
    return { ok: false, error: magickFailure(err, format) };
  }
  applyLimits(magick, limits);
  const hint = hintFor(format, path);
  let exported: Exported;
  let frames: Frame[];
  let picked: Frame;
  const lenient: string[] = [];
  try {
    frames = ping(magick, bytes, hint);
    const index = pick(format, frames);
    picked = frames[index] ?? { width: 0, height: 0, depth: 8 };
    if (picked.width * picked.height > limits.maxPixels)
      return { ok: false, error: pixelFloodFailure('Input image exceeds pixel limit', picked, limits.maxPixels) };
    const image = magick.MagickImage.create();
    try {
      image.onWarning = (event) => {
        lenient.push(event.error.message);
      };
      image.read(
        bytes,
        new magick.MagickReadSettings({ ...(hint ? { format: hint as never } : {}), frameIndex: index, frameCount: 1 }),
      );
      exported = exportFrame(magick, image);
    } finally {
      image.dispose();
    }
  } catch (err) {
    return { ok: false, error: magickFailure(err, format) };
  }
  if (exported.raw && HIGH_DYNAMIC_RANGE.has(format)) encodeLinear(exported.raw);
  const raw = exported.raw;
  // ImageMagick fills in what a QOI lacks without a word: its 8-byte end marker tells a cut file.
  if (format === 'qoi' && !bytes.subarray(-8).equals(QOI_END)) lenient.push('it ends before its end marker');
  const data = exported.tiff
    ? exported.tiff
    : withProfiles(
        await sharp(raw!.data, { raw: rawShape(raw!), limitInputPixels: limits.maxPixels })
          // sharp writes sRGB unless told: a grey picture would come out as three equal channels.
          .toColourspace(raw!.channels <= 2 ? 'b-w' : 'srgb')
          .png({ compressionLevel: 0, adaptiveFiltering: false })
          .toBuffer(),
        exported,
      );
  return { ok: true, picture: { data, warnings: decodeWarnings(format, frames, picked, lenient) } };
}
