// The right column's top: run controls, the overall progress and, at the end, the summary.
import { OverallProgress } from './OverallProgress';
import { RunControls } from './RunControls';
import { SummaryPanel } from './SummaryPanel';

export function RunPanel() {
  return (
    <section className="panel run-panel" aria-labelledby="run-heading">
      <header className="panel-header">
        <h2 id="run-heading">Run</h2>
      </header>
      <RunControls />
      <OverallProgress />
      <SummaryPanel />
    </section>
  );
}
