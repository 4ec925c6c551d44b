import type { Sharp } from 'sharp';
import type { ParamsOf } from '../../../common/filters.js';
import type { StepOutcome } from './context.js';

/** vertical = upside down (sharp's flip), horizontal = mirror (sharp's flop). */
export function flip(image: Sharp, p: ParamsOf<'flip'>): StepOutcome {
  if (p.direction !== 'horizontal') image.flip();
  if (p.direction !== 'vertical') image.flop();
  return { image };
}
