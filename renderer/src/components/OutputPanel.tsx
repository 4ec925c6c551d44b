// Where outputs go, how many each image makes and how they are encoded and named.
import { EFFORT_RANGE } from '../../../common/pipeline';
import { call } from '../lib/bridge';
import { useAppStore } from '../store';
import { outputControlId } from '../store/spec';
import { useSettingsLocked } from '../store/use-settings-locked';
import { useFieldState } from '../store/use-spec-check';
import { FieldMessage } from './FieldMessage';
import { LockedNote } from './LockedNote';
import { MetadataField } from './MetadataField';
import { NumberField } from './NumberField';
import { OutputSafety } from './OutputSafety';
import { OutputsSection } from './OutputsSection';
import { PathInput } from './PathInput';

/** A fixed id: the run bar's "Choose an output folder" moves the focus here. */
const OUTPUT_FOLDER_ID = 'output-folder';
const LOCKED_ID = 'output-locked';

export function OutputPanel() {
  const outDir = useAppStore((s) => s.outDir);
  const output = useAppStore((s) => s.output);
  const setOutDir = useAppStore((s) => s.setOutDir);
  const setOutput = useAppStore((s) => s.setOutput);
  const listed = useAppStore((s) => s.outputRows.length > 0);
  // Only JPEG cannot hold transparency; "same as original" writes JPEGs for JPEG originals.
  const flattens = useAppStore((s) =>
    (s.outputRows.length > 0 ? s.outputRows.map((r) => r.variant.format) : [s.output.format]).some(
      (f) => f === 'jpeg' || f === 'keep',
    ),
  );
  const locked = useSettingsLocked();
  const effort = useFieldState('output.effort', outputControlId('effort'));
  const backgroundId = outputControlId('background');

  const chooseFolder = async (): Promise<void> => {
    const result = await call((api) => api.dialogChooseOutput());
    if (result.ok && result.value) setOutDir(result.value);
  };

  return (
    <section className="panel" aria-labelledby="output-heading">
      <header className="panel-header">
        <h2 id="output-heading">Output</h2>
      </header>
      {locked && <LockedNote id={LOCKED_ID} />}
      <fieldset className="panel-fieldset" disabled={locked} aria-describedby={locked ? LOCKED_ID : undefined}>
        <div className="field">
          <label htmlFor={OUTPUT_FOLDER_ID}>Output folder</label>
          <PathInput
            id={OUTPUT_FOLDER_ID}
            value={outDir}
            placeholder="/path/to/output"
            chooseLabel="Choose folder…"
            onChange={setOutDir}
            onChoose={() => void chooseFolder()}
          />
        </div>
        <OutputsSection />
        {listed && <h3 className="section-heading">For every output</h3>}
        <MetadataField />
        <NumberField
          id={outputControlId('effort')}
          label="Effort (speed ↔ size)"
          value={output.effort}
          min={EFFORT_RANGE.min}
          max={EFFORT_RANGE.max}
          step={1}
          invalid={effort.invalid}
          describedBy={effort.describedBy}
          onChange={(v) => setOutput('effort', v)}
        />
        <FieldMessage field="output.effort" id={effort.errorId} />
        <div className="check-row">
          <label className="check">
            <input
              type="checkbox"
              id={outputControlId('lossless')}
              checked={output.lossless}
              onChange={(e) => setOutput('lossless', e.target.checked)}
            />
            Lossless (WebP, AVIF, JPEG XL)
          </label>
          <label className="check">
            <input
              type="checkbox"
              id={outputControlId('toSrgb')}
              checked={output.toSrgb}
              onChange={(e) => setOutput('toSrgb', e.target.checked)}
            />
            Convert to sRGB
          </label>
        </div>
        {flattens && (
          <div className="field">
            <label htmlFor={backgroundId}>Background for transparency</label>
            <div className="color-field">
              <input
                id={backgroundId}
                type="color"
                value={output.background}
                aria-describedby={`${backgroundId}-hint`}
                onChange={(e) => setOutput('background', e.target.value)}
              />
              <code>{output.background}</code>
            </div>
            <p className="hint muted" id={`${backgroundId}-hint`}>
              JPEG cannot keep transparent areas: they are filled with this colour.
            </p>
            <FieldMessage field="output.background" />
          </div>
        )}
        <OutputSafety />
      </fieldset>
    </section>
  );
}
