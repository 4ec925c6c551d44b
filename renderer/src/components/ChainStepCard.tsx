// One step of the chain: its header (enable, reorder, remove) and its generated parameter controls.
import { FILTERS } from '../../../common/filters';
import type { ParamSpec } from '../../../common/params';
import { isParamVisible } from '../lib/param-values';
import { useAppStore } from '../store';
import type { ChainStep } from '../store/pipeline-slice';
import { ParamControl } from './ParamControl';

interface ChainStepCardProps {
  entry: ChainStep;
  index: number;
  last: boolean;
}

export function ChainStepCard({ entry, index, last }: ChainStepCardProps) {
  const { id, step } = entry;
  const removeStep = useAppStore((s) => s.removeStep);
  const moveStep = useAppStore((s) => s.moveStep);
  const toggleStep = useAppStore((s) => s.toggleStep);
  const setParam = useAppStore((s) => s.setParam);
  const filter = FILTERS[step.op];
  const descriptions: [string, ParamSpec][] = Object.entries(filter.params as Record<string, ParamSpec>);
  const values = step.params as Readonly<Record<string, unknown>>;
  const headingId = `${id}-heading`;

  return (
    <li
      className={`chain-step${step.enabled ? '' : ' chain-step-disabled'}`}
      data-testid="chain-step"
      aria-labelledby={headingId}
    >
      <div className="chain-step-head">
        <span className="step-number" aria-hidden="true">
          {index + 1}
        </span>
        <div className="chain-step-title">
          <h3 id={headingId}>{filter.label}</h3>
          <p className="muted">{filter.description}</p>
        </div>
        <label className="check toggle">
          <input type="checkbox" checked={step.enabled} onChange={(e) => toggleStep(id, e.target.checked)} />
          Enabled
        </label>
        <div className="row-actions">
          <button
            type="button"
            className="icon-button"
            aria-label="Move up"
            title="Move up"
            disabled={index === 0}
            onClick={() => moveStep(id, -1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Move down"
            title="Move down"
            disabled={last}
            onClick={() => moveStep(id, 1)}
          >
            ↓
          </button>
          <button
            type="button"
            className="icon-button danger"
            aria-label="Remove"
            title="Remove"
            onClick={() => removeStep(id)}
          >
            ×
          </button>
        </div>
      </div>
      {descriptions.length > 0 && (
        <div className="params">
          {descriptions
            .filter(([, spec]) => isParamVisible(spec, values))
            .map(([name, spec]) => (
              <ParamControl
                key={name}
                spec={spec}
                value={values[name]}
                field={`steps.${index}.params.${name}`}
                onChange={(value) => setParam(id, name, value)}
              />
            ))}
        </div>
      )}
    </li>
  );
}
