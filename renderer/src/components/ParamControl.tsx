// One filter parameter's control, generated from its description in the registry: the type picks
// the control, and min, max, step, unit, options and label come from the description.
import { useId } from 'react';
import type { ParamSpec } from '../../../common/params';
import { call } from '../lib/bridge';
import { joinColor, splitColor } from '../lib/param-values';
import type { ParamInput } from '../store/pipeline-slice';
import { useFieldError } from '../store/use-spec-check';
import { NumberField } from './NumberField';
import { PathInput } from './PathInput';

interface ParamControlProps {
  spec: ParamSpec;
  value: unknown;
  /** The spec check's name for this value, e.g. "steps.0.params.width". */
  field: string;
  onChange(value: ParamInput): void;
}

export function ParamControl({ spec, value, field, onChange }: ParamControlProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const error = useFieldError(field);
  const message = error ? (
    <p className="field-message" role="alert" id={errorId}>
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
            label={spec.label}
            value={typeof value === 'number' ? value : Number.NaN}
            min={spec.min}
            max={spec.max}
            step={spec.step}
            unit={spec.unit}
            invalid={Boolean(error)}
            describedBy={describedBy}
            onChange={onChange}
          />
          {message}
        </div>
      );
    case 'boolean':
      return (
        <div className="param">
          <label className="check">
            <input
              type="checkbox"
              checked={value === true}
              aria-describedby={describedBy}
              onChange={(e) => onChange(e.target.checked)}
            />
            {spec.label}
          </label>
          {message}
        </div>
      );
    case 'enum':
      return (
        <div className="param field">
          <label htmlFor={id}>{spec.label}</label>
          <select
            id={id}
            value={String(value)}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.value)}
          >
            {spec.options.map((option) => (
              <option key={option} value={option}>
                {option}
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
        <div className="param field">
          <label htmlFor={id}>{spec.label}</label>
          <input
            id={id}
            type="text"
            maxLength={spec.maxLength}
            value={String(value ?? '')}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.value)}
          />
          {message}
        </div>
      );
    case 'path':
      return (
        <div className="param field">
          <label htmlFor={id}>{spec.label}</label>
          <PathInput
            id={id}
            value={String(value ?? '')}
            placeholder="Not chosen yet"
            chooseLabel="Choose…"
            describedBy={describedBy}
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
