// What the outputs keep of the original's metadata: a policy, or (with "Choose what to keep…")
// one checkbox per kind; and whether each output keeps the original's file date.
import { METADATA_CLASSES, METADATA_POLICIES, type MetadataClass } from '../../../common/pipeline';
import { CUSTOM_METADATA_START, METADATA_CLASS_LABELS, METADATA_LABELS } from '../lib/output-labels';
import { useAppStore } from '../store';
import { outputControlId } from '../store/spec';
import { useFieldState } from '../store/use-spec-check';
import { FieldMessage } from './FieldMessage';
import { SelectField } from './SelectField';

export function MetadataField() {
  const metadata = useAppStore((s) => s.output.metadata);
  const keep = useAppStore((s) => s.output.metadataKeep);
  const keepDates = useAppStore((s) => s.output.keepDates);
  const setOutput = useAppStore((s) => s.setOutput);
  const policy = useFieldState('output.metadata', outputControlId('metadata'));
  const classes = useFieldState('output.metadataKeep', outputControlId('metadataKeep'));
  const datesHint = `${outputControlId('keepDates')}-hint`;

  const choose = (value: (typeof METADATA_POLICIES)[number]): void => {
    setOutput('metadata', value);
    // A fresh custom choice starts from a sensible set, not from "nothing kept".
    if (value === 'custom' && keep.length === 0) setOutput('metadataKeep', [...CUSTOM_METADATA_START]);
  };
  const tick = (kind: MetadataClass, on: boolean): void =>
    setOutput(
      'metadataKeep',
      METADATA_CLASSES.filter((c) => (c === kind ? on : keep.includes(c))),
    );

  return (
    <div className="field">
      <SelectField
        id={outputControlId('metadata')}
        label="Metadata"
        value={metadata}
        options={METADATA_POLICIES}
        labels={METADATA_LABELS}
        invalid={policy.invalid}
        describedBy={policy.describedBy}
        onChange={choose}
      />
      <FieldMessage field="output.metadata" id={policy.errorId} />
      {metadata === 'custom' && (
        <fieldset className="metadata-classes" aria-describedby={classes.describedBy}>
          <legend>Keep</legend>
          <div className="check-grid">
            {METADATA_CLASSES.map((kind, i) => (
              <label key={kind} className="check">
                <input
                  type="checkbox"
                  id={i === 0 ? outputControlId('metadataKeep') : undefined}
                  checked={keep.includes(kind)}
                  onChange={(e) => tick(kind, e.target.checked)}
                />
                {METADATA_CLASS_LABELS[kind]}
              </label>
            ))}
          </div>
          <FieldMessage field="output.metadataKeep" id={classes.errorId} />
        </fieldset>
      )}
      <div className="check-field">
        <label className="check">
          <input
            type="checkbox"
            id={outputControlId('keepDates')}
            checked={keepDates}
            aria-describedby={datesHint}
            onChange={(e) => setOutput('keepDates', e.target.checked)}
          />
          Keep file dates
        </label>
        <p className="hint muted" id={datesHint}>
          Each output gets its original’s modification date, for photo libraries that sort by it.
        </p>
      </div>
    </div>
  );
}
