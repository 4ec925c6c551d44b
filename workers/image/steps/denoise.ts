import type { Sharp } from 'sharp';
import type { ParamsOf } from '../../../common/filters.js';
import type { StepOutcome } from './context.js';

export function denoise(image: Sharp, p: ParamsOf<'denoise'>): StepOutcome {
  image.median(p.size);
  return { image };
}
