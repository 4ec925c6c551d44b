// A number as a range slider plus a number field. The field is the labelled, focusable control;
// the slider is a pointer shortcut beside it, hidden from assistive tech so each value has one name.
import { useId } from 'react';
import { numberFieldText, parseNumberField } from '../lib/param-values';

interface NumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  unit?: string | undefined;
  /** Words before the number ("at most"); the description says the same to assistive tech. */
  prefix?: string | undefined;
  onChange(value: number): void;
  describedBy?: string | undefined;
  invalid?: boolean;
  /** A fixed id for the number input, so a message elsewhere can move the focus to it. */
  id?: string | undefined;
}

/** Sliders over huge ranges (1…65535 px) are useless at the top end; cap the slider, not the field. */
const SLIDER_SPAN = 8000;

export function NumberField({
  label,
  value,
  min,
  max,
  step,
  unit,
  prefix,
  onChange,
  describedBy,
  invalid,
  id: fixedId,
}: NumberFieldProps) {
  const ownId = useId();
  const id = fixedId ?? ownId;
  const sliderMax = max - min > SLIDER_SPAN ? min + SLIDER_SPAN : max;
  return (
    <div className="field number-field">
      <label htmlFor={id}>{label}</label>
      <div className="number-field-inputs">
        <input
          type="range"
          tabIndex={-1}
          aria-hidden="true"
          min={min}
          max={sliderMax}
          step={step}
          value={Number.isFinite(value) ? Math.min(value, sliderMax) : min}
          onChange={(e) => onChange(Number(e.target.value))}
        />
        {prefix && (
          <span className="unit" aria-hidden="true">
            {prefix}
          </span>
        )}
        <input
          id={id}
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={step}
          value={numberFieldText(value)}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(parseNumberField(e.target.value))}
        />
        {unit && <span className="unit">{unit}</span>}
      </div>
    </div>
  );
}
