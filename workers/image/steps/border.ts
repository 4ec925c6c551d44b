import type { Sharp } from 'sharp';
import type { ParamsOf } from '../../../common/filters.js';
import type { StepContext, StepOutcome } from './context.js';

export function border(image: Sharp, p: ParamsOf<'border'>, ctx: StepContext): StepOutcome {
  const s = p.size;
  image.extend({ top: s, bottom: s, left: s, right: s, background: p.color });
  return { image, size: { width: ctx.width + 2 * s, height: ctx.height + 2 * s, exact: ctx.exact } };
}
