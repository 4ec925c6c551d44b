// The reference a fused pipeline must equal: every step in a sharp pass of its own, applied by
// the engine's own step function, with a lossless intermediate between passes (PNG at the
// image's own depth, or an uncompressed multi-page TIFF for animations). Nothing is fused, so
// nothing is reordered. Rules of the steps themselves, which the reference follows as the engine
// does: gamma directly before a resize is one unit (chainUnits); CLAHE reads 8-bit pixels; after
// grayscale, threshold, CLAHE or an overlay a 16-bit image has 8 bits (steps/index.ts).
import sharp, { type Sharp } from 'sharp';
import type { Step } from '../../common/pipeline.js';
import { chainUnits } from '../../workers/image/plan-stages.js';
import type { StepContext } from '../../workers/image/steps/context.js';
import {
  applyStep,
  endsInEightBits,
  isOverlayStep,
  needsEightBits,
  overlayFor,
  type PixelStep,
} from '../../workers/image/steps/index.js';

export interface PassOptions {
  /** Decode every frame (the engine keeps the animation for this chain). */
  animated: boolean;
  /** The source has 16 bits per channel: intermediates keep them. */
  deep: boolean;
}

/** One unit (a step, or gamma + resize) alone, from an encoded image to an encoded image. */
export async function referencePass(input: string | Buffer, unit: readonly Step[], opts: PassOptions): Promise<Buffer> {
  if (opts.deep && unit.some(needsEightBits)) {
    opts = { ...opts, deep: false };
    input = await encodeLossless(sharp(input, { animated: opts.animated }).autoOrient(), opts);
  }
  const meta = await sharp(input, { animated: opts.animated }).metadata();
  const oriented = meta.autoOrient ?? { width: meta.width, height: meta.height };
  const pages = opts.animated ? (meta.pages ?? 1) : 1;
  const ctx: StepContext = {
    width: oriented.width,
    height: pages > 1 && meta.pageHeight ? meta.pageHeight : oriented.height,
    exact: true,
    pages,
  };
  let image: Sharp = sharp(input, { animated: opts.animated, failOn: 'warning' }).autoOrient();
  for (const step of unit) {
    if (isOverlayStep(step)) {
      const made = await overlayFor(step, ctx);
      if (made) {
        image.composite([made.overlay]);
        if (!meta.hasAlpha) image.removeAlpha();
      }
    } else {
      const outcome = applyStep(image, step as PixelStep, ctx);
      image = outcome.image;
      if (outcome.size) Object.assign(ctx, outcome.size);
    }
  }
  return encodeLossless(image, { ...opts, deep: opts.deep && !unit.some(endsInEightBits) });
}

/** Not WebP: a WebP intermediate would be shrunk on load by the next resize, with libwebp's own scaler. */
export function encodeLossless(image: Sharp, opts: PassOptions): Promise<Buffer> {
  if (opts.animated) return image.tiff({ compression: 'none' }).toBuffer();
  if (opts.deep) image.toColourspace('rgb16');
  return image.png({ compressionLevel: 0 }).toBuffer();
}

/**
 * Runs chains step by step, sharing the passes of common prefixes: the pair (a, b) reuses the
 * pass of (a), the triple (a, b, c) the passes of (a, b).
 */
export class ReferenceRunner {
  private readonly cache = new Map<string, Promise<Buffer | string>>();

  run(source: string, steps: readonly Step[], opts: PassOptions): Promise<Buffer | string> {
    return this.runUnits(source, chainUnits(steps), opts);
  }

  private runUnits(source: string, units: readonly Step[][], opts: PassOptions): Promise<Buffer | string> {
    if (units.length === 0) return Promise.resolve(source);
    const key = `${source}|${opts.animated}|${JSON.stringify(units)}`;
    let result = this.cache.get(key);
    if (!result) {
      const last = units[units.length - 1]!;
      const before = units.slice(0, -1);
      // Once a step has reduced the pixels to 8 bits, later passes stay at 8 bits, as the engine does.
      const deep = opts.deep && !before.some((u) => u.some(endsInEightBits));
      result = this.runUnits(source, before, opts).then((input) => referencePass(input, last, { ...opts, deep }));
      // A rejected prefix is kept too: every chain that starts with it fails the same way.
      result.catch(() => undefined);
      this.cache.set(key, result);
    }
    return result;
  }
}
