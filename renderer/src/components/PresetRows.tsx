// The person's own presets in the Presets popover: each with Rename and Delete, and the form
// that saves the current steps and output under a name.
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { PRESET_NAME_MAX_LENGTH, type UserPreset } from '../../../common/ipc';

interface SavedPresetRowProps {
  preset: UserPreset;
  /** The button that applies it. */
  choice: ReactNode;
  /** Resolves true once saved under the new name (and the old one deleted). */
  onRename(name: string): Promise<boolean>;
  onDelete(): void;
}

export function SavedPresetRow({ preset, choice, onRename, onDelete }: SavedPresetRowProps) {
  const [renaming, setRenaming] = useState(false);
  return (
    <li className="preset-item preset-item-saved">
      {renaming ? (
        <NameForm
          label={`New name for ${preset.name}`}
          initial={preset.name}
          submit="Rename"
          onCancel={() => setRenaming(false)}
          onSubmit={async (name) => {
            if (name === preset.name || (await onRename(name))) setRenaming(false);
          }}
        />
      ) : (
        <>
          {choice}
          <div className="preset-item-actions">
            <button
              type="button"
              className="small"
              aria-label={`Rename ${preset.name}`}
              onClick={() => setRenaming(true)}
            >
              Rename
            </button>
            <button type="button" className="small danger" aria-label={`Delete ${preset.name}`} onClick={onDelete}>
              Delete
            </button>
          </div>
        </>
      )}
    </li>
  );
}

export function PresetSaveForm({ onSave }: { onSave(name: string): Promise<boolean> }) {
  return (
    <div className="preset-save">
      <NameForm label="Save current steps as" initial="" submit="Save preset" onSubmit={onSave} clearOnSuccess />
    </div>
  );
}

interface NameFormProps {
  label: string;
  initial: string;
  submit: string;
  onSubmit(name: string): Promise<boolean | undefined> | Promise<void>;
  onCancel?(): void;
  clearOnSuccess?: boolean;
}

function NameForm({ label, initial, submit, onSubmit, onCancel, clearOnSuccess }: NameFormProps) {
  const id = useId();
  const [name, setName] = useState(initial);
  const [problem, setProblem] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // Rename opens with its field focused: the name is what the person came to change.
  useEffect(() => {
    if (onCancel) input.current?.select();
  }, [onCancel]);
  const send = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setProblem('Give the preset a name first.');
    setProblem('');
    const done = await onSubmit(trimmed);
    if (done && clearOnSuccess) setName('');
  };
  return (
    <form className="preset-name-form" onSubmit={(e) => void send(e)}>
      <div className="field grow">
        <label htmlFor={id}>{label}</label>
        <input
          ref={input}
          id={id}
          type="text"
          maxLength={PRESET_NAME_MAX_LENGTH}
          placeholder="My web export"
          value={name}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && onCancel) {
              e.preventDefault();
              e.stopPropagation();
              onCancel();
            }
          }}
        />
        {problem && (
          <p className="field-message" id={`${id}-problem`}>
            {problem}
          </p>
        )}
      </div>
      <div className="preset-form-actions">
        <button type="submit">{submit}</button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
