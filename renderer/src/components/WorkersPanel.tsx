// How many workers, and what kind, and the memory they may take. Each mode says in one sentence
// what it trades; with Auto the count is a ceiling the engine stays under.
import { useId } from 'react';
import { BATCH_MODES, type BatchMode } from '../../../common/concurrency';
import { useAppStore } from '../store';
import { effectiveWorkers } from '../store/settings-slice';
import { useSettingsLocked } from '../store/use-settings-locked';
import { LockedNote } from './LockedNote';
import { MemoryBudgetField } from './MemoryBudgetField';
import { NumberField } from './NumberField';
import { SharedQueueField } from './SharedQueueField';

const MODES: Record<BatchMode, { label: string; tradeoff: string }> = {
  auto: {
    label: 'Auto',
    tradeoff:
      'Measures your first images and keeps choosing the kind and number of workers; the run bar says what it chose.',
  },
  processes: {
    label: 'Processes',
    tradeoff: 'A crash in one image cannot take down the app; costs a little memory per worker.',
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
  const count = effectiveWorkers(workers, appInfo, mode);
  const auto = mode === 'auto';
  const hintId = useId();

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
          prefix={auto ? 'at most' : undefined}
          value={count}
          min={1}
          max={maxWorkers}
          step={1}
          describedBy={hintId}
          onChange={(v) => setWorkers(Number.isFinite(v) ? Math.round(Math.min(maxWorkers, Math.max(1, v))) : 0)}
        />
        <p className="hint muted" id={hintId}>
          {workersHint(auto, workers, count, maxWorkers)}
        </p>
        <MemoryBudgetField />
      </fieldset>
      <fieldset className="mode-group" disabled={locked} aria-describedby={locked ? noteId : undefined}>
        <legend>Run them as</legend>
        {BATCH_MODES.map((value) => (
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
      <fieldset className="plain-fieldset" disabled={locked} aria-describedby={locked ? noteId : undefined}>
        <SharedQueueField />
      </fieldset>
    </section>
  );
}

function workersHint(auto: boolean, workers: number, count: number, maxWorkers: number): string {
  if (auto)
    return `Auto runs at most ${count} at once${workers === 0 ? ' (one per core, the default)' : ''}, fewer when that is faster.`;
  return workers === 0 ? 'One per core (default).' : `1 to ${maxWorkers}; one per core is usually fastest.`;
}
