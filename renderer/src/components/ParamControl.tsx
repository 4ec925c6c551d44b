// One filter parameter's control, generated from its description in the registry: the type picks
// the control, and min, max, step, unit, option labels and label come from the description.
import type { ParamSpec } from '../../../common/params';
import { call } from '../lib/bridge';
import { fromDisplay, joinColor, optionLabel, splitColor, toDisplay } from '../lib/param-values';
import type { ParamInput } from '../store/pipeline-slice';
import { useFieldError } from '../store/use-spec-check';
import { NumberField } from './NumberField';
import { PathInput } from './PathInput';
import { PositionGrid } from './PositionGrid';

interface ParamControlProps {
  spec: ParamSpec;
  value: unknown;
  /** The spec check's name for this value, e.g. "steps.0.params.width". */
  field: string;
  /** The control's id: messages elsewhere (the run bar) move the focus here. */
  id: string;
  onChange(value: ParamInput): void;
}

export function ParamControl({ spec, value, field, id, onChange }: ParamControlProps) {
  const errorId = `${id}-error`;
  const labelId = `${id}-label`;
  const error = useFieldError(field);
  const invalid = Boolean(error);
  const message = error ? (
    <p className="field-message" id={errorId}>
      {error}
    </p>
  ) : null;
  const describedBy = error ? errorId : undefined;

  switch (spec.type) {
    case 'number':
    case 'integer':
      return (
        <div className="param">
          <NumberField
            id={id}
            label={spec.label}
            value={typeof value === 'number' ? toDisplay(spec, value) : Number.NaN}
            min={toDisplay(spec, spec.min)}
            max={toDisplay(spec, spec.max)}
            step={toDisplay(spec, spec.step)}
            unit={spec.unit}
            invalid={invalid}
            describedBy={describedBy}
            onChange={(v) => onChange(fromDisplay(spec, v))}
          />
          {message}
        </div>
      );
    case 'boolean':
      return (
        <div className="param param-check">
          <label className="check">
            <input
              id={id}
              type="checkbox"
              checked={value === true}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(e) => onChange(e.target.checked)}
            />
            {spec.label}
          </label>
          {message}
        </div>
      );
    case 'enum':
      if (spec.control === 'position')
        return (
          <div className="param field">
            <span className="field-label" id={labelId}>
              {spec.label}
            </span>
            <PositionGrid
              id={id}
              labelledBy={labelId}
              value={String(value)}
              labels={spec.optionLabels ?? {}}
              describedBy={describedBy}
              onChange={onChange}
            />
            {message}
          </div>
        );
      return (
        <div className="param field">
          <label htmlFor={id}>{spec.label}</label>
          <select
            id={id}
            value={String(value)}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(e) => onChange(e.target.value)}
          >
            {spec.options.map((option) => (
              <option key={option} value={option}>
                {optionLabel(spec, option)}
              </option>
            ))}
          </select>
          {message}
        </div>
      );
    case 'color': {
      const { rgb, alpha } = splitColor(String(value));
      return (
        <div className="param field">
          <label htmlFor={id}>{spec.label}</label>
          <div className="color-field">
            <input
              id={id}
              type="color"
              value={rgb}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(e) => onChange(joinColor(e.target.value, alpha))}
            />
            <code>{String(value)}</code>
          </div>
          {message}
        </div>
      );
    }
    case 'string':
      return (
        <div className="param field param-wide">
          <label htmlFor={id}>{spec.label}</label>
          <input
            id={id}
            type="text"
            maxLength={spec.maxLength}
            value={String(value ?? '')}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(e) => onChange(e.target.value)}
          />
          {message}
        </div>
      );
    case 'path':
      return (
        <div className="param field param-wide">
          <label htmlFor={id}>{spec.label}</label>
          <PathInput
            id={id}
            value={String(value ?? '')}
            placeholder="Not chosen yet"
            chooseLabel="Choose…"
            chooseName={`Choose ${spec.label.toLowerCase()}`}
            describedBy={describedBy}
            invalid={invalid}
            onChange={onChange}
            onChoose={() =>
              void call((api) => api.dialogChooseWatermark()).then((result) => {
                if (result.ok && result.value) onChange(result.value);
              })
            }
          />
          {message}
        </div>
      );
  }
}
