import type { Sharp } from 'sharp';
import type { ParamsOf } from '../../../common/filters.js';
import type { StepOutcome } from './context.js';

/** precise: Gaussian unsharp mask on lightness; fast: sharp's fixed 3×3 kernel (no options). */
export function sharpen(image: Sharp, p: ParamsOf<'sharpen'>): StepOutcome {
  if (p.mode === 'fast') image.sharpen();
  else image.sharpen({ sigma: p.sigma, m1: p.flat, m2: p.jagged });
  return { image };
}
