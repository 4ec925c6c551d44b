import type { Sharp } from 'sharp';
import type { ParamsOf } from '../../../common/filters.js';
import type { StepOutcome } from './context.js';

export function negate(image: Sharp, p: ParamsOf<'negate'>): StepOutcome {
  image.negate({ alpha: p.alpha });
  return { image };
}
