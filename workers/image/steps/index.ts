// Applies one synchronous filter step, or builds the overlay of a watermark or text step.
import type { Sharp } from 'sharp';
import type { Step } from '../../../common/pipeline.js';
import { blur } from './blur.js';
import { border } from './border.js';
import { clahe } from './clahe.js';
import type { FittedOverlay, StepContext, StepOutcome } from './context.js';
import { crop } from './crop.js';
import { denoise } from './denoise.js';
import { flip } from './flip.js';
import { gamma } from './gamma.js';
import { grayscale } from './grayscale.js';
import { modulate } from './modulate.js';
import { negate } from './negate.js';
import { normalise } from './normalise.js';
import { resize } from './resize.js';
import { rotate } from './rotate.js';
import { sharpen } from './sharpen.js';
import { textOverlay } from './text.js';
import { threshold } from './threshold.js';
import { tint } from './tint.js';
import { trim } from './trim.js';
import { watermarkOverlay } from './watermark.js';

export type PixelStep = Exclude<Step, { op: 'watermark' } | { op: 'text' }>;
export type OverlayStep = Extract<Step, { op: 'watermark' } | { op: 'text' }>;

export const isOverlayStep = (step: Step): step is OverlayStep => step.op === 'watermark' || step.op === 'text';

/** The overlay a watermark or text step composites; undefined for text that is only spaces. */
export function overlayFor(step: OverlayStep, ctx: StepContext): Promise<FittedOverlay | undefined> {
  return step.op === 'watermark' ? watermarkOverlay(step.params, ctx) : textOverlay(step.params, ctx);
}

/** libvips' CLAHE (hist_local) reads 8-bit pixels only: a 16-bit image is reduced before it. */
export const needsEightBits = (step: Step): boolean => step.op === 'clahe';

/**
 * Steps after which a 16-bit image has 8 bits per channel: libvips' greyscale (B_W) is 8-bit,
 * threshold gives 0 or 255, CLAHE reads 8 bits, and sharp composites overlays in 8-bit sRGB.
 * Handing such pixels on as 16-bit would only make the next pass take a different path than the
 * same steps in one pipeline.
 */
export const endsInEightBits = (step: Step): boolean =>
  step.op === 'grayscale' ||
  step.op === 'threshold' ||
  step.op === 'watermark' ||
  step.op === 'text' ||
  needsEightBits(step);

export function applyStep(image: Sharp, step: PixelStep, ctx: StepContext): StepOutcome {
  switch (step.op) {
    case 'resize':
      return resize(image, step.params, ctx);
    case 'crop':
      return crop(image, step.params, ctx);
    case 'rotate':
      return rotate(image, step.params, ctx);
    case 'flip':
      return flip(image, step.params);
    case 'sharpen':
      return sharpen(image, step.params);
    case 'blur':
      return blur(image, step.params);
    case 'denoise':
      return denoise(image, step.params);
    case 'modulate':
      return modulate(image, step.params);
    case 'gamma':
      return gamma(image, step.params);
    case 'grayscale':
      return grayscale(image);
    case 'tint':
      return tint(image, step.params);
    case 'normalise':
      return normalise(image, step.params);
    case 'clahe':
      return clahe(image, step.params);
    case 'negate':
      return negate(image, step.params);
    case 'threshold':
      return threshold(image, step.params);
    case 'border':
      return border(image, step.params, ctx);
    case 'trim':
      return trim(image, step.params, ctx);
  }
}
