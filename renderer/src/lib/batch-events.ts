// One delivery of a batch's coalesced events, folded into what the window keeps: the latest
// progress, the new error rows, the new warning rows, what the auto mode last chose and the
// summary if the batch ended. A batch
// and each burst of a watch arrive the same way.
import type { BatchSummary, EngineEvent, FileErrorRow, FileWarningRow, Progress } from '../../../common/events';
import type { TuningReport } from '../../../common/tuning';

export interface FoldedEvents {
  progress: Progress | null;
  failed: FileErrorRow[];
  warned: FileWarningRow[];
  /** The newest `tuning` event of the delivery, if any. */
  tuning: TuningReport | undefined;
  /** The newest thing a shared batch's queue said (no machine takes the jobs, one cannot see the files). */
  notice: string | undefined;
  summary: BatchSummary | undefined;
}

export function foldBatchEvents(events: readonly EngineEvent[], progress: Progress | null): FoldedEvents {
  const folded: FoldedEvents = {
    progress,
    failed: [],
    warned: [],
    tuning: undefined,
    notice: undefined,
    summary: undefined,
  };
  for (const event of events) {
    if (event.type === 'progress') {
      const { type: _type, ...latest } = event;
      folded.progress = latest;
    } else if (event.type === 'file-failed') {
      const { type: _type, ...row } = event;
      folded.failed.push(row);
    } else if (event.type === 'file-done' && event.warnings?.length) {
      folded.warned.push({ file: event.file, root: event.root, output: event.output, warnings: event.warnings });
    } else if (event.type === 'file-skipped' && event.warnings?.length) {
      // Kept out for being larger: nothing was written, so the row names no output.
      folded.warned.push({ file: event.file, root: event.root, output: '', warnings: event.warnings });
    } else if (event.type === 'queue-notice') {
      folded.notice = event.message;
    } else if (event.type === 'tuning') {
      const { type: _type, ...report } = event;
      folded.tuning = report;
    } else if (event.type === 'summary') {
      const { type: _type, ...final } = event;
      folded.summary = final;
    }
  }
  return folded;
}
