// The output side of the pipeline: which format, the encoder options, the metadata policy.
import type { OutputInfo, Sharp } from 'sharp';
import type { ConcreteFormat, Limits, OutputSettings } from '../../common/pipeline.js';
import { FORMAT_NAMES, type SniffedFormat } from '../../common/sniff.js';
import { AVIF_EFFORT } from '../../common/time-limit.js';
import { type FileWarning, fileWarning } from '../../common/warnings.js';
import { encodeJxl, JXL_HANDOVER } from './encoders/jxl.js';
import { ContainerUnreadable } from './metadata/containers.js';
import { finishMetadata, keepProfileOnly, prepareMetadata } from './metadata/encode-metadata.js';
import { keptMetadata } from './metadata/policy.js';
import type { OutputPixels } from './output-pixels.js';

const WRITABLE: ReadonlySet<string> = new Set<ConcreteFormat>(['jpeg', 'png', 'webp', 'avif', 'jxl', 'tiff', 'gif']);

/** JPEG XL can hold an animation, but Pixmill writes it as a still image: its first frame. */
export function canAnimate(format: ConcreteFormat): boolean {
  return format === 'gif' || format === 'webp';
}

/** JPEG is the one writable format without transparency: its outputs are laid on the background. */
export function holdsAlpha(format: ConcreteFormat): boolean {
  return format !== 'jpeg';
}

/** "keep original" resolves to the input's format when Pixmill can write it (libvips or ImageMagick). */
export function chooseFormat(
  requested: OutputSettings['format'],
  input: SniffedFormat,
  hasAlpha: boolean,
): { format: ConcreteFormat; warning?: string } {
  if (requested !== 'keep') return { format: requested };
  if (WRITABLE.has(input)) return { format: input as ConcreteFormat };
  const format = hasAlpha ? 'png' : 'jpeg';
  // HEVC is patent-encumbered: AVIF is the open format that keeps such photos as small.
  const hint = input === 'heic' ? ' Choose AVIF as the format to keep photos this small.' : '';
  return {
    format,
    warning: `Pixmill cannot write ${FORMAT_NAMES[input]} files, so this image was saved as ${format.toUpperCase()}.${hint}`,
  };
}

/** effort 0…9 onto an encoder's own range lo…hi. */
const scaleEffort = (effort: number, lo: number, hi: number): number => Math.round(lo + ((hi - lo) * effort) / 9);

/**
 * effort 0…9 onto zlib's levels 0…9 with the default effort (4) at level 6, sharp's and zlib's
 * own default: level 4 made re-encoded PNGs larger than their originals more often (a 1920×1080
 * photo: 318 kB at level 4, 261 kB at level 6, in about the same time).
 */
export const pngCompressionLevel = (effort: number): number =>
  Math.round(effort <= 4 ? effort * 1.5 : 6 + (effort - 4) * 0.6);

export interface Animation {
  delay?: number[] | undefined;
  loop?: number | undefined;
}

export function applyFormat(
  image: Sharp,
  format: ConcreteFormat,
  o: OutputSettings,
  animation?: Animation,
  pixels?: OutputPixels,
): Sharp {
  // 1, 2 or 4 bits per grey pixel: `colours` sets the bit depth, `palette: false` keeps it grey.
  const lowBits = pixels?.lowBits ? { palette: false, colours: 2 ** pixels.lowBits } : {};
  const anim = animation
    ? {
        ...(animation.delay ? { delay: animation.delay } : {}),
        ...(animation.loop !== undefined ? { loop: animation.loop } : {}),
      }
    : {};
  switch (format) {
    // Effort 0–1 skips the Huffman-table pass: about a fifth less time per photo, files ~8 % larger
    // (what libvips' own jpegsave does by default). 7–9: mozjpeg's trellis quantisation.
    // Without a flatten, libvips would lay transparency on black when it writes the JPEG.
    case 'jpeg':
      return image
        .flatten({ background: o.background })
        .jpeg({ quality: o.quality, optimiseCoding: o.effort >= 2, mozjpeg: o.effort >= 7 });
    case 'png':
      return image.png({ compressionLevel: pngCompressionLevel(o.effort), ...lowBits });
    case 'webp':
      return image.webp({ quality: o.quality, lossless: o.lossless, effort: scaleEffort(o.effort, 0, 6), ...anim });
    // AVIF's own effort scale is far steeper than the others (common/time-limit.ts has the figures).
    case 'avif':
      return image.avif({
        quality: o.quality,
        lossless: o.lossless,
        effort: AVIF_EFFORT[o.effort] ?? o.effort,
        ...(pixels?.avifBits ? { bitdepth: pixels.avifBits } : {}),
      });
    case 'tiff':
      return image.tiff({
        quality: o.quality,
        compression: 'lzw',
        // libtiff's horizontal predictor works on whole bytes only.
        ...(pixels?.lowBits ? { bitdepth: pixels.lowBits, predictor: 'none' } : {}),
      });
    // libvips reuses the input's palette by default, even for colours a filter changed: a negated
    // GIF came out in its old colours. Only a chain that keeps every colour may reuse it.
    case 'gif':
      return image.gif({ effort: scaleEffort(o.effort, 1, 10), reuse: pixels?.reusePalette ?? false, ...anim });
    // libvips cannot write JPEG XL: the pipeline ends in an uncompressed PNG, with the profile and
    // EXIF as applyMetadata chose, that encodeOutput hands to libjxl inside ImageMagick.
    // ImageMagick writes lossy JPEG XL as sRGB whatever profile it is given (only its lossless
    // files keep one), so lossy colour pixels are converted to sRGB here; a grey image keeps its
    // values (an sRGB profile would make it three channels).
    case 'jxl': {
      const grey = pixels?.colourspace === 'b-w' || pixels?.colourspace === 'grey16';
      if (!o.lossless && o.metadata !== 'strip' && !grey) image.withIccProfile('srgb');
      return image.png(JXL_HANDOVER);
    }
  }
}

