// "4 problems" in the run bar: opens the problem list as a drawer above the bar, over the preview,
// so the list is there when wanted and out of the way when not. Esc or the button closes it and
// the focus goes back to the button.
import { useEffect, useRef, useState } from 'react';
import type { FileIgnoredRow } from '../../../common/events';
import { problemsLabel } from '../lib/run-status';
import { useAppStore } from '../store';
import { ErrorPanel } from './ErrorPanel';

const NO_ROWS: readonly FileIgnoredRow[] = [];
const DRAWER_ID = 'problems-drawer';

export function RunBarProblems() {
  const errors = useAppStore((s) => s.errors.length);
  const warnings = useAppStore((s) => s.warnings.reduce((n, row) => n + row.warnings.length, 0));
  const passedOver = useAppStore((s) => s.summary?.ignoredFiles ?? NO_ROWS).length;
  const batchId = useAppStore((s) => s.batchId);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const drawer = useRef<HTMLDivElement>(null);
  const label = problemsLabel(errors + warnings, passedOver);

  // A new batch starts with the drawer shut; its rows are not the last batch's.
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing is the point of a new id
  useEffect(() => setOpen(false), [batchId]);
  useEffect(() => {
    if (open) drawer.current?.focus();
  }, [open]);

  if (!label) return null;
  const close = (): void => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div className="run-problems">
      <button
        ref={button}
        type="button"
        className={errors > 0 ? 'problems-button problems-error' : 'problems-button'}
        aria-expanded={open}
        aria-controls={DRAWER_ID}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {label}
      </button>
      {open && (
        <div
          ref={drawer}
          id={DRAWER_ID}
          className="problems-drawer popover"
          role="dialog"
          aria-labelledby="problems-heading"
          tabIndex={-1}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.stopPropagation();
            close();
          }}
        >
          <ErrorPanel headingId="problems-heading" />
          <button type="button" className="problems-close" onClick={close}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
