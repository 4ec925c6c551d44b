// Loads a built-in or saved preset into the chain and output, saves the current ones as a preset,
// and deletes saved presets.
import { useCallback, useEffect, useId, useState } from 'react';
import { PRESET_NAME_MAX_LENGTH, type UserPreset } from '../../../common/ipc';
import type { PipelineSpec } from '../../../common/pipeline';
import { PRESETS } from '../../../common/presets';
import { call, refusalText } from '../lib/bridge';
import { useAppStore } from '../store';
import { useSpecCheck } from '../store/use-spec-check';

const BUILT_IN = 'builtin:';
const SAVED = 'user:';

export function PresetBar() {
  const ids = { preset: useId(), name: useId() };
  const [saved, setSaved] = useState<UserPreset[]>([]);
  const [selected, setSelected] = useState(`${BUILT_IN}${PRESETS[0]?.name ?? ''}`);
  const [name, setName] = useState('');
  const [status, setStatus] = useState('');
  const loadSteps = useAppStore((s) => s.loadSteps);
  const loadOutput = useAppStore((s) => s.loadOutput);
  const check = useSpecCheck();

  const refresh = useCallback(async () => {
    const result = await call((api) => api.presetsList());
    if (result.ok) setSaved(result.value);
  }, []);
  useEffect(() => void refresh(), [refresh]);

  const selectedSpec = (): { label: string; spec: PipelineSpec } | undefined => {
    if (selected.startsWith(BUILT_IN)) return PRESETS.find((p) => `${BUILT_IN}${p.name}` === selected);
    const preset = saved.find((p) => `${SAVED}${p.name}` === selected);
    return preset && { label: preset.name, spec: preset.spec };
  };

  const load = (): void => {
    const preset = selectedSpec();
    if (!preset) return;
    loadSteps(preset.spec.steps, preset.spec.limits);
    loadOutput(preset.spec.output);
    setStatus(`Loaded “${preset.label}”.`);
  };

  const save = async (): Promise<void> => {
    const trimmed = name.trim();
    if (!check.ok) return setStatus(`Cannot save: ${check.message}`);
    if (!trimmed) return setStatus('Give the preset a name first.');
    const result = await call((api) => api.presetsSave({ name: trimmed, spec: check.value }));
    if (!result.ok) return setStatus(refusalText(result));
    await refresh();
    setSelected(`${SAVED}${trimmed}`);
    setName('');
    setStatus(`Saved “${trimmed}”.`);
  };

  const remove = async (): Promise<void> => {
    const presetName = selected.slice(SAVED.length);
    const result = await call((api) => api.presetsDelete({ name: presetName }));
    if (!result.ok) return setStatus(refusalText(result));
    await refresh();
    setSelected(`${BUILT_IN}${PRESETS[0]?.name ?? ''}`);
    setStatus(`Deleted “${presetName}”.`);
  };

  return (
    <div className="preset-bar">
      <div className="preset-row preset-row-load">
        <div className="field grow">
          <label htmlFor={ids.preset}>Preset</label>
          <select id={ids.preset} value={selected} onChange={(e) => setSelected(e.target.value)}>
            <optgroup label="Built-in">
              {PRESETS.map((p) => (
                <option key={p.name} value={`${BUILT_IN}${p.name}`} title={p.description}>
                  {p.label}
                </option>
              ))}
            </optgroup>
            {saved.length > 0 && (
              <optgroup label="Saved">
                {saved.map((p) => (
                  <option key={p.name} value={`${SAVED}${p.name}`}>
                    {p.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
        <div className="preset-actions">
          <button type="button" onClick={load}>
            Load preset
          </button>
          <button type="button" disabled={!selected.startsWith(SAVED)} onClick={() => void remove()}>
            Delete preset
          </button>
        </div>
      </div>
      <div className="preset-row">
        <div className="field grow">
          <label htmlFor={ids.name}>Preset name</label>
          <input
            id={ids.name}
            type="text"
            maxLength={PRESET_NAME_MAX_LENGTH}
            placeholder="My web export"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <button type="button" disabled={!check.ok} onClick={() => void save()}>
          Save preset
        </button>
      </div>
      <p className="hint muted" role="status">
        {status}
      </p>
    </div>
  );
}
