// The Presets button and its popover: every preset with what it contains, applied in one click
// (Undo brings back what it replaced), and saving, renaming and deleting the person's own.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { plural } from '../../../common/format';
import type { UserPreset } from '../../../common/ipc';
import type { PipelineSpec } from '../../../common/pipeline';
import { PRESETS } from '../../../common/presets';
import { recipeOutputs } from '../../../common/recipes';
import { call, refusalText } from '../lib/bridge';
import { outputLine, stepLine } from '../lib/step-summary';
import { useAppStore } from '../store';
import { useSpecCheck } from '../store/use-spec-check';
import { PresetSaveForm, SavedPresetRow } from './PresetRows';

/** The Presets button's id: Undo hands the focus back to it. */
export const PRESETS_BUTTON_ID = 'presets-button';

/** "Resize · fit in 1600 × 1600 px; Sharpen · light, radius 0.5 px → JPEG, quality 82", or "→ 6 outputs: 320 px WebP, …". */
export function presetContents(spec: PipelineSpec): string {
  const steps = spec.steps.filter((s) => s.enabled).map(stepLine);
  const outputs =
    spec.outputs.length > 0
      ? `${plural(spec.outputs.length, 'output')}: ${recipeOutputs(spec)
          .map((o) => o.label)
          .join(', ')}`
      : outputLine(spec.output);
  return `${steps.length ? steps.join('; ') : 'No steps'} → ${outputs}`;
}

export function PresetMenu({ disabled }: { disabled: boolean }) {
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const [saved, setSaved] = useState<UserPreset[]>([]);
  const [status, setStatus] = useState('');
  const applyPreset = useAppStore((s) => s.applyPreset);
  const chain = useAppStore((s) => s.chain);
  const check = useSpecCheck();

  const refresh = useCallback(async () => {
    const result = await call((api) => api.presetsList());
    if (result.ok) setSaved(result.value);
  }, []);
  useEffect(() => void refresh(), [refresh]);

  const close = (): void => {
    menu.current?.hidePopover();
    button.current?.focus();
  };

  const apply = (label: string, spec: PipelineSpec): void => {
    applyPreset(label, spec);
    setStatus('');
    close();
  };

  const save = async (name: string, replacing?: string): Promise<boolean> => {
    if (!check.ok) {
      setStatus('The current steps have settings to correct first; they are marked in red.');
      return false;
    }
    const spec = replacing ? saved.find((p) => p.name === replacing)?.spec : check.value;
    if (!spec) return false;
    const result = await call((api) => api.presetsSave({ name, spec }));
    if (!result.ok) {
      setStatus(
        refusalText(
          result,
          chain.map((e) => e.step),
        ),
      );
      return false;
    }
    if (replacing && replacing !== name) {
      const removed = await call((api) => api.presetsDelete({ name: replacing }));
      if (!removed.ok) setStatus(refusalText(removed));
    }
    await refresh();
    setStatus(replacing ? `Renamed “${replacing}” to “${name}”.` : `Saved “${name}”.`);
    return true;
  };

  const remove = async (name: string): Promise<void> => {
    const result = await call((api) => api.presetsDelete({ name }));
    if (!result.ok) return setStatus(refusalText(result));
    await refresh();
    setStatus(`Deleted “${name}”.`);
    menu.current?.querySelector<HTMLElement>('.preset-name')?.focus();
  };

  return (
    <div className="preset-menu-anchor">
      <button
        ref={button}
        id={PRESETS_BUTTON_ID}
        type="button"
        className="preset-button"
        popoverTarget={menuId}
        aria-haspopup="dialog"
        disabled={disabled}
      >
        Presets <span aria-hidden="true">▾</span>
      </button>
      <div ref={menu} id={menuId} popover="auto" role="dialog" aria-label="Presets" className="preset-menu">
        <h3 className="preset-group">Built in</h3>
        <ul className="preset-list">
          {PRESETS.map((p) => (
            <li key={p.name} className="preset-item">
              <PresetChoice label={p.label} spec={p.spec} onApply={apply} />
            </li>
          ))}
        </ul>
        <h3 className="preset-group">Saved</h3>
        {saved.length === 0 ? (
          <p className="hint">None yet: save the current steps and output below.</p>
        ) : (
          <ul className="preset-list">
            {saved.map((p) => (
              <SavedPresetRow
                key={p.name}
                preset={p}
                choice={<PresetChoice label={p.name} spec={p.spec} onApply={apply} />}
                onRename={(name) => save(name, p.name)}
                onDelete={() => void remove(p.name)}
              />
            ))}
          </ul>
        )}
        <PresetSaveForm onSave={(name) => save(name)} />
        <p className="hint" role="status">
          {status}
        </p>
      </div>
    </div>
  );
}

interface PresetChoiceProps {
  label: string;
  spec: PipelineSpec;
  onApply(label: string, spec: PipelineSpec): void;
}

/** One preset: its name as the button, and below it what applying it sets (its description). */
function PresetChoice({ label, spec, onApply }: PresetChoiceProps) {
  const id = useId();
  return (
    <div className="preset-choice">
      <button type="button" className="preset-name" aria-describedby={id} onClick={() => onApply(label, spec)}>
        {label}
      </button>
      <p className="preset-contents" id={id}>
        {presetContents(spec)}
      </p>
    </div>
  );
}
