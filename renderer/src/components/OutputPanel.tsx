// Where outputs go, how they are encoded and how they are named.
import { useId } from 'react';
import {
  EFFORT_RANGE,
  METADATA_POLICIES,
  NAME_TOKENS,
  OUTPUT_FORMATS,
  type OutputSettings,
  QUALITY_RANGE,
} from '../../../common/pipeline';
import { call } from '../lib/bridge';
import { namingExample } from '../lib/naming-example';
import { useAppStore } from '../store';
import { sourceFoldersFor } from '../store/output-slice';
import { useSettingsLocked } from '../store/use-settings-locked';
import { FieldMessage } from './FieldMessage';
import { LockedNote } from './LockedNote';
import { NumberField } from './NumberField';
import { OutputSafety } from './OutputSafety';
import { PathInput } from './PathInput';
import { SelectField } from './SelectField';

const FORMAT_LABELS: Record<OutputSettings['format'], string> = {
  keep: 'Same as original',
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  avif: 'AVIF',
  jxl: 'JPEG XL',
  tiff: 'TIFF',
  gif: 'GIF',
};
const METADATA_LABELS: Record<OutputSettings['metadata'], string> = {
  strip: 'Strip all',
  keep: 'Keep all',
  icc: 'Keep colour profile only',
  'keep-except-gps': 'Keep all but location (GPS)',
  'copyright-only': 'Keep copyright and profile only',
  custom: 'Choose what to keep…',
};
/** A fixed id: the run bar's "Choose an output folder" moves the focus here. */
const OUTPUT_FOLDER_ID = 'output-folder';
const TOKEN_LIST = NAME_TOKENS.map((t) => `{${t}}`).join(' ');

export function OutputPanel() {
  const outDir = useAppStore((s) => s.outDir);
  const output = useAppStore((s) => s.output);
  const setOutDir = useAppStore((s) => s.setOutDir);
  const setOutput = useAppStore((s) => s.setOutput);
  const locked = useSettingsLocked();
  const ids = {
    folder: OUTPUT_FOLDER_ID,
    pattern: useId(),
    example: useId(),
    patternError: useId(),
    locked: useId(),
    background: useId(),
    backgroundHint: useId(),
  };
  // Only JPEG cannot hold transparency; "same as original" writes JPEGs for JPEG originals.
  const flattens = output.format === 'jpeg' || output.format === 'keep';
  const sourceFolders = useAppStore(sourceFoldersFor);
  const example = namingExample({ ...output, sourceFolders });

  const chooseFolder = async (): Promise<void> => {
    const result = await call((api) => api.dialogChooseOutput());
    if (result.ok && result.value) setOutDir(result.value);
  };

  return (
    <section className="panel" aria-labelledby="output-heading">
      <header className="panel-header">
        <h2 id="output-heading">Output</h2>
      </header>
      {locked && <LockedNote id={ids.locked} />}
      <fieldset className="panel-fieldset" disabled={locked} aria-describedby={locked ? ids.locked : undefined}>
        <div className="field">
          <label htmlFor={ids.folder}>Output folder</label>
          <PathInput
            id={ids.folder}
            value={outDir}
            placeholder="/path/to/output"
            chooseLabel="Choose folder…"
            onChange={setOutDir}
            onChoose={() => void chooseFolder()}
          />
        </div>
        <div className="field-grid">
          <SelectField
            label="Format"
            value={output.format}
            options={OUTPUT_FORMATS}
            labels={FORMAT_LABELS}
            onChange={(v) => setOutput('format', v)}
          />
          <SelectField
            label="Metadata"
            value={output.metadata}
            options={METADATA_POLICIES}
            labels={METADATA_LABELS}
            onChange={(v) => setOutput('metadata', v)}
          />
        </div>
        <FieldMessage field="output.format" />
        <NumberField
          label="Quality"
          value={output.quality}
          min={QUALITY_RANGE.min}
          max={QUALITY_RANGE.max}
          step={1}
          onChange={(v) => setOutput('quality', v)}
        />
        <FieldMessage field="output.quality" />
        <NumberField
          label="Effort (speed ↔ size)"
          value={output.effort}
          min={EFFORT_RANGE.min}
          max={EFFORT_RANGE.max}
          step={1}
          onChange={(v) => setOutput('effort', v)}
        />
        <FieldMessage field="output.effort" />
        <div className="check-row">
          <label className="check">
            <input
              type="checkbox"
              checked={output.lossless}
              onChange={(e) => setOutput('lossless', e.target.checked)}
            />
            Lossless (WebP, AVIF, JPEG XL)
          </label>
          <label className="check">
            <input type="checkbox" checked={output.toSrgb} onChange={(e) => setOutput('toSrgb', e.target.checked)} />
            Convert to sRGB
          </label>
        </div>
        {flattens && (
          <div className="field">
            <label htmlFor={ids.background}>Background for transparency</label>
            <div className="color-field">
              <input
                id={ids.background}
                type="color"
                value={output.background}
                aria-describedby={ids.backgroundHint}
                onChange={(e) => setOutput('background', e.target.value)}
              />
              <code>{output.background}</code>
            </div>
            <p className="hint muted" id={ids.backgroundHint}>
              JPEG cannot keep transparent areas: they are filled with this colour.
            </p>
            <FieldMessage field="output.background" />
          </div>
        )}
        <div className="field">
          <label htmlFor={ids.pattern}>Naming pattern</label>
          <input
            id={ids.pattern}
            type="text"
            spellCheck={false}
            value={output.pattern}
            aria-describedby={`${ids.example} ${ids.patternError}`}
            onChange={(e) => setOutput('pattern', e.target.value)}
          />
          <p className="hint" id={ids.example}>
            <span className="muted">Tokens {TOKEN_LIST} · e.g. </span>
            <code>{example.input}</code> → <code data-testid="naming-example">{example.output}</code>
          </p>
          <FieldMessage field="output.pattern" id={ids.patternError} />
        </div>
        <OutputSafety />
      </fieldset>
    </section>
  );
}
