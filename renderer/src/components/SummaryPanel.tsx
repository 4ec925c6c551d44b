// How the batch ended, in one line of the run bar, and the way to its results.
import { useState } from 'react';
import { call, refusalText } from '../lib/bridge';
import { summaryLine, summaryTone } from '../lib/run-status';
import { useAppStore } from '../store';
import { ProgressBar } from './ProgressBar';
import { TuningLine } from './TuningLine';

export function SummaryPanel() {
  const summary = useAppStore((s) => s.summary);
  const outDir = useAppStore((s) => s.runOutDir);
  const [openError, setOpenError] = useState('');
  if (!summary) return null;
  const { head, counts, sizes } = summaryLine(summary);
  const tone = summaryTone(summary);
  const settled = summary.processed + summary.failed + summary.skipped;

  const openOutput = async (): Promise<void> => {
    const result = await call((api) => api.shellOpenPath({ path: outDir }));
    setOpenError(result.ok ? '' : refusalText(result));
  };

  return (
    <div className="overall">
      <div className="summary-row">
        <p className={`summary summary-${tone}`} data-testid="summary">
          <strong className="summary-head">{head}</strong> · {counts}
          {sizes && <span className="summary-sizes"> · {sizes}</span>}
        </p>
        <button type="button" disabled={!outDir} onClick={() => void openOutput()}>
          Open output folder
        </button>
      </div>
      {openError ? (
        <p className="field-message">{openError}</p>
      ) : (
        <ProgressBar
          value={settled}
          max={summary.total}
          tone={tone === 'done' ? 'done' : tone === 'cancelled' ? 'normal' : 'warning'}
          label="Overall progress"
          testId="overall-progress"
        />
      )}
      <TuningLine />
    </div>
  );
}
