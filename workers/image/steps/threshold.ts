import type { Sharp } from 'sharp';
import type { ParamsOf } from '../../../common/filters.js';
import type { StepOutcome } from './context.js';

export function threshold(image: Sharp, p: ParamsOf<'threshold'>): StepOutcome {
  image.threshold(p.level);
  return { image };
}
