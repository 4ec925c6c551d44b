import type { Sharp } from 'sharp';
import type { ParamsOf } from '../../../common/filters.js';
import type { StepOutcome } from './context.js';

export function clahe(image: Sharp, p: ParamsOf<'clahe'>): StepOutcome {
  image.clahe({ width: p.width, height: p.height, maxSlope: p.maxSlope });
  return { image };
}
