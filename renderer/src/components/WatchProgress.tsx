// The run bar while a watch runs: what is watched and what it last did, in one line, and the bar
// of the burst being processed (a calm, empty bar between bursts).
import { watchLine, watchTargets } from '../lib/watch-line';
import { useAppStore } from '../store';
import { ProgressBar } from './ProgressBar';

export function WatchProgress() {
  const queue = useAppStore((s) => s.queue);
  const progress = useAppStore((s) => s.progress);
  const ready = useAppStore((s) => s.watchReady);
  const last = useAppStore((s) => s.watchLast);
  const gone = useAppStore((s) => s.watchGone.length);
  const stopping = useAppStore((s) => s.status === 'stopping');
  const errors = useAppStore((s) => s.errors.length);
  const line = watchLine({ targets: watchTargets(queue), ready, stopping, progress, last, gone });
  const settled = progress ? progress.processed + progress.failed + progress.skipped : 0;
  return (
    <div className="overall">
      <p className="run-line run-line-watching" data-testid="run-status">
        <span className="watch-dot" aria-hidden="true" />
        {line}
      </p>
      <ProgressBar
        value={settled}
        max={progress?.total ?? 0}
        growing={progress ? !progress.scanDone : false}
        tone={errors > 0 ? 'warning' : 'normal'}
        label="Watch: the images arriving now"
        testId="overall-progress"
      />
    </div>
  );
}
