// The run bar along the window's bottom edge: Start, Pause and Cancel with what still blocks
// Start, the batch in one line with its bar, and, once it ends, the way to its problems.
import { OverallProgress } from './OverallProgress';
import { RunBarProblems } from './RunBarProblems';
import { RunControls, RunMessage } from './RunControls';

export function RunPanel() {
  return (
    <section className="run-bar" aria-labelledby="run-heading">
      <h2 id="run-heading" className="visually-hidden">
        Run
      </h2>
      <RunControls />
      <div className="run-progress">
        <RunMessage />
        <OverallProgress />
      </div>
      <RunBarProblems />
    </section>
  );
}
