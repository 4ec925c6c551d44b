import type { Sharp } from 'sharp';
import type { StepOutcome } from './context.js';

export function grayscale(image: Sharp): StepOutcome {
  image.grayscale();
  return { image };
}
