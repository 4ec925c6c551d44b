// Start, Pause/Resume and Cancel, with the reason when a start is refused or the spec is invalid.
import { useAppStore } from '../store';
import { isBatchActive } from '../store/run-slice';
import { useSpecCheck } from '../store/use-spec-check';

/** Fields with their own control show their message there; anything else is shown here. */
const FIELDS_WITH_CONTROLS = /^(output\.|steps\.\d+\.params\.)/;

export function RunControls() {
  const status = useAppStore((s) => s.status);
  const runError = useAppStore((s) => s.runError);
  const startBatch = useAppStore((s) => s.startBatch);
  const pauseBatch = useAppStore((s) => s.pauseBatch);
  const resumeBatch = useAppStore((s) => s.resumeBatch);
  const cancelBatch = useAppStore((s) => s.cancelBatch);
  const check = useSpecCheck();
  const active = isBatchActive(status);
  const orphanMessage = !check.ok && !FIELDS_WITH_CONTROLS.test(check.field) ? check.message : null;

  return (
    <div className="run-controls">
      <div className="button-row">
        <button type="button" className="primary" disabled={active || !check.ok} aria-describedby={!check.ok ? 'start-blocked' : undefined} onClick={() => void startBatch()}>
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
        <button type="button" className="danger" disabled={status !== 'running' && status !== 'paused'} onClick={() => void cancelBatch()}>
          {status === 'cancelling' ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
      {!check.ok && (
        <p className="hint text-error" id="start-blocked">
          Start is disabled until the settings are valid ({check.field}).
        </p>
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
