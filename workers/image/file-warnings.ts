// What a file loses on its way to an output without failing, found by comparing what the input
// has, what the settings ask for and what the output format can hold. Each loss is one row.
import type { Metadata } from 'sharp';
import { FILTERS } from '../../common/filters.js';
import { formatBytes } from '../../common/format.js';
import { type ConcreteFormat, type OutputSettings, QUALITY_RANGE, type Step } from '../../common/pipeline.js';
import { FORMAT_NAMES } from '../../common/sniff.js';
import { type FileWarning, fileWarning } from '../../common/warnings.js';
import type { MetadataBlock } from './metadata/block-removal.js';
import { copyrightFields } from './metadata/copyright.js';
import { keptMetadata, type PolicySettings } from './metadata/policy.js';
import sharp from './sharp.js';
import type { StepContext } from './steps/context.js';
import { clampRect } from './steps/crop.js';
import { applyStep, type PixelStep } from './steps/index.js';
import { estimateResize, resizeTarget } from './steps/resize.js';

/** What libvips writes into each format when asked to keep everything (measured with sharp 0.35). */
const HOLDS: Record<ConcreteFormat, readonly MetadataBlock[]> = {
  jpeg: ['exif', 'xmp', 'iptc', 'icc'],
  png: ['exif', 'xmp', 'icc'],
  webp: ['exif', 'xmp', 'icc'],
  avif: ['exif', 'xmp', 'icc'],
  // ImageMagick writes EXIF into its JPEG XL files but no XMP box, and keeps the profile in
  // lossless files only (holdsOf); lossy files are tagged sRGB.
  jxl: ['exif', 'icc'],
  // libvips' TIFF writer has no EXIF directory, nor the Artist and Copyright tags, and writes only
  // the first quarter of an IPTC block (metadata/encode-metadata.ts removes that stub).
  tiff: ['xmp', 'icc'],
  gif: [],
};

/** Lossy JPEG XL, as ImageMagick writes it, says sRGB and carries no profile: its colours are converted. */
const holdsOf = (format: ConcreteFormat, lossless: boolean): readonly MetadataBlock[] =>
  format === 'jxl' && !lossless ? HOLDS.jxl.filter((b) => b !== 'icc') : HOLDS[format];
const BLOCK_NAMES: Record<MetadataBlock, string> = {
  exif: 'EXIF',
  xmp: 'XMP',
  iptc: 'IPTC',
  icc: 'the colour profile',
};
/** "Copyright only" asks for two EXIF fields, not the block: the row names them. */
const COPYRIGHT_FIELDS = 'the artist and copyright fields';

/** ["EXIF", "XMP", "IPTC"] → "EXIF, XMP and IPTC". */
function listOf(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}
const sentence = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The blocks a policy asks to keep of those this input has (for "copyright only": its two fields). */
function askedOf(meta: Pick<Metadata, MetadataBlock>, output: PolicySettings): MetadataBlock[] {
  const kept = keptMetadata(output);
  const asked: MetadataBlock[] = [];
  if (kept.exif === 'all' ? meta.exif : kept.exif === 'copyright' && copyrightFields(meta.exif)) asked.push('exif');
  if (kept.xmp && meta.xmp) asked.push('xmp');
  if (kept.iptc && meta.iptc) asked.push('iptc');
  if (kept.icc && meta.icc) asked.push('icc');
  return asked;
}

/**
 * Metadata the settings ask to keep, that the input has, and that the output will not have:
 * the format cannot hold it, or the filters need more than one pass over the pixels (each pass
 * starts from bare pixels). A profile replaced by sRGB ("Convert to sRGB") is converted, not lost.
 */
export function metadataWarning(
  meta: Pick<Metadata, MetadataBlock>,
  format: ConcreteFormat,
  output: PolicySettings & Pick<OutputSettings, 'toSrgb'> & Partial<Pick<OutputSettings, 'lossless'>>,
  passes: number,
): FileWarning | undefined {
  const present = askedOf(meta, output).filter((b) => !(b === 'icc' && output.toSrgb));
  const holds = holdsOf(format, output.lossless ?? false);
  const lost = passes > 0 ? present : present.filter((b) => !holds.includes(b));
  if (lost.length === 0) return undefined;
  const name = (b: MetadataBlock): string =>
    b === 'exif' && output.metadata === 'copyright-only' ? COPYRIGHT_FIELDS : BLOCK_NAMES[b];
  const what = sentence(listOf(lost.map(name)));
  const others = lost.filter((b) => b !== 'icc').map(name);
  const plural = lost.length > 1 || (lost[0] === 'exif' && output.metadata === 'copyright-only');
  const srgb =
    'lossy JPEG XL is written in sRGB, so the colours were converted to it (turn on "Lossless" to keep the profile)';
  const why =
    passes > 0
      ? 'this filter order needs more than one pass over the pixels'
      : format === 'jxl' && !output.lossless && lost.includes('icc')
        ? `${others.length ? `JPEG XL cannot hold ${listOf(others)}, and ` : ''}${srgb}`
        : `${FORMAT_NAMES[format]} cannot hold ${plural ? 'them' : 'it'}`;
  return fileWarning('METADATA_DROPPED', `${what} could not be kept: ${why}.`);
}

