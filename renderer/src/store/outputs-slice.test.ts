import { beforeEach, describe, expect, it } from 'vitest';
import { findPreset } from '../../../common/presets';
import { useAppStore } from './index';
import { DEFAULT_OUTPUT } from './output-slice';
import { checkSettings } from './spec';

const state = () => useAppStore.getState();

beforeEach(() =>
  useAppStore.setState({ chain: [], output: DEFAULT_OUTPUT, outputRows: [], manifest: 'none', filledOutputs: null }),
);

describe('outputs slice', () => {
  it('adds, moves and removes rows; the spec carries them, and a manifest only with several', () => {
    state().setManifest('html');
    const second = state().addOutput();
    expect(state().outputRows.map((r) => [r.variant.width, r.open])).toEqual([
      [undefined, false],
      [800, true],
    ]);
    expect(state().outputRows[1]!.id).toBe(second);
    state().setOutputWidth(second, 400);
    state().setVariant(second, 'format', 'webp');
    state().moveOutput(second, -1);
    const check = checkSettings(state());
    expect(check.result.ok && check.result.value.outputs.map((o) => [o.width, o.format, o.pattern])).toEqual([
      [400, 'webp', '{name}-400'],
      [undefined, 'keep', '{name}'],
    ]);
    expect(check.result.ok && check.result.value.manifest).toBe('html');
    state().removeOutput(second);
    const one = checkSettings(state());
    expect(one.result.ok && one.result.value.manifest).toBe('none');
  });

  it('shows a row’s refusal at the row’s control, once, and names the row in the run bar', () => {
    const second = state().addOutput();
    state().setVariant(second, 'format', 'png');
    state().setVariant(second, 'targetScore', 80);
    state().setVariant(second, 'folder', '../up');
    const { issues } = checkSettings(state());
    expect(issues.map((i) => [i.field, i.target])).toEqual([
      ['outputs.1.targetScore', `${second}-targetScore`],
      ['outputs.1.folder', `${second}-folder`],
    ]);
    expect(issues[0]!.summary).toMatch(/^Output 2: A quality target needs JPEG/);
    expect(issues[0]!.text).toMatch(/^A quality target needs JPEG/);
  });

  it('fills the list from Responsive web and brings the old one back on Undo', () => {
    state().addOutput();
    const before = state().outputRows;
    const preset = findPreset('responsive-web')!;
    state().fillOutputs(preset.label, preset.spec);
    expect(state().outputRows).toHaveLength(6);
    expect(state().manifest).toBe('html');
    expect(checkSettings(state()).issues).toEqual([]);
    state().undoFillOutputs();
    expect(state().outputRows).toBe(before);
    expect(state().manifest).toBe('none');
  });

  it('applies a preset’s outputs with its steps, and Undo restores the list too', () => {
    state().applyPreset('Responsive web', findPreset('responsive-web')!.spec);
    expect(state().outputRows).toHaveLength(6);
    state().undoPreset();
    expect(state().outputRows).toEqual([]);
  });
});
