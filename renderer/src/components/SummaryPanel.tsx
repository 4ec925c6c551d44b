// What the finished batch did, and the way to its results.

import { useState } from 'react';
import { formatBytes, formatDuration } from '../../../common/format';
import { call, refusalText } from '../lib/bridge';
import { useAppStore } from '../store';
import { IgnoredList } from './IgnoredList';

export function SummaryPanel() {
  const summary = useAppStore((s) => s.summary);
  const outDir = useAppStore((s) => s.runOutDir);
  const [openError, setOpenError] = useState('');
  if (!summary) return null;
  const saved = summary.bytesIn > 0 ? Math.round((1 - summary.bytesOut / summary.bytesIn) * 100) : 0;

  const openOutput = async (): Promise<void> => {
    const result = await call((api) => api.shellOpenPath({ path: outDir }));
    setOpenError(result.ok ? '' : refusalText(result));
  };

  return (
    <div className={`summary${summary.failed + summary.warned > 0 ? ' summary-warning' : ''}`} data-testid="summary">
      <h3>
        {summary.cancelled
          ? 'Batch cancelled'
          : summary.failed > 0
            ? 'Finished with errors'
            : summary.warned > 0
              ? 'Finished with warnings'
              : 'Finished'}
      </h3>
      <p>
        <strong>{summary.processed}</strong> processed, <strong>{summary.failed}</strong> failed,{' '}
        <strong>{summary.skipped}</strong> skipped of {summary.files} {summary.files === 1 ? 'file' : 'files'}
        {summary.files !== summary.total && ` (${summary.total} ${summary.total === 1 ? 'image' : 'images'})`} in{' '}
        {formatDuration(summary.seconds)} ({summary.seconds.toFixed(1)} s).
      </p>
      <IgnoredList summary={summary} />
      {summary.warned > 0 && (
        <p data-testid="summary-warned">
          <strong>{summary.warned}</strong> {summary.warned === 1 ? 'file' : 'files'} with warnings{' '}
          <span className="muted">(processed, but something was lost on the way: see the list)</span>
        </p>
      )}
      {summary.upToDate > 0 && (
        <p data-testid="summary-up-to-date">
          <strong>{summary.upToDate}</strong> up to date{' '}
          <span className="muted">(made by an earlier run with these settings; included in skipped)</span>
        </p>
      )}
      {summary.resumed > 0 && (
        <p>
          <strong>{summary.resumed}</strong> resumed from an earlier run{' '}
          <span className="muted">(included in skipped)</span>
        </p>
      )}
      <p>
        {formatBytes(summary.bytesIn)} in → {formatBytes(summary.bytesOut)} out
        {summary.bytesIn > 0 && (
          <span className="muted"> ({saved >= 0 ? `${saved}% smaller` : `${-saved}% larger`})</span>
        )}
      </p>
      <button type="button" disabled={!outDir} onClick={() => void openOutput()}>
        Open output folder
      </button>
      {openError && <p className="field-message">{openError}</p>}
    </div>
  );
}
