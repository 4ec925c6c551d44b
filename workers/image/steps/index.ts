// Applies one synchronous filter step; overlays (watermark, text) are built in run-stages.
import type { Sharp } from 'sharp';
import type { Step } from '../../../common/pipeline.js';
import { blur } from './blur.js';
import { border } from './border.js';
import { clahe } from './clahe.js';
import type { StepContext, StepOutcome } from './context.js';
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
import { threshold } from './threshold.js';
import { tint } from './tint.js';
import { trim } from './trim.js';

export type PixelStep = Exclude<Step, { op: 'watermark' } | { op: 'text' }>;

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
