import type { Sharp } from 'sharp';
import type { ParamsOf } from '../../../common/filters.js';
import type { StepOutcome } from './context.js';

export function blur(image: Sharp, p: ParamsOf<'blur'>): StepOutcome {
  image.blur(p.sigma);
  return { image };
}
