import type { Sharp } from 'sharp';
import type { ParamsOf } from '../../../common/filters.js';
import type { StepContext, StepOutcome } from './context.js';

/** How much is trimmed is only known after decoding, so the size becomes an upper bound. */
export function trim(image: Sharp, p: ParamsOf<'trim'>, ctx: StepContext): StepOutcome {
  image.trim({ threshold: p.threshold });
  return { image, size: { width: ctx.width, height: ctx.height, exact: false } };
}
