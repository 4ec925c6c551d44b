// The run bar's sentences: what is queued, how far the batch is, and how it ended. Pure, so the
// wording (counts with thousands separators, plurals, rounded times) is tested without a window.
import type { BatchSummary, Progress, SkipReason } from '../../../common/events';
import { formatBytes, pluralNoun } from '../../../common/format';

/** 1204 → "1,204": counts are read, not parsed. */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function countOf(n: number, word: string, pluralWord?: string): string {
  return `${count(n)} ${pluralNoun(n, word, pluralWord)}`;
}

/** 45 → "45 s", 130 → "2 min 10 s", 3725 → "1 h 2 min". */
export function spokenDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
}

/** Time left is an estimate: rounded so it does not tick every second. */
export function timeLeft(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return 'estimating time left';
  if (seconds < 10) return 'a few seconds left';
  if (seconds < 60) return `about ${Math.ceil(seconds / 10) * 10} s left`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min left`;
  return `about ${spokenDuration(Math.round(seconds / 600) * 600)} left`;
}

function rate(perSecond: number): string {
  return perSecond >= 10 ? perSecond.toFixed(0) : perSecond.toFixed(1);
}

/** Before a batch: the images the queue holds so far. */
export function idleLine(images: number, counting: boolean, items: number): string {
  if (items === 0) return 'No images queued';
  if (counting) return images === 0 ? 'Counting images…' : `${countOf(images, 'image')} found so far…`;
  return images === 0 ? 'No images in the queue' : `${countOf(images, 'image')} ready`;
}

export type RunPhase = 'running' | 'pausing' | 'paused' | 'cancelling';

/** "124 of 1,204 images · 3.2 images/s · about 4 min left". */
export function progressLine(progress: Progress | null, phase: RunPhase): string {
  if (!progress) return phase === 'cancelling' ? 'Cancelling…' : 'Starting…';
  const settled = progress.processed + progress.failed + progress.skipped;
  const total = progress.scanDone ? countOf(progress.total, 'image') : `${count(progress.total)}+ images`;
  const where = `${count(settled)} of ${total}`;
  if (phase === 'paused') return `Paused · ${where}`;
  if (phase === 'pausing') return `Pausing… finishing ${countOf(progress.running, 'image')} in hand · ${where}`;
  if (phase === 'cancelling') return `Cancelling… · ${where}`;
  const parts = [where];
  if (progress.imagesPerSecond > 0) parts.push(`${rate(progress.imagesPerSecond)} images/s`);
  parts.push(timeLeft(progress.etaSeconds));
  return parts.join(' · ');
}

const SKIP_WORDS: Record<SkipReason, string> = {
  'up-to-date': 'up to date',
  resumed: 'done earlier',
  exists: 'output exists',
  larger: 'would be larger',
  'own-output': "Pixmill's own outputs",
  renamed: 'renamed, output moved',
};

/** "20 skipped (12 up to date, 8 would be larger)": the reasons, so a skip is never a mystery. */
function skippedPart(summary: BatchSummary): string {
  const reasons = (Object.keys(SKIP_WORDS) as SkipReason[]).filter((r) => (summary.skippedFor[r] ?? 0) > 0);
  const head = `${count(summary.skipped)} skipped`;
  if (reasons.length === 0) return head;
  if (reasons.length === 1) return `${head} (${SKIP_WORDS[reasons[0]!]})`;
  return `${head} (${reasons.map((r) => `${count(summary.skippedFor[r])} ${SKIP_WORDS[r]}`).join(', ')})`;
}

export type SummaryTone = 'done' | 'warning' | 'error' | 'cancelled';

export function summaryTone(summary: BatchSummary): SummaryTone {
  if (summary.cancelled) return 'cancelled';
  if (summary.failed > 0) return 'error';
  return summary.warned > 0 ? 'warning' : 'done';
}

/** "Finished · 1,180 images done, 20 skipped, 4 failed in 2 min 10 s · 288 kB → 205 kB (29% smaller)". */
export function summaryLine(summary: BatchSummary): { head: string; counts: string; sizes: string } {
  const parts = [`${countOf(summary.processed, 'image')} done`];
  if (summary.skipped > 0) parts.push(skippedPart(summary));
  if (summary.failed > 0) parts.push(`${count(summary.failed)} failed`);
  const counts = `${parts.join(', ')} in ${spokenDuration(summary.seconds)}`;
  let sizes = '';
  if (summary.processed > 0 && summary.bytesIn > 0) {
    const change = Math.round((1 - summary.bytesOut / summary.bytesIn) * 100);
    const verdict = change > 0 ? `${change}% smaller` : change < 0 ? `${-change}% larger` : 'same size';
    sizes = `${formatBytes(summary.bytesIn)} → ${formatBytes(summary.bytesOut)} (${verdict})`;
  }
  return { head: summary.cancelled ? 'Cancelled' : 'Finished', counts, sizes };
}

/** What the problems button says: "4 problems", "2 passed over", or both. */
export function problemsLabel(problems: number, passedOver: number): string {
  const parts = [];
  if (problems > 0) parts.push(countOf(problems, 'problem'));
  if (passedOver > 0) parts.push(`${count(passedOver)} passed over`);
  return parts.join(' · ');
}
