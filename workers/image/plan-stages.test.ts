import { describe, expect, it } from 'vitest';
import { makePipeline, type StepInput } from '../../common/pipeline.js';
import { animationBlocker, planStages } from './plan-stages.js';

const ops = (steps: StepInput[]): string[][] =>
  planStages(makePipeline({ steps }).steps).map((stage) => stage.map((s) => s.op));

describe('planStages', () => {
  it('keeps resize → sharpen in one fused pipeline', () => {
    expect(ops([{ op: 'resize' }, { op: 'sharpen' }])).toEqual([['resize', 'sharpen']]);
  });

  it('keeps a long chain that follows sharp order in one stage', () => {
    expect(
      ops([
        { op: 'resize' },
        { op: 'border' },
        { op: 'modulate' },
        { op: 'sharpen' },
        { op: 'watermark' },
        { op: 'text' },
        { op: 'negate' },
      ]),
    ).toEqual([['resize', 'border', 'modulate', 'sharpen', 'watermark', 'text', 'negate']]);
  });

  it('splits when a step would run earlier in sharp than the one before it', () => {
    expect(ops([{ op: 'blur' }, { op: 'resize' }])).toEqual([['blur'], ['resize']]);
    expect(ops([{ op: 'sharpen' }, { op: 'grayscale' }])).toEqual([['sharpen'], ['grayscale']]);
    expect(ops([{ op: 'rotate' }, { op: 'flip' }])).toEqual([['rotate'], ['flip']]);
  });

  it('splits when an operation repeats (sharp keeps only the last call)', () => {
    expect(ops([{ op: 'resize' }, { op: 'resize' }])).toEqual([['resize'], ['resize']]);
    expect(ops([{ op: 'resize' }, { op: 'crop', params: { mode: 'attention' } }])).toEqual([['resize'], ['crop']]);
  });

  it('places a rectangle crop before or after resize as sharp does', () => {
    expect(ops([{ op: 'crop' }, { op: 'resize' }])).toEqual([['crop', 'resize']]);
    expect(ops([{ op: 'resize' }, { op: 'crop' }])).toEqual([['resize', 'crop']]);
    expect(ops([{ op: 'flip' }, { op: 'crop' }])).toEqual([['flip'], ['crop']]);
  });

  it('ignores disabled steps', () => {
    expect(ops([{ op: 'resize' }, { op: 'blur', enabled: false }, { op: 'sharpen' }])).toEqual([['resize', 'sharpen']]);
  });

  it('names the step that cannot work on animations', () => {
    expect(
      animationBlocker(makePipeline({ steps: [{ op: 'resize' }, { op: 'rotate', params: { angle: 90 } }] }).steps),
    ).toMatch(/Rotate/);
    expect(
      animationBlocker(makePipeline({ steps: [{ op: 'resize' }, { op: 'rotate', params: { angle: 180 } }] }).steps),
    ).toBeUndefined();
  });
});
