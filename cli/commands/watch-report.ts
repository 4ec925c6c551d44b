// What `pixmill watch` prints: a line per burst ("10:42:03  3 processed, 1 up to date → out/"),
// what happens to the watched folders, and the totals when it stops.
import type { BatchSummary, SkipReason } from '../../common/events.js';
import { plural } from '../../common/format.js';
import { displayPath } from '../report.js';

const SKIP_WORDS: Record<SkipReason, string> = {
  'up-to-date': 'up to date',
  resumed: 'finished by an interrupted run',
  exists: 'skipped (output exists)',
  larger: 'skipped (output would be larger)',
  'own-output': 'skipped (made by Pixmill)',
  renamed: 'renamed (output renamed to match)',
};

/** Everything the watch's batches did, added up. */
export interface WatchTotals {
  batches: number;
  processed: number;
  failed: number;
  skippedFor: Record<SkipReason, number>;
  notImages: number;
}

export const emptyWatchTotals = (): WatchTotals => ({
  batches: 0,
  processed: 0,
  failed: 0,
  skippedFor: { 'up-to-date': 0, resumed: 0, exists: 0, larger: 0, 'own-output': 0, renamed: 0 },
  notImages: 0,
});

export function addBatch(totals: WatchTotals, s: BatchSummary): void {
  totals.batches++;
  totals.processed += s.processed;
  totals.failed += s.failed;
  for (const reason of Object.keys(totals.skippedFor) as SkipReason[])
    totals.skippedFor[reason] += s.skippedFor[reason] ?? 0;
  totals.notImages += s.ignored['not-image'] ?? 0;
}

function counts(t: Omit<WatchTotals, 'batches'>): string {
  const parts = [`${t.processed} processed`];
  for (const [reason, n] of Object.entries(t.skippedFor)) if (n) parts.push(`${n} ${SKIP_WORDS[reason as SkipReason]}`);
  if (t.notImages) parts.push(`${plural(t.notImages, 'not an image', 'not images')}`);
  if (t.failed) parts.push(`${t.failed} failed`);
  return parts.join(', ');
}

const clock = (at: Date): string => at.toTimeString().slice(0, 8);

/** "10:42:03  3 processed, 1 up to date → out/", or "… (cancelled)" for a batch the stop cut short. */
export function burstLine(s: BatchSummary, outDir: string, at = new Date()): string {
  const one = { ...emptyWatchTotals(), processed: s.processed, failed: s.failed, skippedFor: s.skippedFor };
  const line = `${clock(at)}  ${counts({ ...one, notImages: s.ignored['not-image'] ?? 0 })} → ${displayPath(outDir)}/`;
  return s.cancelled ? `${line} (cancelled)` : line;
}

/** "Stopped after 3 batches: 12 processed, 3 up to date, 1 failed → out/". */
export function totalsLine(t: WatchTotals, outDir: string): string {
  return `Stopped after ${plural(t.batches, 'batch', 'batches')}: ${counts(t)} → ${displayPath(outDir)}/`;
}

/** "Watching 2 folders for new images… (Ctrl-C to stop)". */
export function watchingLine(folders: number, files: number): string {
  const what = [folders ? plural(folders, 'folder') : '', files ? plural(files, 'file') : ''].filter(Boolean);
  return `Watching ${what.join(' and ')} for new images… (Ctrl-C to stop)`;
}

export const goneLine = (root: string): string =>
  `${displayPath(root)} is gone (unmounted, deleted or renamed); waiting for it to come back…`;

export const backLine = (root: string): string =>
  `${displayPath(root)} is back; what changed while it was away is done.`;
