// Picks any filter from the registry and appends it to the chain with its default parameters.
import { useId, useState } from 'react';
import { FILTER_OPS, FILTERS, type FilterOp } from '../../../common/filters';
import { ADD_STEP_ID } from '../lib/start-blockers';
import { useAppStore } from '../store';

export function AddFilter() {
  const descriptionId = useId();
  const [op, setOp] = useState<FilterOp>('resize');
  const addStep = useAppStore((s) => s.addStep);
  return (
    <div className="add-filter">
      <div className="field">
        <label htmlFor={ADD_STEP_ID}>Filter to add</label>
        <select
          id={ADD_STEP_ID}
          value={op}
          aria-describedby={descriptionId}
          onChange={(e) => setOp(FILTER_OPS.find((o) => o === e.target.value) ?? op)}
        >
          {FILTER_OPS.map((value) => (
            <option key={value} value={value} title={FILTERS[value].description}>
              {FILTERS[value].label}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="primary-outline" onClick={() => addStep(op)}>
        Add filter
      </button>
      <p className="hint add-filter-description" id={descriptionId}>
        {FILTERS[op].description}
      </p>
    </div>
  );
}
