// "Quality: fixed N | target score N". A target has each image encoded at the lowest quality that
// still reaches a perceptual score; with a target or a size cap, a floor keeps quality from
// sinking too low.
import { QUALITY_RANGE, TARGET_SCORE } from '../../../common/pipeline';
import { numberFieldText, parseNumberField } from '../lib/param-values';
import { useFieldState } from '../store/use-spec-check';
import type { EncodingProps } from './encoding-props';
import { FieldMessage } from './FieldMessage';

type Mode = 'fixed' | 'target';

export function QualityField({ idBase, field, value, onChange }: EncodingProps) {
  const target = value.targetScore !== undefined;
  const searching = target || value.maxBytes !== undefined;
  const modeId = `${idBase}-qualityMode`;
  const numberId = `${idBase}-${target ? 'targetScore' : 'quality'}`;
  const floorId = `${idBase}-minQuality`;
  const hintId = `${idBase}-quality-hint`;
  // The target's refusals (a target on PNG, on lossless files) are about this control too.
  const score = useFieldState(`${field}.targetScore`, `${idBase}-targetScore`);
  const quality = useFieldState(`${field}.quality`, `${idBase}-quality`);
  const floor = useFieldState(`${field}.minQuality`, floorId);
  const shown = target ? score : quality;

  const setMode = (mode: Mode): void => {
    if (mode === 'fixed') {
      onChange('targetScore', undefined);
      return;
    }
    onChange('targetScore', TARGET_SCORE.default);
    // Hidden from now on: a half-typed quality must not block the batch from out of sight.
    if (!Number.isInteger(value.quality)) onChange('quality', QUALITY_RANGE.default);
  };
  const range = target ? TARGET_SCORE : QUALITY_RANGE;

  return (
    <div className="field">
      {/* "Quality" names the number (as it always has); the select beside it says how it is set. */}
      <label htmlFor={numberId}>Quality</label>
      <div className="quality-inputs">
        <select
          id={modeId}
          aria-label="Quality by"
          value={target ? 'target' : 'fixed'}
          onChange={(e) => setMode(e.target.value as Mode)}
        >
          <option value="fixed">Fixed</option>
          <option value="target">Target score</option>
        </select>
        <input
          id={numberId}
          type="number"
          inputMode="numeric"
          aria-label={target ? 'Target score' : undefined}
          min={range.min}
          max={range.max}
          step={1}
          value={numberFieldText(target ? value.targetScore : value.quality)}
          aria-invalid={shown.invalid || undefined}
          aria-describedby={[shown.describedBy, target ? hintId : undefined].filter(Boolean).join(' ') || undefined}
          onChange={(e) => onChange(target ? 'targetScore' : 'quality', parseNumberField(e.target.value))}
        />
      </div>
      {target && (
        <p className="hint muted" id={hintId}>
          Each image gets the lowest quality that still scores this much; 100 is indistinguishable from the unencoded
          image.
        </p>
      )}
      <FieldMessage field={`${field}.${target ? 'targetScore' : 'quality'}`} id={shown.errorId} />
      {searching && (
        <div className="number-field-inputs quality-floor">
          <label htmlFor={floorId} className="field-label">
            Lowest quality
          </label>
          <input
            id={floorId}
            type="number"
            inputMode="numeric"
            min={QUALITY_RANGE.min}
            max={QUALITY_RANGE.max}
            step={1}
            value={numberFieldText(value.minQuality)}
            aria-invalid={floor.invalid || undefined}
            aria-describedby={floor.describedBy}
            onChange={(e) => onChange('minQuality', parseNumberField(e.target.value))}
          />
        </div>
      )}
      {searching && <FieldMessage field={`${field}.minQuality`} id={floor.errorId} />}
    </div>
  );
}
