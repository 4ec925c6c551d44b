// One step of the chain as a card: a header with its name and a one-line summary (the disclosure
// button), a drag handle, the Enabled switch and its actions; the parameter controls when open.
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { KeyboardEvent } from 'react';
import { FILTERS } from '../../../common/filters';
import type { ParamSpec } from '../../../common/params';
import { isParamVisible } from '../lib/param-values';
import { stepSummary } from '../lib/step-summary';
import { useAppStore } from '../store';
import type { ChainStep } from '../store/pipeline-slice';
import { paramControlId, stepToggleId } from '../store/spec';
import { MoveButtons } from './MoveButtons';
import { ParamControl } from './ParamControl';

interface ChainStepCardProps {
  entry: ChainStep;
  index: number;
  last: boolean;
  /** The step's name in control names: its label, with its number when two steps share it. */
  name: string;
  /** A step with an invalid setting stays open, so its message is seen at its field. */
  invalid: boolean;
  onRemove(id: string): void;
}

export function ChainStepCard({ entry, index, last, name, invalid, onRemove }: ChainStepCardProps) {
  const { id, step } = entry;
  const moveStep = useAppStore((s) => s.moveStep);
  const duplicateStep = useAppStore((s) => s.duplicateStep);
  const toggleStep = useAppStore((s) => s.toggleStep);
  const setStepOpen = useAppStore((s) => s.setStepOpen);
  const setParam = useAppStore((s) => s.setParam);
  const sortable = useSortable({ id });
  const filter = FILTERS[step.op];
  const descriptions: [string, ParamSpec][] = Object.entries(filter.params as Record<string, ParamSpec>);
  const values = step.params as Readonly<Record<string, unknown>>;
  const summary = stepSummary(step);
  const open = entry.open || invalid;
  const bodyId = `${id}-body`;

  // Delete on the card's own controls removes it; in a field it keeps its usual meaning.
  const onKeyDown = (e: KeyboardEvent<HTMLElement>): void => {
    if (e.key !== 'Delete' || e.defaultPrevented) return;
    const target = e.target as HTMLElement;
    if (!target.closest('.chain-step-head') || target.closest('input, select, textarea')) return;
    e.preventDefault();
    onRemove(id);
  };

  const classes = [
    'chain-step',
    step.enabled ? '' : 'chain-step-disabled',
    invalid ? 'chain-step-invalid' : '',
    sortable.isDragging ? 'dragging' : '',
  ];
  return (
    <li
      ref={sortable.setNodeRef}
      style={{ transform: CSS.Translate.toString(sortable.transform), transition: sortable.transition }}
      className={classes.filter(Boolean).join(' ')}
      data-testid="chain-step"
      data-op={step.op}
      aria-labelledby={`${id}-name`}
      onKeyDown={onKeyDown}
    >
      <div className="chain-step-head">
        <button
          type="button"
          ref={sortable.setActivatorNodeRef}
          className="drag-handle"
          {...sortable.attributes}
          {...sortable.listeners}
          aria-label={`Reorder ${name}`}
          title="Drag to reorder, or press Space and use the arrow keys"
        >
          <span aria-hidden="true">⠿</span>
        </button>
        <h3 className="chain-step-title">
          <button
            type="button"
            id={stepToggleId(id)}
            className="disclosure"
            aria-expanded={open}
            aria-controls={open ? bodyId : undefined}
            onClick={() => setStepOpen(id, !entry.open)}
          >
            <span className="disclosure-arrow" aria-hidden="true" />
            <span className="step-number" aria-hidden="true">
              {index + 1}
            </span>
            <span className="step-text">
              <span className="step-name" id={`${id}-name`}>
                {filter.label}
              </span>
              {summary && (
                <span className="step-summary">
                  <span aria-hidden="true"> · </span>
                  <span className="visually-hidden">, </span>
                  {summary}
                </span>
              )}
              {!step.enabled && <span className="step-off"> (off)</span>}
            </span>
          </button>
        </h3>
        <div className="chain-step-actions">
          <label className="switch" title={step.enabled ? 'Turn this step off' : 'Turn this step on'}>
            <input
              type="checkbox"
              role="switch"
              checked={step.enabled}
              aria-checked={step.enabled}
              aria-label={`Enabled: ${name}`}
              onChange={(e) => toggleStep(id, e.target.checked)}
            />
            <span className="switch-track" aria-hidden="true" />
          </label>
          <MoveButtons name={name} index={index} last={last} onMove={(delta) => moveStep(id, delta)} />
          <button
            type="button"
            className="icon-button"
            aria-label={`Duplicate ${name}`}
            title="Duplicate"
            onClick={() => duplicateStep(id)}
          >
            {/* Two overlapping sheets: no font on every platform has a glyph for "duplicate". */}
            <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
              <rect x="1.5" y="4.5" width="8" height="8" rx="1.5" fill="none" stroke="currentColor" />
              <path
                d="M4.5 2.5V2a1.5 1.5 0 0 1 1.5-1.5h6A1.5 1.5 0 0 1 13.5 2v6A1.5 1.5 0 0 1 12 9.5h-.5"
                fill="none"
                stroke="currentColor"
              />
            </svg>
          </button>
          <button
            type="button"
            className="icon-button danger"
            aria-label={`Remove ${name}`}
            title="Remove (Delete)"
            onClick={() => onRemove(id)}
          >
            ×
          </button>
        </div>
      </div>
      {open && (
        <div className="chain-step-body" id={bodyId}>
          <p className="chain-step-description">{filter.description}</p>
          {descriptions.length > 0 && (
            <div className="params">
              {descriptions
                .filter(([, spec]) => isParamVisible(spec, values))
                .map(([param, spec]) => (
                  <ParamControl
                    key={param}
                    id={paramControlId(id, param)}
                    spec={spec}
                    value={values[param]}
                    field={`steps.${index}.params.${param}`}
                    onChange={(value) => setParam(id, param, value)}
                  />
                ))}
            </div>
          )}
        </div>
      )}
    </li>
  );
}
