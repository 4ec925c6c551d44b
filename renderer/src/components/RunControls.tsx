// Start, Pause/Resume and Cancel, and beside Start what still keeps it from being pressed.
import { useEffect } from 'react';
import { useAppStore } from '../store';
import { isBatchActive, isWatching } from '../store/run-slice';
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
  const watchOn = useAppStore((s) => s.watchOn);
  const setWatchOn = useAppStore((s) => s.setWatchOn);
  const startWatching = useAppStore((s) => s.startWatching);
  const stopWatching = useAppStore((s) => s.stopWatching);
  const checkPlan = useAppStore((s) => s.checkPlan);
  const blockers = useStartBlockers();
  const active = isBatchActive(status);
  const watching = isWatching(status);
  const blocked = blockers.length > 0;
  const start = watchOn ? startWatching : startBatch;

  // Ctrl+Enter (Cmd+Enter on a Mac) starts from anywhere in the window, as Start would.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.defaultPrevented) return;
      e.preventDefault();
      if (!blocked && !active) void start();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [blocked, active, start]);

  return (
    <div className="run-controls">
      <div className="run-buttons">
        {/* aria-disabled rather than disabled while blocked: Start stays reachable by keyboard
            and reads out its reasons, which a disabled button would hide. */}
        {watching ? (
          <button
            type="button"
            className="danger run-stop"
            disabled={status === 'stopping'}
            onClick={() => void stopWatching()}
          >
            {status === 'stopping' ? 'Stopping…' : 'Stop'}
          </button>
        ) : (
          <button
            type="button"
            className="primary run-start"
            disabled={active}
            aria-disabled={blocked || undefined}
            aria-describedby={blocked ? START_BLOCKED_ID : undefined}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            onClick={() => {
              if (!blocked) void start();
            }}
          >
            {watchOn ? 'Start watching' : 'Start'}
          </button>
        )}
        {active &&
          !watching &&
          (status === 'paused' ? (
            <button type="button" onClick={() => void resumeBatch()}>
              Resume
            </button>
          ) : (
            <button type="button" disabled={status !== 'running'} onClick={() => void pauseBatch()}>
              Pause
            </button>
          ))}
        {active && !watching && (
          <button
            type="button"
            className="danger"
            disabled={status === 'cancelling'}
            onClick={() => void cancelBatch()}
          >
            {status === 'cancelling' ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
        {!active && (
          <button
            type="button"
            className="run-plan"
            aria-disabled={blocked || undefined}
            aria-describedby={blocked ? START_BLOCKED_ID : undefined}
            title="What Start would do to each file, before anything is written"
            onClick={() => {
              if (!blocked) void checkPlan();
            }}
          >
            Check plan
          </button>
        )}
      </div>
      <label className={`watch-toggle${active ? ' watch-toggle-locked' : ''}`}>
        <input
          type="checkbox"
          role="switch"
          checked={watchOn || watching}
          aria-checked={watchOn || watching}
          disabled={active}
          onChange={(e) => setWatchOn(e.target.checked)}
          aria-describedby="watch-hint"
        />
        Watch
        <span id="watch-hint" className="visually-hidden">
          Keep the queued folders watched and process new or changed images as they arrive
        </span>
      </label>
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
