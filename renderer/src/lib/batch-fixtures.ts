// Engine events as the window's tests build them: every field at its empty value, the test
// setting only what it is about. One home, so a new field of Progress or BatchSummary is added once.
import type { BatchSummary, Progress } from '../../../common/events';

export const progressOf = (over: Partial<Progress> = {}): Progress => ({
  processed: 0,
  failed: 0,
  skipped: 0,
  total: 0,
  scanDone: true,
  bytesIn: 0,
  bytesOut: 0,
  elapsedSeconds: 0,
  imagesPerSecond: 0,
  etaSeconds: null,
  paused: false,
  running: 0,
  roots: [],
  ...over,
});

export const summaryOf = (over: Partial<BatchSummary> = {}): BatchSummary => ({
  processed: 0,
  failed: 0,
  skipped: 0,
  total: 0,
  seconds: 0,
  bytesIn: 0,
  bytesOut: 0,
  cancelled: false,
  resumed: 0,
  upToDate: 0,
  skippedFor: { 'up-to-date': 0, resumed: 0, exists: 0, larger: 0, 'own-output': 0, renamed: 0 },
  imagesPerSecond: 0,
  errors: [],
  warned: 0,
  warnings: [],
  files: 0,
  ignored: { 'not-image': 0, hidden: 0, 'empty-folder': 0, duplicate: 0 },
  ignoredFiles: [],
  ...over,
});
