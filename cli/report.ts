// What the CLI prints about a batch: one line per failed file, a closing summary for people, and
// the single JSON object `--json` promises scripts.
import { relative } from 'node:path';
import type { BatchSummary, FileErrorRow } from '../common/events.js';
import { formatBytes, plural } from '../common/format.js';

export interface JsonSummary {
  processed: number;
  failed: number;
  skipped: number;
  total: number;
  seconds: number;
  errors: { file: string; code: string; message: string }[];
}

/** Paths below the working folder are shown relative: shorter, and what the person typed. */
function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

export function formatFailure(row: Pick<FileErrorRow, 'file' | 'code' | 'message'>): string {
  return `✗ ${displayPath(row.file)} — ${row.code}: ${row.message}`;
}

export function jsonSummary(s: BatchSummary): JsonSummary {
  return {
    processed: s.processed,
    failed: s.failed,
    skipped: s.skipped,
    total: s.total,
    seconds: Math.round(s.seconds * 1000) / 1000,
    errors: s.errors.map((e) => ({ file: e.file, code: e.code, message: e.message })),
  };
}

export function humanSummary(s: BatchSummary, outDir: string): string {
  const head = s.cancelled ? 'Cancelled' : 'Done';
  const parts = [`${s.processed} processed`];
  if (s.resumed) parts.push(`${s.resumed} already done by an interrupted earlier run`);
  if (s.skipped - s.resumed) parts.push(`${s.skipped - s.resumed} skipped`);
  if (s.failed) parts.push(`${s.failed} failed`);
  const rate = s.seconds > 0 ? ` (${(s.processed / s.seconds).toFixed(1)} images/s)` : '';
  const lines = [
    `${head}: ${parts.join(', ')} of ${plural(s.total, 'image')} in ${s.seconds.toFixed(1)} s${rate} → ${displayPath(outDir)}`,
  ];
  if (s.bytesIn > 0 && s.processed > 0) lines.push(`Read ${formatBytes(s.bytesIn)}, wrote ${formatBytes(s.bytesOut)}.`);
  if (s.failed) lines.push(`${plural(s.failed, 'file')} could not be processed (listed above).`);
  return lines.join('\n');
}
