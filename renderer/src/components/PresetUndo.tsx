// After a preset is applied: what replaced the chain, and one Undo that brings back the steps,
// output and limits exactly as they were. Nothing the person built is lost without a way back.
import { useEffect, useState } from 'react';
import { useAppStore } from '../store';
import { useSettingsLocked } from '../store/use-settings-locked';
import { PRESETS_BUTTON_ID } from './PresetMenu';

export function PresetUndo() {
  const applied = useAppStore((s) => s.appliedPreset);
  const undoPreset = useAppStore((s) => s.undoPreset);
  const dismissPreset = useAppStore((s) => s.dismissPreset);
  const locked = useSettingsLocked();
  const [restored, setRestored] = useState(false);
  useEffect(() => {
    if (applied) setRestored(false);
  }, [applied]);

  const undo = (): void => {
    undoPreset();
    setRestored(true);
    document.getElementById(PRESETS_BUTTON_ID)?.focus();
  };

  return (
    <div role="status" className="preset-undo-region">
      {applied ? (
        <p className="preset-undo">
          <span>
            Applied <strong>{applied.label}</strong>
          </span>
          <span aria-hidden="true"> · </span>
          <button type="button" className="link-button" disabled={locked} onClick={undo}>
            Undo
          </button>
          <button
            type="button"
            className="icon-button small"
            aria-label="Dismiss"
            title="Dismiss"
            onClick={() => {
              dismissPreset();
              document.getElementById(PRESETS_BUTTON_ID)?.focus();
            }}
          >
            ×
          </button>
        </p>
      ) : (
        restored && (
          <p className="preset-undo">
            <span>Your previous steps and output are back.</span>
            <button type="button" className="icon-button small" aria-label="Dismiss" onClick={() => setRestored(false)}>
              ×
            </button>
          </p>
        )
      )}
    </div>
  );
}
