// What the auto mode chose and why, and what the memory budget held back: one quiet line under
// the run bar's progress. The whole sentence is its title, for when the line is cut short.
import { distributedLine, memoryLine, tuningLine } from '../lib/tuning-line';
import { useAppStore } from '../store';

export function TuningLine() {
  const tuning = useAppStore((s) => s.tuning);
  const summary = useAppStore((s) => s.summary);
  const notice = useAppStore((s) => s.queueNotice);
  const memory = summary?.memory ? memoryLine(summary.memory) : null;
  const shared = summary?.distributed ? distributedLine(summary.distributed) : null;
  const parts = [tuning ? tuningLine(tuning, summary !== null) : null, memory, shared, summary ? null : notice].filter(
    (p) => p !== null,
  );
  if (parts.length === 0) return null;
  const text = parts.join(' · ');
  return (
    <p className="run-tuning" data-testid="run-tuning" title={text}>
      {text}
    </p>
  );
}
