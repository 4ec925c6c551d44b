// With several outputs: per image, a file that lists them for a web page.
import { MANIFEST_KINDS } from '../../../common/pipeline';
import { MANIFEST_LABELS } from '../lib/output-labels';
import { useAppStore } from '../store';
import { useFieldState } from '../store/use-spec-check';
import { FieldMessage } from './FieldMessage';
import { SelectField } from './SelectField';

const MANIFEST_ID = 'manifest';

const HINTS = {
  none: 'Only the images are written.',
  json: 'Per image, a JSON file that lists its outputs: file, format, size.',
  html: 'Per image, an HTML <picture> element with a srcset per format, ready to paste into a page.',
} as const;

export function ManifestField() {
  const manifest = useAppStore((s) => s.manifest);
  const setManifest = useAppStore((s) => s.setManifest);
  const state = useFieldState('manifest', MANIFEST_ID);
  const hintId = `${MANIFEST_ID}-hint`;
  return (
    <div className="field">
      <SelectField
        id={MANIFEST_ID}
        label="Manifest"
        value={manifest}
        options={MANIFEST_KINDS}
        labels={MANIFEST_LABELS}
        invalid={state.invalid}
        describedBy={[hintId, state.describedBy].filter(Boolean).join(' ')}
        onChange={setManifest}
      />
      <p className="hint muted" id={hintId}>
        {HINTS[manifest]}
      </p>
      <FieldMessage field="manifest" id={state.errorId} />
    </div>
  );
}
