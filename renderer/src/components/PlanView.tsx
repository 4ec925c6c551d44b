// The plan before Start, in the middle of the window where the preview was: how many files are
// new, changed, up to date, renamed, conflicting, skipped, ignored or failed (each a filter), what
// Start would do in one sentence, and the tree of every file and where its output goes. It says
// so when the recipe, the queue or the output folder changed since it was made.
import { useEffect, useRef } from 'react';
import { PLAN_STATUSES } from '../../../common/ipc';
import { splitPath } from '../lib/format';
import { PLAN_STATUS_LABELS, planOutcome } from '../lib/plan-words';
import { count, countOf } from '../lib/run-status';
import { useAppStore } from '../store';
import { type PlanFilter, planIndex } from '../store/plan-index';
import { isPlanStale } from '../store/plan-slice';
import { PlanTree } from './PlanTree';

const FILTERS: readonly PlanFilter[] = ['all', ...PLAN_STATUSES];

function PlanChips() {
  // The index's live tally while the rows stream in; the engine's own totals once it is done.
  useAppStore((s) => s.planVersion);
  const totals = useAppStore((s) => s.planTotals);
  const filter = useAppStore((s) => s.planFilter);
  const setFilter = useAppStore((s) => s.setPlanFilter);
  const statuses = totals?.statuses ?? planIndex.counts;
  const all = Object.values(statuses).reduce((a, b) => a + b, 0);
  return (
    <fieldset className="file-filter plan-chips" aria-label="Show files by status">
      {FILTERS.map((f) => {
        const n = f === 'all' ? all : statuses[f];
        return (
          <button
            key={f}
            type="button"
            className={`plan-chip plan-chip-${f}${n === 0 ? ' plan-chip-empty' : ''}`}
            aria-pressed={filter === f}
            data-testid="plan-count"
            data-status={f}
            data-count={n}
            onClick={() => setFilter(f)}
          >
            {f !== 'all' && <span className={`status-dot plan-dot-${f}`} aria-hidden="true" />}
            {f === 'all' ? 'All' : PLAN_STATUS_LABELS[f]} <span className="filter-count">{count(n)}</span>
          </button>
        );
      })}
    </fieldset>
  );
}

function PlanStatusLine() {
  const state = useAppStore((s) => s.planState);
  const planned = useAppStore((s) => s.planCount);
  const totals = useAppStore((s) => s.planTotals);
  const error = useAppStore((s) => s.planError);
  if (state === 'failed')
    return (
      <p className="field-message" role="alert" data-testid="plan-status">
        {error}
      </p>
    );
  const text =
    state === 'planning'
      ? `Planning… ${countOf(planned, 'file')}`
      : totals
        ? `${countOf(planned, 'file')} planned. ${planOutcome(totals)}${totals.sizedNames ? ' Names with a width or height are finished when each file is made.' : ''}`
        : 'The plan was stopped before it was finished.';
  return (
    <p className={`plan-line${state === 'planning' ? ' plan-line-busy' : ''}`} data-testid="plan-status">
      {text}
    </p>
  );
}

export function PlanView() {
  const state = useAppStore((s) => s.planState);
  const stale = useAppStore((s) => s.planState !== 'none' && isPlanStale(s.planBasis, s));
  const outDir = useAppStore((s) => s.planBasis?.outDir ?? '');
  const check = useAppStore((s) => s.checkPlan);
  const cancel = useAppStore((s) => s.cancelPlan);
  const setView = useAppStore((s) => s.setView);
  const heading = useRef<HTMLHeadingElement>(null);

  // Opened from the run bar, the view takes the focus, so the keyboard lands on the plan.
  useEffect(() => heading.current?.focus(), []);

  const close = (): void => {
    void cancel();
    setView('batch');
  };

  return (
    <section
      className="panel plan-panel"
      aria-labelledby="plan-heading"
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.preventDefault();
        close();
      }}
    >
      <header className="panel-header">
        <h2 id="plan-heading" ref={heading} tabIndex={-1}>
          Plan
          {outDir && <span className="muted plan-into"> into {splitPath(outDir).name}</span>}
        </h2>
        <div className="button-row">
          {state === 'planning' ? (
            <button type="button" onClick={() => void cancel()}>
              Stop
            </button>
          ) : (
            <button type="button" className={stale ? 'primary-outline' : undefined} onClick={() => void check()}>
              Check again
            </button>
          )}
          <button type="button" onClick={close} aria-keyshortcuts="Escape">
            Close
          </button>
        </div>
      </header>
      {stale && (
        <p className="plan-stale" role="status" data-testid="plan-stale">
          The recipe, the queue or the output folder changed since this plan was made: it may no longer be what Start
          would do.
        </p>
      )}
      <PlanStatusLine />
      {state !== 'failed' && <PlanChips />}
      <PlanTree />
    </section>
  );
}
