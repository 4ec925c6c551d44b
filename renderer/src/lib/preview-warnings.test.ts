import { describe, expect, it } from 'vitest';
import { fileWarning } from '../../../common/warnings';
import { previewWarnings } from './preview-warnings';

const step = fileWarning('STEP_NO_EFFECT', 'Crop (step 1) gave 768×512 instead of 1080×1080.');
const larger = fileWarning('OUTPUT_LARGER', 'The output (2.0 kB) is larger than the original (1.0 kB).');
const alpha = fileWarning('ALPHA_FLATTENED', 'Transparency was filled with white (JPEG cannot hold it).');

describe('preview warnings', () => {
  it('keeps every warning of a format the preview writes as the batch does', () => {
    expect(previewWarnings([step, larger, alpha], 'jpeg')).toEqual([step, larger, alpha]);
  });

  it('drops what only the stand-in PNG caused, keeps what the chain caused', () => {
    expect(previewWarnings([step, larger], 'png')).toEqual([step]);
    expect(previewWarnings([step, larger, alpha], 'avif')).toEqual([step]);
    expect(previewWarnings([step, larger], 'keep')).toEqual([step]);
  });
});
