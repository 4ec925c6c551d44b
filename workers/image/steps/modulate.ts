import type { Sharp } from 'sharp';
import type { ParamsOf } from '../../../common/filters.js';
import type { StepOutcome } from './context.js';

export function modulate(image: Sharp, p: ParamsOf<'modulate'>): StepOutcome {
  image.modulate({ brightness: p.brightness, saturation: p.saturation, hue: p.hue });
  return { image };
}
