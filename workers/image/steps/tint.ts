import type { Sharp } from 'sharp';
import type { ParamsOf } from '../../../common/filters.js';
import type { StepOutcome } from './context.js';

export function tint(image: Sharp, p: ParamsOf<'tint'>): StepOutcome {
  image.tint(p.color);
  return { image };
}
