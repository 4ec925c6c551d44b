// Start, Pause/Resume and Cancel, with the reason when a start is refused or the spec is invalid.
import { startBlockers } from '../lib/start-blockers';
import { useAppStore } from '../store';
import { isBatchActive } from '../store/run-slice';
import { useSpecCheck } from '../store/use-spec-check';

/** Fields with their own control show their message there; anything else is shown here. */
const FIELDS_WITH_CONTROLS = /^(output\.|steps\.\d+\.params\.)/;

export function RunControls() {
  const status = useAppStore((s) => s.status);
  const runError = useAppStore((s) => s.runError);
  const queueLength = useAppStore((s) => s.queue.length);
  const outDir = useAppStore((s) => s.outDir);
  const benchmarkRunning = useAppStore((s) => s.benchStatus === 'running' || s.benchStatus === 'cancelling');
  const startBatch = useAppStore((s) => s.startBatch);
  const pauseBatch = useAppStore((s) => s.pauseBatch);
  const resumeBatch = useAppStore((s) => s.resumeBatch);
  const cancelBatch = useAppStore((s) => s.cancelBatch);
  const check = useSpecCheck();
  const active = isBatchActive(status);
  const blockers = active
    ? []
    : startBlockers({ queueLength, outDir, invalidField: check.ok ? null : check.field, benchmarkRunning });
  const blocked = blockers.length > 0;
  const orphanMessage = !check.ok && !FIELDS_WITH_CONTROLS.test(check.field) ? check.message : null;

  return (
    <div className="run-controls">
      <div className="button-row">
        {/* aria-disabled rather than disabled while blocked: Start stays reachable by keyboard
            and reads out its reasons, which a disabled button would hide. */}
        <button
          type="button"
          className="primary"
          disabled={active}
          aria-disabled={blocked || undefined}
          aria-describedby={blocked ? 'start-blocked' : undefined}
          onClick={() => {
            if (!blocked) void startBatch();
          }}
        >
          Start
        </button>
        {status === 'paused' ? (
          <button type="button" onClick={() => void resumeBatch()}>
            Resume
          </button>
        ) : (
          <button type="button" disabled={status !== 'running'} onClick={() => void pauseBatch()}>
            Pause
          </button>
        )}
        <button
          type="button"
          className="danger"
          disabled={status !== 'running' && status !== 'paused'}
          onClick={() => void cancelBatch()}
        >
          {status === 'cancelling' ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
      {blocked && (
        <ul className="start-blockers" id="start-blocked">
          {blockers.map(({ text, kind }) => (
            <li key={text} className={kind === 'invalid' ? 'text-error' : undefined}>
              {text}
            </li>
          ))}
        </ul>
      )}
      {orphanMessage && (
        <p className="field-message" role="alert">
          {orphanMessage}
        </p>
      )}
      {runError && (
        <p className="field-message" role="alert">
          {runError}
        </p>
      )}
    </div>
  );
}
