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
 * Whether any pixel of the file is not fully opaque: many PNGs carry an alpha channel that is
 * opaque everywhere, and laying those on a colour changes nothing worth a warning. A file that
 * cannot be measured is taken as transparent.
 */
async function hasTransparency(input: string | Buffer, limitInputPixels: number): Promise<boolean> {
  try {
    const { isOpaque } = await sharp(input, { limitInputPixels, failOn: 'none' }).stats();
    return !isOpaque;
  } catch {
    return true;
  }
}

/**
 * The output's flatten, for formats without transparency. Whether anything was transparent is
 * asked only once the output is encoded, so a file that fails never pays for the extra look.
 */
export class OutputFlatten {
  /** The flatten needs a pass of its own after the filters (see flattenFuses). */
  readonly pass: boolean;
  private readonly gainsAlpha: boolean;
  private readonly inputHasAlpha: boolean;
  private intermediate?: Buffer;

  constructor(format: ConcreteFormat, inputHasAlpha: boolean, steps: readonly Step[]) {
    const flattens = !holdsAlpha(format);
    // A translucent border or rotate corner makes an opaque image transparent in places.
    this.gainsAlpha = flattens && steps.some((s) => s.enabled && addsAlpha(s));
    this.inputHasAlpha = flattens && inputHasAlpha;
    this.pass = (this.gainsAlpha || this.inputHasAlpha) && !flattenFuses(steps);
  }

  /**
   * With a pass: runs the filters to an uncompressed TIFF (every band, depth and page kept, as
   * between stages) and starts a fresh pipeline from it, so the flatten comes after every filter.
   */
  async afterFilters(image: Sharp, limitInputPixels: number): Promise<Sharp> {
    if (!this.pass) return image;
    this.intermediate = await image.tiff({ compression: 'none' }).toBuffer();
    return sharp(this.intermediate, { limitInputPixels });
  }

  /** Whether the flatten covered any transparent pixel (the filtered pixels, where there was a pass). */
  async transparent(input: string, limitInputPixels: number): Promise<boolean> {
    if (this.gainsAlpha) return true;
    if (!this.inputHasAlpha) return false;
    return hasTransparency(this.intermediate ?? input, limitInputPixels);
  }
}
