import type { Sharp } from 'sharp';
import type { ParamsOf } from '../../../common/filters.js';
import type { StepOutcome } from './context.js';

export function normalise(image: Sharp, p: ParamsOf<'normalise'>): StepOutcome {
  image.normalise({ lower: p.lower, upper: p.upper });
  return { image };
}
