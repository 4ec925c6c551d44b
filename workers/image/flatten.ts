// Laying transparency on the background colour for outputs that cannot hold it (JPEG). sharp
// flattens near the start of its pipeline, before every filter, so a fused flatten is only right
// when the chain's steps give the same pixels before or after it.
import type { Sharp } from 'sharp';
import type { ConcreteFormat, Step } from '../../common/pipeline.js';
import { holdsAlpha } from './output-format.js';
import { addsAlpha } from './plan-stages.js';
import sharp from './sharp.js';

/**
 * Steps that move, scale or cover pixels without looking at their colour: laying the image on a
 * colour before or after them gives the same result. A colour step (negate, tint, gamma, …) would
 * change the background too, and a step that makes pixels transparent must come before the flatten.
 */
const COMMUTES: ReadonlySet<Step['op']> = new Set<Step['op']>([
  'resize',
  'crop',
  'flip',
  'rotate',
  'border',
  'blur',
  'watermark',
  'text',
]);

/** A smart crop chooses its part by looking at the pixels, which a flatten before it would change. */
const looksAtPixels = (s: Step): boolean =>
  s.op === 'crop' && (s.params.mode === 'attention' || s.params.mode === 'entropy');

export function flattenFuses(steps: readonly Step[]): boolean {
  return steps.every((s) => !s.enabled || (COMMUTES.has(s.op) && !addsAlpha(s) && !looksAtPixels(s)));
}

/**
 * Whether any pixel of the input is not fully opaque: many PNGs carry an alpha channel that is
 * opaque everywhere, and laying those on a colour changes nothing worth a warning. Costs one more
 * decode, paid only for inputs with alpha going to a format without it. A file that cannot be
 * measured is taken as transparent: the pipeline itself reports what is wrong with it.
 */
export async function hasTransparency(input: string, limitInputPixels: number): Promise<boolean> {
  try {
    const { isOpaque } = await sharp(input, { limitInputPixels, failOn: 'none' }).stats();
    return !isOpaque;
  } catch {
    return true;
  }
}

/**
 * Runs the filters to an uncompressed TIFF (every band, depth and page kept, as between stages)
 * and starts a fresh pipeline from it, so the output's flatten comes after every filter.
 */
export async function flattenAfterFilters(image: Sharp, limitInputPixels: number): Promise<Sharp> {
  const tiff = await image.tiff({ compression: 'none' }).toBuffer();
  return sharp(tiff, { limitInputPixels });
}

export interface FlattenPlan {
  /** Some pixels will be laid on the background: the file gets a warning naming the colour. */
  transparent: boolean;
  /** The flatten needs a pass of its own after the filters (see flattenFuses). */
  pass: boolean;
}

export async function planFlatten(
  input: string,
  inputHasAlpha: boolean,
  steps: readonly Step[],
  format: ConcreteFormat,
  limitInputPixels: number,
): Promise<FlattenPlan> {
  if (holdsAlpha(format)) return { transparent: false, pass: false };
  // A translucent border or rotate corner makes an opaque image transparent in places.
  const transparent =
    steps.some((s) => s.enabled && addsAlpha(s)) || (inputHasAlpha && (await hasTransparency(input, limitInputPixels)));
  return { transparent, pass: transparent && !flattenFuses(steps) };
}
