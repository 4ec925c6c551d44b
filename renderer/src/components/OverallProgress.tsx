// The whole batch at a glance: one bar, counts, speed, elapsed and time left.
import { formatDuration, formatRate } from '../../../common/format';
import { useAppStore } from '../store';
import { statusLabel } from '../store/run-slice';
import { ProgressBar } from './ProgressBar';

export function OverallProgress() {
  const progress = useAppStore((s) => s.progress);
  const status = useAppStore((s) => s.status);
  const summary = useAppStore((s) => s.summary);
  const processed = progress?.processed ?? summary?.processed ?? 0;
  const failed = progress?.failed ?? summary?.failed ?? 0;
  const skipped = progress?.skipped ?? summary?.skipped ?? 0;
  const total = summary?.total ?? progress?.total ?? 0;
  const settled = summary ? summary.processed + summary.failed + summary.skipped : processed + failed + skipped;
  const scanning = progress ? !progress.scanDone && !summary : false;
  const eta =
    status === 'finished' ? 'done' : progress?.etaSeconds == null ? 'estimating…' : formatDuration(progress.etaSeconds);

  return (
    <div className="overall">
      <div className="overall-head">
        <span className="overall-count">
          <strong>{settled}</strong> / {total}
          {scanning ? '+ (still scanning)' : ''}
        </span>
        <span className={`state state-${status}`}>{statusLabel(status, progress)}</span>
      </div>
      <ProgressBar
        value={settled}
        max={total}
        growing={scanning}
        tone={failed > 0 ? 'warning' : status === 'finished' ? 'done' : 'normal'}
        label="Overall progress"
        testId="overall-progress"
      />
      <dl className="stats">
        <div>
          <dt>Processed</dt>
          <dd>{processed}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd className={failed > 0 ? 'text-error' : undefined}>{failed}</dd>
        </div>
        <div>
          <dt>Skipped</dt>
          <dd>{skipped}</dd>
        </div>
        <div>
          <dt>Speed</dt>
          <dd>{progress ? `${formatRate(progress.imagesPerSecond)} img/s` : '–'}</dd>
        </div>
        <div>
          <dt>Elapsed</dt>
          <dd>{progress ? formatDuration(summary?.seconds ?? progress.elapsedSeconds) : '–'}</dd>
        </div>
        <div>
          <dt>Time left</dt>
          <dd>{status === 'idle' ? '–' : eta}</dd>
        </div>
      </dl>
    </div>
  );
}
