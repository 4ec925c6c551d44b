// The output format, or a format shoot-out: "Smallest of several…" reveals the formats to
// compare, and each image is written in whichever of them comes out smallest.
import { OUTPUT_FORMATS, type OutputFormat, type SearchableFormat } from '../../../common/pipeline';
import { FORMAT_LABELS, SHOOT_OUT_ORDER } from '../lib/output-labels';
import { useFieldState } from '../store/use-spec-check';
import type { EncodingProps } from './encoding-props';
import { FieldMessage } from './FieldMessage';

const SHOOT_OUT = 'pick';
type Choice = OutputFormat | typeof SHOOT_OUT;
/** What choosing the shoot-out compares until the person changes it: the two modern web formats. */
const SHOOT_OUT_START: readonly SearchableFormat[] = ['webp', 'avif'];

/** The formats in the spec's own order, whatever order they were ticked in. */
const inOrder = (formats: readonly SearchableFormat[]): SearchableFormat[] =>
  (['jpeg', 'webp', 'avif', 'jxl'] as const).filter((f) => formats.includes(f));

export function FormatField({ idBase, field, value, onChange }: EncodingProps) {
  const id = `${idBase}-format`;
  const format = useFieldState(`${field}.format`, id);
  const pick = useFieldState(`${field}.pickFormat`, `${idBase}-pickFormat`);
  const shooting = value.pickFormat.length > 0;
  const hintId = `${idBase}-pick-hint`;

  const choose = (choice: Choice): void => {
    if (choice === SHOOT_OUT) {
      onChange('pickFormat', inOrder(SHOOT_OUT_START));
      return;
    }
    onChange('format', choice);
    if (shooting) onChange('pickFormat', []);
  };
  // Unticking the last one leaves the shoot-out: the select shows the format again.
  const tick = (f: SearchableFormat, on: boolean): void =>
    onChange('pickFormat', inOrder(on ? [...value.pickFormat, f] : value.pickFormat.filter((p) => p !== f)));

  return (
    <div className="field">
      <label htmlFor={id}>Format</label>
      <select
        id={id}
        value={shooting ? SHOOT_OUT : value.format}
        aria-invalid={format.invalid || undefined}
        aria-describedby={format.describedBy}
        onChange={(e) => choose(e.target.value as Choice)}
      >
        {OUTPUT_FORMATS.map((f) => (
          <option key={f} value={f}>
            {FORMAT_LABELS[f]}
          </option>
        ))}
        <option value={SHOOT_OUT}>Smallest of several…</option>
      </select>
      {shooting && (
        <fieldset className="format-pick" aria-describedby={pick.describedBy ?? hintId}>
          <legend>Pick the smallest of</legend>
          <div className="check-row">
            {SHOOT_OUT_ORDER.map((f, i) => (
              <label key={f} className="check">
                <input
                  type="checkbox"
                  id={i === 0 ? `${idBase}-pickFormat` : undefined}
                  checked={value.pickFormat.includes(f)}
                  onChange={(e) => tick(f, e.target.checked)}
                />
                {FORMAT_LABELS[f]}
              </label>
            ))}
          </div>
          <p className="hint muted" id={hintId}>
            Each image is written in whichever of these comes out smallest
            {value.targetScore === undefined ? ' at the same quality.' : ' reaching the same score.'}
          </p>
        </fieldset>
      )}
      <FieldMessage field={`${field}.format`} id={format.errorId} />
      <FieldMessage field={`${field}.pickFormat`} id={pick.errorId} />
    </div>
  );
}
