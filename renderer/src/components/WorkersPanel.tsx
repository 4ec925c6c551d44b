// How many workers, and what kind. Each mode says in one sentence what it trades.
import { useId } from 'react';
import { WORKER_MODES, type WorkerMode } from '../../../common/concurrency';
import { useAppStore } from '../store';
import { effectiveWorkers } from '../store/settings-slice';
import { useSettingsLocked } from '../store/use-settings-locked';
import { LockedNote } from './LockedNote';
import { NumberField } from './NumberField';

const MODES: Record<WorkerMode, { label: string; tradeoff: string }> = {
  processes: {
    label: 'Processes',
    tradeoff: 'A crash in one image cannot take down the app; costs a little memory per worker. The safe default.',
  },
  threads: {
    label: 'Threads',
    tradeoff: 'Cheaper to start and they share memory, but a crash in the image library stops the whole batch.',
  },
  inline: {
    label: 'Inline',
    tradeoff: "The image library's own threads in one process: the simplest baseline.",
  },
};

export function WorkersPanel() {
  const workers = useAppStore((s) => s.workers);
  const appInfo = useAppStore((s) => s.appInfo);
  const mode = useAppStore((s) => s.mode);
  const locked = useSettingsLocked();
  const noteId = useId();
  const setWorkers = useAppStore((s) => s.setWorkers);
  const setMode = useAppStore((s) => s.setMode);
  const maxWorkers = appInfo?.maxWorkers ?? 64;
  const count = effectiveWorkers(workers, appInfo);

  return (
    <section className="settings-section" aria-labelledby="workers-heading">
      <header className="panel-header">
        <h3 id="workers-heading">Workers</h3>
        {appInfo && <span className="muted">{appInfo.cores} cores</span>}
      </header>
      <p className="settings-why">
        How many images are made at once, and how: more workers finish sooner until every core is busy.
      </p>
      {locked && <LockedNote id={noteId} />}
      <fieldset className="plain-fieldset" disabled={locked} aria-describedby={locked ? noteId : undefined}>
        <NumberField
          label="Workers"
          value={count}
          min={1}
          max={maxWorkers}
          step={1}
          onChange={(v) => setWorkers(Number.isFinite(v) ? Math.round(Math.min(maxWorkers, Math.max(1, v))) : 0)}
        />
        <p className="hint muted">
          {workers === 0 ? 'One per core (default).' : `1 to ${maxWorkers}; one per core is usually fastest.`}
        </p>
      </fieldset>
      <fieldset className="mode-group" disabled={locked} aria-describedby={locked ? noteId : undefined}>
        <legend>Run them as</legend>
        {WORKER_MODES.map((value) => (
          <div key={value} className={`mode-option${mode === value ? ' mode-option-selected' : ''}`}>
            <label className="mode-label">
              <input
                type="radio"
                name="worker-mode"
                value={value}
                checked={mode === value}
                aria-describedby={`mode-${value}-tradeoff`}
                onChange={() => setMode(value)}
              />
              {MODES[value].label}
            </label>
            <p className="mode-tradeoff" id={`mode-${value}-tradeoff`}>
              {MODES[value].tradeoff}
            </p>
          </div>
        ))}
      </fieldset>
    </section>
  );
}
