// After "Responsive web" filled the outputs list: what it did, and one Undo that brings back the
// list (and manifest) it replaced.
import { plural } from '../../../common/format';
import { useAppStore } from '../store';

/** The "Responsive web" button's id: Undo and Dismiss hand the focus back to it. */
export const RESPONSIVE_ID = 'outputs-responsive';

export function OutputsFillUndo() {
  const filled = useAppStore((s) => s.filledOutputs);
  const count = useAppStore((s) => s.outputRows.length);
  const undo = useAppStore((s) => s.undoFillOutputs);
  const dismiss = useAppStore((s) => s.dismissFillOutputs);
  const back = (action: () => void) => (): void => {
    action();
    document.getElementById(RESPONSIVE_ID)?.focus();
  };
  return (
    <div role="status" className="preset-undo-region">
      {filled && (
        <p className="preset-undo">
          <span>
            <strong>{filled.label}</strong>: {plural(count, 'output')}
          </span>
          <span aria-hidden="true"> · </span>
          <button type="button" className="link-button" onClick={back(undo)}>
            Undo
          </button>
          <button
            type="button"
            className="icon-button small"
            aria-label="Dismiss"
            title="Dismiss"
            onClick={back(dismiss)}
          >
            ×
          </button>
        </p>
      )}
    </div>
  );
}
