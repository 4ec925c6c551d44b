// One output of the recipe's list as a card: a header with its number and what it makes ("800 px
// WebP"), the disclosure button and Move / Remove; when open, its size, format, quality, size cap,
// sub-folder and name.
import type { OutputSettings, Variant } from '../../../common/pipeline';
import { materialize, type RowField } from '../lib/output-rows';
import { numberFieldText, parseNumberField } from '../lib/param-values';
import { useAppStore } from '../store';
import type { OutputRow } from '../store/outputs-slice';
import { rowControlId } from '../store/spec';
import { useFieldState } from '../store/use-spec-check';
import type { Encoding } from './encoding-props';
import { FieldMessage } from './FieldMessage';
import { FormatField } from './FormatField';
import { MoveButtons } from './MoveButtons';
import { PatternField } from './PatternField';
import { QualityField } from './QualityField';
import { SizeCapField } from './SizeCapField';

interface OutputRowCardProps {
  row: OutputRow;
  index: number;
  last: boolean;
  /** "800 px WebP", as the results will name it. */
  label: string;
  /** The recipe's output, for what the row leaves out. */
  base: OutputSettings;
  /** A row with an invalid setting stays open, so its message is seen at its field. */
  invalid: boolean;
  onRemove(id: string): void;
}

export const rowToggleId = (rowId: string): string => `${rowId}-toggle`;

export function OutputRowCard({ row, index, last, label, base, invalid, onRemove }: OutputRowCardProps) {
  const { id } = row;
  const setVariant = useAppStore((s) => s.setVariant);
  const setOutputWidth = useAppStore((s) => s.setOutputWidth);
  const moveOutput = useAppStore((s) => s.moveOutput);
  const setOutputOpen = useAppStore((s) => s.setOutputOpen);
  // An output's size replaces the chain's first resize, or comes after the last step (common/recipes.ts).
  const resizes = useAppStore((s) => s.chain.some((e) => e.step.enabled && e.step.op === 'resize'));
  const open = row.open || invalid;
  const value = materialize(base, row.variant) as Encoding & Variant;
  const field = `outputs.${index}`;
  const name = `output ${index + 1}`;
  const bodyId = `${id}-body`;

  const onChange = <K extends RowField>(key: K, v: Encoding[K]): void => setVariant(id, key, v);

  return (
    <li className={invalid ? 'output-row output-row-invalid' : 'output-row'} data-testid="output-row">
      <div className="output-row-head">
        <h4 className="output-row-title">
          <button
            type="button"
            id={rowToggleId(id)}
            className="disclosure"
            aria-expanded={open}
            aria-controls={open ? bodyId : undefined}
            onClick={() => setOutputOpen(id, !row.open)}
          >
            <span className="disclosure-arrow" aria-hidden="true" />
            <span className="step-number" aria-hidden="true">
              {index + 1}
            </span>
            <span className="step-text">
              <span className="step-name">Output {index + 1}</span>
              <span className="step-summary">
                <span aria-hidden="true"> · </span>
                <span className="visually-hidden">, </span>
                <span data-testid="output-row-label">{label}</span>
              </span>
            </span>
          </button>
        </h4>
        <div className="chain-step-actions">
          <MoveButtons name={name} index={index} last={last} onMove={(delta) => moveOutput(id, delta)} />
          <button
            type="button"
            className="icon-button danger"
            aria-label={`Remove ${name}`}
            title="Remove"
            onClick={() => onRemove(id)}
          >
            ×
          </button>
        </div>
      </div>
      {open && (
        <div className="output-row-body" id={bodyId}>
          <div className="field-pair">
            <SideField
              rowId={id}
              field={field}
              side="width"
              value={value.width}
              onChange={(w) => setOutputWidth(id, w)}
            />
            <SideField
              rowId={id}
              field={field}
              side="height"
              value={value.height}
              onChange={(h) => setVariant(id, 'height', h)}
            />
          </div>
          <p className="hint muted">
            {resizes
              ? 'Takes the place of the first Resize step’s size, fitted inside, never enlarged; empty: the size the steps make.'
              : 'Fitted inside after the steps, never enlarged; empty: the size the steps make.'}
          </p>
          <FormatField idBase={id} field={field} value={value} onChange={onChange} />
          <QualityField idBase={id} field={field} value={value} onChange={onChange} />
          <SizeCapField idBase={id} field={field} value={value} onChange={onChange} />
          <FolderField rowId={id} field={field} value={value.folder} onChange={(f) => setVariant(id, 'folder', f)} />
          <PatternField
            idBase={id}
            field={field}
            pattern={value.pattern}
            format={value.format}
            pickFormat={value.pickFormat}
            folder={value.folder}
            size={{ width: value.width, height: value.height }}
            tokens={false}
            onChange={(p) => setVariant(id, 'pattern', p)}
          />
        </div>
      )}
    </li>
  );
}

interface SideFieldProps {
  rowId: string;
  field: string;
  side: 'width' | 'height';
  value: number | undefined;
  onChange(value: number | undefined): void;
}

/** Width or height of the box the output is fitted inside; empty: no limit on that side. */
function SideField({ rowId, field, side, value, onChange }: SideFieldProps) {
  const id = rowControlId(rowId, side);
  const state = useFieldState(`${field}.${side}`, id);
  return (
    <div className="field">
      <label htmlFor={id}>{side === 'width' ? 'Width' : 'Height'}</label>
      <div className="number-field-inputs">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={1}
          max={65535}
          step={1}
          placeholder="any"
          value={numberFieldText(value)}
          aria-invalid={state.invalid || undefined}
          aria-describedby={state.describedBy}
          onChange={(e) => {
            const n = parseNumberField(e.target.value);
            onChange(Number.isNaN(n) ? undefined : n);
          }}
        />
        <span className="unit">px</span>
      </div>
      <FieldMessage field={`${field}.${side}`} id={state.errorId} />
    </div>
  );
}

interface FolderFieldProps {
  rowId: string;
  field: string;
  value: string | undefined;
  onChange(value: string | undefined): void;
}

/** The row's sub-folder of the output folder; empty: the output folder itself. */
function FolderField({ rowId, field, value, onChange }: FolderFieldProps) {
  const id = rowControlId(rowId, 'folder');
  const state = useFieldState(`${field}.folder`, id);
  return (
    <div className="field">
      <label htmlFor={id}>Sub-folder</label>
      <input
        id={id}
        type="text"
        spellCheck={false}
        placeholder="none"
        value={value ?? ''}
        aria-invalid={state.invalid || undefined}
        aria-describedby={state.describedBy}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      />
      <FieldMessage field={`${field}.folder`} id={state.errorId} />
    </div>
  );
}
