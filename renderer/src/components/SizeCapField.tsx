// "At most N kB": quality is lowered (down to the floor) until each file fits, and the person
// chooses what happens to an image that still does not. Empty: no cap.
import { SIZE_CAP_OUTCOMES } from '../../../common/pipeline';
import { SIZE_CAP_LABELS } from '../lib/output-labels';
import { numberFieldText, parseNumberField } from '../lib/param-values';
import { useFieldState } from '../store/use-spec-check';
import type { EncodingProps } from './encoding-props';
import { FieldMessage } from './FieldMessage';
import { SelectField } from './SelectField';

/** Decimal kB, as the window shows every file size (common/format.ts). */
const KB = 1000;

/** The cap in bytes from the field's text: empty is no cap. */
function capFromText(text: string): number | undefined {
  const kb = parseNumberField(text);
  return Number.isNaN(kb) ? undefined : Math.round(kb * KB);
}

export function SizeCapField({ idBase, field, value, onChange }: EncodingProps) {
  const capId = `${idBase}-maxBytes`;
  const outcomeId = `${idBase}-sizeCapOutcome`;
  const cap = useFieldState(`${field}.maxBytes`, capId);
  const outcome = useFieldState(`${field}.sizeCapOutcome`, outcomeId);
  const capped = value.maxBytes !== undefined;
  return (
    <div className="size-cap">
      <div className="field">
        <label htmlFor={capId}>File size at most</label>
        <div className="number-field-inputs">
          <input
            id={capId}
            type="number"
            inputMode="decimal"
            min={2}
            step={1}
            placeholder="no limit"
            value={capped ? numberFieldText(value.maxBytes! / KB) : ''}
            aria-invalid={cap.invalid || undefined}
            aria-describedby={cap.describedBy}
            onChange={(e) => onChange('maxBytes', capFromText(e.target.value))}
          />
          <span className="unit">kB</span>
        </div>
      </div>
      {capped && (
        <SelectField
          id={outcomeId}
          label="If it can’t fit"
          value={value.sizeCapOutcome}
          options={SIZE_CAP_OUTCOMES}
          labels={SIZE_CAP_LABELS}
          invalid={outcome.invalid}
          describedBy={outcome.describedBy}
          onChange={(v) => onChange('sizeCapOutcome', v)}
        />
      )}
      <FieldMessage field={`${field}.maxBytes`} id={cap.errorId} />
      <FieldMessage field={`${field}.sizeCapOutcome`} id={outcome.errorId} />
    </div>
  );
}