/** Quality and "Lossless" settings that the output format does not use. */
export function qualityWarning(
  format: ConcreteFormat,
  output: Pick<OutputSettings, 'quality' | 'lossless'>,
): FileWarning | undefined {
  const name = FORMAT_NAMES[format];
  if (output.lossless && format === 'jpeg')
    return fileWarning('QUALITY_IGNORED', `JPEG cannot be lossless: it was saved at quality ${output.quality}.`);
  if (output.lossless && format === 'gif')
    return fileWarning('QUALITY_IGNORED', 'GIF holds at most 256 colours: "Lossless" does not apply to it.');
  if (output.quality === QUALITY_RANGE.default) return undefined;
  if (format === 'png' || format === 'tiff')
    return fileWarning('QUALITY_IGNORED', `${name} is saved losslessly: quality ${output.quality} was not used.`);
  if (format === 'gif')
    return fileWarning('QUALITY_IGNORED', `GIF has no quality setting: quality ${output.quality} was not used.`);
  return undefined;
}

const COLOUR_NAMES: Record<string, string> = { '#ffffff': 'white', '#000000': 'black' };

export function alphaWarning(format: ConcreteFormat, background: string): FileWarning {
  const colour = COLOUR_NAMES[background.toLowerCase()] ?? background.toLowerCase();
  return fileWarning(
    'ALPHA_FLATTENED',
    `Transparency was filled with ${colour} (${FORMAT_NAMES[format]} cannot hold it).`,
  );
}

export function sizeWarning(bytesIn: number, bytesOut: number): FileWarning | undefined {
  if (bytesOut <= bytesIn) return undefined;
  return fileWarning(
    'OUTPUT_LARGER',
    `The output (${formatBytes(bytesOut)}) is larger than the original (${formatBytes(bytesIn)}).`,
  );
}

/** "Skip if larger": the output was made, weighed and thrown away; the original is the better file. */
export function keptOutWarning(bytesIn: number, bytesOut: number): FileWarning {
  const percent = Math.max(1, Math.round((bytesOut / bytesIn - 1) * 100));
  return fileWarning(
    'OUTPUT_KEPT_OUT',
    `Kept out: the output would be ${percent}% larger than the original (${formatBytes(bytesOut)} against ${formatBytes(bytesIn)}), so none was saved.`,
  );
}

const size = (s: { width: number; height: number }): string => `${s.width}×${s.height}`;
const sameSize = (a: { width: number; height: number }, b: { width: number; height: number }): boolean =>
  a.width === b.width && a.height === b.height;

/**
 * Steps that cannot give the size they say, walked with the same size estimates the steps
 * themselves make: a resize or smart crop that would have to enlarge an image that is smaller
 * (they never do), a crop rectangle that reaches past the edge. After a trim the size is known
 * only once the pixels are, so the walk stops there.
 */
export function stepWarnings(steps: readonly Step[], start: StepContext): FileWarning[] {
  const warnings: FileWarning[] = [];
  const placeholder = sharp({ create: { width: 1, height: 1, channels: 3, background: '#000000' } });
  let ctx = start;
  for (const [index, step] of steps.entries()) {
    if (!step.enabled) continue;
    if (step.op === 'trim') break;
    const name = `${FILTERS[step.op].label} (step ${index + 1})`;
    const fallShort = (got: { width: number; height: number }, wanted: string, why: string): void => {
      warnings.push(fileWarning('STEP_NO_EFFECT', `${name} gave ${size(got)} instead of ${wanted}: ${why}.`));
    };
    if (step.op === 'resize') {
      const target = resizeTarget(step.params, ctx);
      const got = estimateResize(target, step.params.withoutEnlargement, ctx);
      const wanted = estimateResize(target, false, ctx);
      // "Fit inside 1600 px, never enlarge" leaves a smaller photo as it is: that is what it asks
      // for, and a warning on every small file would drown the real ones. Only a resize that
      // promises an exact size (cover, fill, contain a box) has fallen short.
      const exact = step.params.by === 'box' && (['cover', 'fill', 'contain'] as string[]).includes(step.params.fit);
      if (exact && !sameSize(got, wanted))
        fallShort(got, size(wanted), 'the image is smaller, and "Never enlarge" is on');
      ctx = { ...ctx, ...got };
    } else if (step.op === 'crop' && step.params.mode === 'rectangle') {
      const rect = clampRect(step.params, ctx);
      if (!rect) break;
      if (!sameSize(rect, step.params))
        fallShort(rect, size(step.params), `the rectangle reaches past the edge of the ${size(ctx)} image`);
      ctx = { ...ctx, width: rect.width, height: rect.height };
    } else if (step.op === 'crop') {
      const got = { width: Math.min(step.params.width, ctx.width), height: Math.min(step.params.height, ctx.height) };
      if (!sameSize(got, step.params))
        fallShort(got, size(step.params), 'the image is smaller, and a crop never enlarges');
      ctx = { ...ctx, ...got };
    } else if (step.op !== 'watermark' && step.op !== 'text') {
      const outcome = applyStep(placeholder, step as PixelStep, ctx);
      if (outcome.size) ctx = { ...ctx, ...outcome.size };
    }
  }
  return warnings;
}
