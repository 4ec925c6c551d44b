// A file's status in words, with a coloured dot beside it (the words carry the meaning; the dot
// only helps the eye), and the saving or growth of its output.
import type { FileEntry, FileStatus as Status } from '../store/file-index';

const LABELS: Record<Status, string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  warning: 'Warning',
  skipped: 'Skipped',
  failed: 'Failed',
  ignored: 'Not processed',
  duplicate: 'Duplicate',
};

export function statusLabel(status: Status, paused: boolean, file?: FileEntry): string {
  if (status === 'running' && paused) return 'Paused';
  if (status === 'ignored' && file?.reason === 'hidden') return 'Hidden';
  if (status === 'ignored' && file?.reason === 'not-image') return 'Not an image';
  return LABELS[status];
}

export function FileStatus({ status, paused, file }: { status: Status; paused: boolean; file?: FileEntry }) {
  const shown = status === 'running' && paused ? 'paused' : status;
  return (
    <span className={`file-status status-${shown}`} data-testid="file-status">
      <span className="status-dot" aria-hidden="true" />
      {statusLabel(status, paused, file)}
    </span>
  );
}

/** "−62 %" for an output smaller than its original, "+8 %" for a larger one. */
export function savingText(bytesIn: number, bytesOut: number): string {
  if (bytesIn <= 0) return '';
  const pct = Math.round(((bytesOut - bytesIn) / bytesIn) * 100);
  if (pct === 0) return '±0 %';
  return pct < 0 ? `\u2212${-pct} %` : `+${pct} %`;
}
