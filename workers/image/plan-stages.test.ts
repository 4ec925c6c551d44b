// The planner's rules, each with the reason it exists; tests/chain-oracle.test.ts checks the
// pixels of every such chain against its steps run one at a time.
import { describe, expect, it } from 'vitest';
import { makePipeline, type StepInput } from '../../common/pipeline.js';
import { animationBlocker, chainUnits, type PlanOptions, planStages } from './plan-stages.js';

const ops = (steps: StepInput[], opts?: PlanOptions): string[][] =>
  planStages(makePipeline({ steps }).steps, opts).map((stage) => stage.map((s) => s.op));

const wm = { op: 'watermark', params: { path: '/logo.png' } } as const;

describe('planStages', () => {
  it('keeps resize → sharpen, and the ordinary chain with overlays, in one fused pipeline', () => {
    expect(ops([{ op: 'resize' }, { op: 'sharpen' }])).toEqual([['resize', 'sharpen']]);
    expect(ops([{ op: 'resize' }, { op: 'sharpen' }, wm, { op: 'text' }])).toEqual([
      ['resize', 'sharpen', 'watermark', 'text'],
    ]);
  });

  it('keeps a long chain that follows sharp order in one stage', () => {
    expect(
      ops([
        { op: 'resize' },
        { op: 'border' },
        { op: 'modulate' },
        { op: 'sharpen' },
        wm,
        { op: 'text' },
        { op: 'negate' },
      ]),
    ).toEqual([['resize', 'border', 'modulate', 'sharpen', 'watermark', 'text', 'negate']]);
  });

  it('splits when a step would run earlier in sharp than the one before it', () => {
    expect(ops([{ op: 'blur' }, { op: 'resize' }])).toEqual([['blur'], ['resize']]);
    expect(ops([{ op: 'sharpen' }, { op: 'grayscale' }])).toEqual([['sharpen'], ['grayscale']]);
    expect(ops([{ op: 'rotate' }, { op: 'flip' }])).toEqual([['rotate'], ['flip']]);
    // The reported chain: the overlay composites after sharp's resize, so the resize starts a pass.
    expect(ops([{ op: 'sharpen' }, wm, { op: 'resize' }])).toEqual([['sharpen', 'watermark'], ['resize']]);
  });

  it('splits when two steps write the same sharp option (sharp keeps only the last call)', () => {
    expect(ops([{ op: 'resize' }, { op: 'resize' }])).toEqual([['resize'], ['resize']]);
    expect(ops([{ op: 'resize' }, { op: 'crop', params: { mode: 'attention' } }])).toEqual([['resize'], ['crop']]);
    expect(
      ops([
        { op: 'rotate', params: { angle: 180 } },
        { op: 'rotate', params: { angle: 30 } },
      ]),
    ).toEqual([['rotate'], ['rotate']]);
  });

  it('places a rectangle crop before a resize, and after one only once the size is known', () => {
    expect(ops([{ op: 'crop' }, { op: 'resize' }])).toEqual([['crop', 'resize']]);
    expect(ops([{ op: 'resize' }, { op: 'crop' }])).toEqual([['resize'], ['crop']]);
    expect(ops([{ op: 'flip' }, { op: 'crop' }])).toEqual([['flip'], ['crop']]);
  });

  it('flips and quarter-turns before a fit cover or contain could crop or letterbox', () => {
    const cover = { op: 'resize', params: { by: 'box', fit: 'cover' } } as const;
    expect(ops([cover, { op: 'flip' }])).toEqual([['resize'], ['flip']]);
    expect(ops([cover, { op: 'rotate', params: { angle: 90 } }])).toEqual([['resize'], ['rotate']]);
    expect(ops([cover, { op: 'rotate', params: { angle: 30 } }])).toEqual([['resize', 'rotate']]);
    expect(ops([{ op: 'resize', params: { by: 'width' } }, { op: 'flip' }])).toEqual([['resize', 'flip']]);
  });

  it('keeps colour steps that see premultiplied pixels apart from resize, blur and sharpen on alpha', () => {
    const alpha = { alpha: true };
    expect(ops([{ op: 'resize' }, { op: 'modulate' }], alpha)).toEqual([['resize'], ['modulate']]);
    expect(ops([{ op: 'threshold' }, { op: 'blur' }], alpha)).toEqual([['threshold'], ['blur']]);
    expect(ops([{ op: 'resize' }, { op: 'modulate' }])).toEqual([['resize', 'modulate']]);
    // A translucent border gives the image alpha too late for sharp to premultiply the blur.
    expect(ops([{ op: 'border', params: { color: '#00ff0080' } }, { op: 'blur' }])).toEqual([['border'], ['blur']]);
  });

  it('adds no colour after grayscale in the same pipeline (it would come out grey)', () => {
    expect(ops([{ op: 'grayscale' }, { op: 'tint' }])).toEqual([['grayscale'], ['tint']]);
    expect(ops([{ op: 'grayscale' }, { op: 'border' }])).toEqual([['grayscale'], ['border']]);
    expect(ops([{ op: 'grayscale' }, { op: 'sharpen' }, { op: 'text' }])).toEqual([['grayscale', 'sharpen', 'text']]);
  });

  it('ends a pipeline after the fast sharpen, whose floats negate and CLAHE cannot take', () => {
    const fast = { op: 'sharpen', params: { mode: 'fast' } } as const;
    expect(ops([{ op: 'resize' }, fast])).toEqual([['resize', 'sharpen']]);
    expect(ops([fast, { op: 'negate' }])).toEqual([['sharpen'], ['negate']]);
  });

  it('binds gamma to the resize right after it, and keeps other steps out of its linear light', () => {
    expect(ops([{ op: 'gamma' }, { op: 'resize' }, { op: 'sharpen' }])).toEqual([['gamma', 'resize'], ['sharpen']]);
    expect(ops([{ op: 'gamma' }, { op: 'blur' }])).toEqual([['gamma'], ['blur']]);
    expect(ops([{ op: 'gamma' }, { op: 'normalise' }])).toEqual([['gamma', 'normalise']]);
    const units = chainUnits(makePipeline({ steps: [{ op: 'gamma' }, { op: 'resize' }, { op: 'gamma' }] }).steps);
    expect(units.map((u) => u.map((s) => s.op))).toEqual([['gamma', 'resize'], ['gamma']]);
  });

  it('sizes nothing from a trimmed size before it is known', () => {
    expect(ops([{ op: 'trim' }, wm])).toEqual([['trim'], ['watermark']]);
    expect(ops([{ op: 'trim' }, { op: 'resize', params: { by: 'percent' } }])).toEqual([['trim'], ['resize']]);
    expect(ops([{ op: 'trim' }, { op: 'resize', params: { by: 'width' } }])).toEqual([['trim', 'resize']]);
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
