import { beforeEach, describe, expect, it } from 'vitest';
import { findPreset } from '../../../common/presets';
import { useAppStore } from './index';
import { DEFAULT_OUTPUT } from './output-slice';
import { checkSettings, checkSpec } from './spec';

const state = () => useAppStore.getState();
const specOf = () => checkSpec(state());
const ops = () => state().chain.map((e) => e.step.op);

beforeEach(() => {
  useAppStore.setState({ chain: [], output: DEFAULT_OUTPUT, outputRows: [], manifest: 'none', appliedPreset: null });
  state().setTimeLimit('auto');
});

describe('pipeline slice: the time limit', () => {
  it('is automatic by default, takes a number of seconds, and the spec carries it to the engine', () => {
    const first = specOf();
    expect(first.ok && first.value.limits.timeoutSeconds).toBe('auto');
    state().setTimeLimit(600);
    const fixed = specOf();
    expect(fixed.ok && fixed.value.limits.timeoutSeconds).toBe(600);
  });

  it('refuses a limit out of range, naming the field in words', () => {
    state().setTimeLimit(0);
    const r = specOf();
    expect(r.ok).toBe(false);
    expect(!r.ok && r.field).toBe('limits.timeoutSeconds');
    expect(!r.ok && r.message).toBe('The time limit must be Automatic or between 1 and 3600 seconds');
  });
});

describe('pipeline slice: editing the chain', () => {
  it('duplicates a step right after itself, with its values, as a separate step', () => {
    state().addStep('resize');
    state().addStep('rotate');
    const [resize] = state().chain;
    state().setParam(resize!.id, 'width', 800);
    state().duplicateStep(resize!.id);
    expect(ops()).toEqual(['resize', 'resize', 'rotate']);
    const copy = state().chain[1]!;
    expect(copy.id).not.toBe(resize!.id);
    expect(copy.step.params).toEqual(state().chain[0]!.step.params);
    state().setParam(copy.id, 'width', 200);
    expect((state().chain[0]!.step.params as { width: number }).width).toBe(800);
  });

  it('moves a step to any position (a drag), and opens new steps but not loaded ones', () => {
    state().addStep('resize');
    state().addStep('blur');
    state().addStep('rotate');
    expect(state().chain.every((e) => e.open)).toBe(true);
    state().moveStepTo(state().chain[2]!.id, 0);
    expect(ops()).toEqual(['rotate', 'resize', 'blur']);
    state().loadSteps(
      state().chain.map((e) => e.step),
      state().limits,
    );
    expect(state().chain.some((e) => e.open)).toBe(false);
  });
});

describe('pipeline slice: presets', () => {
  it('applies a preset in one step, and Undo restores the chain, output and limits exactly', () => {
    state().addStep('blur');
    state().setOutput('format', 'png');
    state().setTimeLimit(90);
    const before = { chain: state().chain, output: state().output, limits: state().limits };
    const web = findPreset('web-1600')!;
    state().applyPreset(web.label, web.spec);
    expect(ops()).toEqual(['resize', 'sharpen']);
    expect(state().output.format).toBe('jpeg');
    expect(state().appliedPreset?.label).toBe('Web 1600 JPEG');
    state().undoPreset();
    expect(state().chain).toBe(before.chain);
    expect(state().output).toBe(before.output);
    expect(state().limits).toBe(before.limits);
    expect(state().appliedPreset).toBeNull();
  });
});

describe('the settings check', () => {
  it('reports every invalid setting at once, in words, each with its control', () => {
    state().addStep('resize');
    state().addStep('watermark');
    state().addStep('sharpen');
    const [resize, watermark, sharpen] = state().chain;
    state().setParam(resize!.id, 'width', 0);
    state().setParam(sharpen!.id, 'sigma', Number.NaN);
    state().setOutput('pattern', '../{name}');
    const { issues, result } = checkSettings(state());
    expect(result.ok).toBe(false);
    expect(issues.map((i) => [i.text, i.target])).toEqual([
      ['Width must be between 1 and 65,535 px', `${resize!.id}-width`],
      ['Choose a watermark file', `${watermark!.id}-path`],
      ['Enter a number for radius, between 0.3 and 10 px', `${sharpen!.id}-sigma`],
      [
        'The naming pattern may not contain /, \\ or “..”: outputs always stay inside the output folder',
        'output-pattern',
      ],
    ]);
    expect(issues[0]!.summary).toBe('Resize, step 1: Width must be between 1 and 65,535 px');
  });

  it('counts a watermark with no file only while the step is on', () => {
    state().addStep('watermark');
    const [watermark] = state().chain;
    expect(checkSettings(state()).issues).toHaveLength(1);
    state().toggleStep(watermark!.id, false);
    expect(checkSettings(state()).issues).toEqual([]);
  });
});
