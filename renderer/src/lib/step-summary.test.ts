import { describe, expect, it } from 'vitest';
import { defaultParams, FILTER_OPS, type FilterOp } from '../../../common/filters';
import { makePipeline, type Step } from '../../../common/pipeline';
import { outputLine, stepLine } from './step-summary';

const step = <Op extends FilterOp>(op: Op, params: Partial<ReturnType<typeof defaultParams<Op>>> = {}): Step =>
  ({ op, enabled: true, params: { ...defaultParams(op), ...params } }) as Step;

describe('step summaries', () => {
  it.each([
    [step('resize', { by: 'longEdge', longEdge: 1600 }), 'Resize · long edge 1600 px'],
    [
      step('resize', { by: 'box', width: 1600, height: 1200, fit: 'cover' }),
      'Resize · fit in 1600 × 1200 px, fill and crop',
    ],
    [step('resize', { by: 'percent', percent: 50, withoutEnlargement: false }), 'Resize · 50 %, may enlarge'],
    [step('resize', { by: 'width', width: 20000 }), 'Resize · width 20,000 px'],
    [step('sharpen', { sigma: 0.5 }), 'Sharpen · light, radius 0.5 px'],
    [step('sharpen', { mode: 'fast' }), 'Sharpen · fast'],
    [step('watermark', { path: '/home/me/logo.png' }), 'Watermark image · logo.png, bottom right, 50 %'],
    [step('watermark'), 'Watermark image · no file chosen, bottom right, 50 %'],
    [step('crop', { mode: 'attention' }), 'Crop · 1080 × 1080 px, smart'],
    [step('crop', { mode: 'entropy' }), 'Crop · 1080 × 1080 px, most detail'],
    [step('crop', { left: 10, top: 20 }), 'Crop · 1080 × 1080 px from 10, 20 px'],
    [step('rotate', { angle: -90 }), 'Rotate · -90°'],
    [step('flip'), 'Flip · left to right'],
    [step('modulate', { brightness: 1.2 }), 'Brightness / saturation / hue · brightness 1.2×'],
    [step('modulate'), 'Brightness / saturation / hue · no change'],
    [step('text', { gravity: 'center' }), 'Text overlay · “© Pixmill”, 48 px, centre'],
    [step('grayscale'), 'Grayscale'],
  ])('%o', (s, expected) => {
    expect(stepLine(s)).toBe(expected);
  });

  it('has words, not engine names, for every filter at its defaults', () => {
    for (const op of FILTER_OPS)
      expect(stepLine(step(op))).not.toMatch(/longEdge|lanczos|sigma|southeast|undefined|NaN/);
  });

  it('describes the output of each built-in preset', () => {
    expect(outputLine(makePipeline({ output: { format: 'jpeg', quality: 82 } }).output)).toBe('JPEG, quality 82');
    expect(outputLine(makePipeline({ output: { format: 'webp', lossless: true } }).output)).toBe('WebP, lossless');
    expect(outputLine(makePipeline({ output: { format: 'png' } }).output)).toBe('PNG');
  });
});