export interface Encoded {
  data: Buffer;
  info: OutputInfo;
  /** What the metadata steps could not keep (METADATA_DROPPED rows), for the file's result. */
  warnings?: FileWarning[];
}

async function runPipeline(image: Sharp, format: ConcreteFormat, o: OutputSettings, limits: Limits): Promise<Encoded> {
  const encoded = await image.toBuffer({ resolveWithObject: true });
  if (format !== 'jxl') return encoded;
  const data = await encodeJxl(encoded.data, o, limits);
  return { data, info: { ...encoded.info, format: 'jxl', size: data.length } };
}

/**
 * Runs the pipeline applyFormat finished into the output file's bytes, with the metadata the
 * policy keeps: what depends on the input's blocks and on the format is settled here (see
 * metadata/encode-metadata.ts). An output whose container cannot be walked to cut its metadata
 * is made again with the colour profile alone, and says so.
 */
export async function encodeOutput(
  image: Sharp,
  format: ConcreteFormat,
  o: OutputSettings,
  limits: Limits,
): Promise<Encoded> {
  const finish = await prepareMetadata(image, format, o);
  const encoded = await runPipeline(image, format, o, limits);
  let data: Buffer;
  try {
    data = finishMetadata(encoded.data, format, finish);
  } catch (err) {
    if (!(err instanceof ContainerUnreadable)) throw err;
    keepProfileOnly(image);
    const again = await runPipeline(image, format, o, limits);
    const why = `the file written could not be read to leave out what the settings do not keep (${err.message})`;
    const warning = fileWarning('METADATA_DROPPED', `Only the colour profile was kept: ${why}.`);
    return { ...again, warnings: [...finish.warnings, warning] };
  }
  const warnings = finish.warnings.length > 0 ? { warnings: finish.warnings } : {};
  return { data, info: { ...encoded.info, size: data.length }, ...warnings };
}

/**
 * The metadata flags that follow from the policy alone (metadata/policy.ts says what each keeps);
 * what depends on the input's blocks or the format is left to encodeOutput.
 * autoOrient() has already reset the orientation tag, so a kept EXIF block cannot rotate twice.
 * The colourspace keeps 16 bits and greyscale where the output holds them (sharp's default is
 * 8-bit sRGB); a grey image keeps its own profile, as an sRGB one would make it three channels.
 */
export function applyMetadata(image: Sharp, o: OutputSettings, pixels?: OutputPixels): Sharp {
  const kept = keptMetadata(o);
  const colourspace = pixels?.colourspace ?? 'srgb';
  const grey = colourspace === 'b-w' || colourspace === 'grey16';
  if (o.metadata === 'keep' || o.metadata === 'keep-except-gps') image.keepMetadata();
  else {
    if (kept.exif === 'all') image.keepExif();
    if (kept.xmp) image.keepXmp();
  }
  if (kept.icc && o.toSrgb && !grey) image.withIccProfile('srgb');
  else if (kept.icc) image.keepIccProfile();
  // IPTC comes only with every block (keepMetadata, in encodeOutput), the input's profile among
  // them: the pixels are converted to sRGB here as without a profile, and the profile dropped later.
  else if (kept.iptc && !grey) image.withIccProfile('srgb', { attach: false });
  return image.toColourspace(colourspace);
}
