// Laying transparency on the background colour for outputs that cannot hold it (JPEG), after
// every filter, and knowing whether anything was transparent (then the file gets a warning).
// sharp flattens near the start of its pipeline, before every filter, so a flatten fused into the
// filters' pipeline is only right when the steps give the same pixels before or after it.
import type { Sharp } from 'sharp';
import type { ConcreteFormat, OutputSettings, Step } from '../../common/pipeline.js';
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

/** Any alpha byte below 255 in 8-bit pixels of `channels` bands, alpha last. */
function anyTransparent(data: Buffer, channels: number): boolean {
  if (channels !== 2 && channels !== 4) return false;
  for (let i = channels - 1; i < data.length; i += channels) if (data[i]! < 255) return true;
  return false;
}

/**
 * The output's flatten. Where it can, the pipeline runs to raw 8-bit sRGB pixels (JPEG holds no
 * more), which are scanned for transparency and then laid on the background in a pipeline of
 * their own: measured on a 12 MP PNG with alpha, that costs about what the fused pipeline does,
 * while libvips' stats() on the original took twice as long again. Raw pixels carry no metadata,
 * so when the settings keep some and the steps allow it the flatten stays fused, and only the
 * alpha band of the original is read once more, after the output is encoded (a file that fails
 * never pays for it).
 */
export class OutputFlatten {
  /** The flatten has a pass of its own after the filters. */
  readonly pass: boolean;
  private readonly active: boolean;
  private readonly gainsAlpha: boolean;
  private seen?: boolean;

  constructor(
    format: ConcreteFormat,
    inputHasAlpha: boolean,
    steps: readonly Step[],
    metadata: OutputSettings['metadata'],
  ) {
    // A translucent border or rotate corner makes an opaque image transparent in places.
    this.gainsAlpha = steps.some((s) => s.enabled && addsAlpha(s));
    this.active = !holdsAlpha(format) && (inputHasAlpha || this.gainsAlpha);
    this.pass = this.active && (metadata === 'strip' || !flattenFuses(steps));
  }

  async afterFilters(image: Sharp, limitInputPixels: number): Promise<Sharp> {
    if (!this.pass) return image;
    const { data, info } = await image
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    this.seen = anyTransparent(data, info.channels);
    const raw = { width: info.width, height: info.height, channels: info.channels as 1 | 2 | 3 | 4 };
    return sharp(data, { raw, limitInputPixels });
  }

  /** Whether the flatten covered any pixel that was not fully opaque. */
  async transparent(input: string | Buffer, limitInputPixels: number): Promise<boolean> {
    if (!this.active) return false;
    if (this.seen !== undefined) return this.seen;
    if (this.gainsAlpha) return true;
    try {
      const alpha = await sharp(input, { limitInputPixels, failOn: 'none' })
        .toColourspace('srgb')
        .extractChannel(3)
        .raw({ depth: 'uchar' })
        .toBuffer();
      return alpha.some((a) => a < 255);
    } catch {
      // Measuring failed where processing did not: say what may have happened rather than nothing.
      return true;
    }
  }
}
