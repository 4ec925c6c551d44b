// The batch in one line: before it, what is queued; during it, how far, how fast and how long is
// left, with the bar below; after it, the summary.
import type { Progress } from '../../../common/events';
import { idleLine, progressLine, type RunPhase } from '../lib/run-status';
import { useAppStore } from '../store';
import type { AppState } from '../store/app-state';
import { isWatching, type RunStatus, statusLabel } from '../store/run-slice';
import { ProgressBar } from './ProgressBar';
import { SummaryPanel } from './SummaryPanel';
import { TuningLine } from './TuningLine';
import { WatchProgress } from './WatchProgress';

function phaseOf(status: RunStatus, progress: Progress | null): RunPhase {
  if (status === 'cancelling') return 'cancelling';
  if (status === 'paused') return statusLabel(status, progress) === 'paused' ? 'paused' : 'pausing';
  return 'running';
}

const queuedImages = (s: AppState): number => s.queue.reduce((sum, item) => sum + (item.count ?? 0), 0);

function IdleLine() {
  const images = useAppStore(queuedImages);
  const counting = useAppStore((s) => s.queue.some((item) => item.counting));
  const items = useAppStore((s) => s.queue.length);
  return (
    <p className="run-line" data-testid="run-status">
      {idleLine(images, counting, items)}
    </p>
  );
}

export function OverallProgress() {
  const progress = useAppStore((s) => s.progress);
  const status = useAppStore((s) => s.status);
  const summary = useAppStore((s) => s.summary);

  if (isWatching(status)) return <WatchProgress />;
  if (summary) return <SummaryPanel />;
  if (status === 'idle' || status === 'finished') return <IdleLine />;
  const phase = phaseOf(status, progress);
  const settled = progress ? progress.processed + progress.failed + progress.skipped : 0;
  return (
    <div className="overall">
      <p className={`run-line run-line-${phase}`} data-testid="run-status">
        {progressLine(progress, phase)}
      </p>
      <ProgressBar
        value={settled}
        max={progress?.total ?? 0}
        growing={progress ? !progress.scanDone : true}
        tone={progress && progress.failed > 0 ? 'warning' : 'normal'}
        label="Overall progress"
        testId="overall-progress"
      />
      <TuningLine />
    </div>
  );
}
