// Start, Pause/Resume and Cancel, and beside Start what still keeps it from being pressed.
import { useEffect } from 'react';
import { useAppStore } from '../store';
import { isBatchActive } from '../store/run-slice';
import { useSpecCheck } from '../store/use-spec-check';
import { useStartBlockers } from '../store/use-start-blockers';
import { RunBarBlockers } from './RunBarBlockers';

/** Fields with their own control show their message there; anything else is shown here. */
const FIELDS_WITH_CONTROLS = /^(output\.|steps\.\d+\.params\.)/;

const START_BLOCKED_ID = 'start-blocked';

export function RunControls() {
  const status = useAppStore((s) => s.status);
  const startBatch = useAppStore((s) => s.startBatch);
  const pauseBatch = useAppStore((s) => s.pauseBatch);
  const resumeBatch = useAppStore((s) => s.resumeBatch);
  const cancelBatch = useAppStore((s) => s.cancelBatch);
  const blockers = useStartBlockers();
  const active = isBatchActive(status);
  const blocked = blockers.length > 0;

  // Ctrl+Enter (Cmd+Enter on a Mac) starts from anywhere in the window, as Start would.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.defaultPrevented) return;
      e.preventDefault();
      if (!blocked && !active) void startBatch();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [blocked, active, startBatch]);

  return (
    <div className="run-controls">
      <div className="run-buttons">
        {/* aria-disabled rather than disabled while blocked: Start stays reachable by keyboard
            and reads out its reasons, which a disabled button would hide. */}
        <button
          type="button"
          className="primary run-start"
          disabled={active}
          aria-disabled={blocked || undefined}
          aria-describedby={blocked ? START_BLOCKED_ID : undefined}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          onClick={() => {
            if (!blocked) void startBatch();
          }}
        >
          Start
        </button>
        {active &&
          (status === 'paused' ? (
            <button type="button" onClick={() => void resumeBatch()}>
              Resume
            </button>
          ) : (
            <button type="button" disabled={status !== 'running'} onClick={() => void pauseBatch()}>
              Pause
            </button>
          ))}
        {active && (
          <button
            type="button"
            className="danger"
            disabled={status === 'cancelling'}
            onClick={() => void cancelBatch()}
          >
            {status === 'cancelling' ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      {blocked && <RunBarBlockers blockers={blockers} id={START_BLOCKED_ID} />}
    </div>
  );
}

/**
 * Why Start (or Pause, Resume, Cancel) was refused, or a setting that has no control of its own to
 * show its message: above the batch's line, where the run bar has the width for it.
 */
export function RunMessage() {
  const runError = useAppStore((s) => s.runError);
  const check = useSpecCheck();
  const orphanMessage = !check.ok && !FIELDS_WITH_CONTROLS.test(check.field) ? check.message : null;
  const message = runError ?? orphanMessage;
  if (!message) return null;
  return (
    <p className="run-message field-message" role="alert" title={message}>
      <span>{message}</span>
    </p>
  );
}
