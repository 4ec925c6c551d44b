import type { Sharp } from 'sharp';
import type { ParamsOf } from '../../../common/filters.js';
import type { StepOutcome } from './context.js';

/**
 * sharp's gamma: decode by 1/gamma before resizing, encode by gamma after, so that scaling
 * happens in (near) linear light; on its own it leaves the tones as they were.
 */
export function gamma(image: Sharp, p: ParamsOf<'gamma'>): StepOutcome {
  image.gamma(p.gamma);
  return { image };
}
