import type { Sharp } from 'sharp';
import type { ParamsOf } from '../../../common/filters.js';
import type { StepContext, StepOutcome } from './context.js';

export function rotate(image: Sharp, p: ParamsOf<'rotate'>, ctx: StepContext): StepOutcome {
  image.rotate(p.angle, { background: p.background });
  const rad = (p.angle * Math.PI) / 180;
  const cos = Math.abs(Math.cos(rad));
  const sin = Math.abs(Math.sin(rad));
  const quarter = Number.isInteger(p.angle) && p.angle % 90 === 0;
  return {
    image,
    size: {
      width: Math.round(ctx.width * cos + ctx.height * sin),
      height: Math.round(ctx.width * sin + ctx.height * cos),
      exact: ctx.exact && quarter,
    },
  };
}
