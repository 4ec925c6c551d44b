import type { Sharp } from 'sharp';
import type { ParamsOf } from '../../../common/filters.js';
import type { StepContext, StepOutcome } from './context.js';

/** A step the user asked for that cannot apply to this image; reported as PROCESS_FAILED. */
export class StepRefused extends Error {}

/** The crop rectangle clamped to the image, or undefined when none of it lies on the image. */
export function clampRect(
  p: Pick<ParamsOf<'crop'>, 'left' | 'top' | 'width' | 'height'>,
  ctx: Pick<StepContext, 'width' | 'height'>,
): { left: number; top: number; width: number; height: number } | undefined {
  if (p.left >= ctx.width || p.top >= ctx.height) return undefined;
  return {
    left: p.left,
    top: p.top,
    width: Math.min(p.width, ctx.width - p.left),
    height: Math.min(p.height, ctx.height - p.top),
  };
}

/** Rectangle: cut out (needs the exact size). Smart modes: fill width×height keeping the interesting part. */
export function crop(image: Sharp, p: ParamsOf<'crop'>, ctx: StepContext): StepOutcome {
  if (p.mode === 'rectangle') {
    const rect = clampRect(p, ctx);
    if (!rect) {
      throw new StepRefused(
        `The crop rectangle starts at ${p.left},${p.top}, outside the ${ctx.width}×${ctx.height} image.`,
      );
    }
    image.extract(rect);
    return { image, size: { width: rect.width, height: rect.height, exact: ctx.exact } };
  }
  image.resize({ width: p.width, height: p.height, fit: 'cover', position: p.mode, withoutEnlargement: true });
  return { image, size: { width: Math.min(p.width, ctx.width), height: Math.min(p.height, ctx.height), exact: false } };
}
