// What the CLI prints about a batch: one line per failed file and per warning, a closing summary
// for people, and the single JSON object `--json` promises scripts.
import { relative } from 'node:path';
import type { BatchSummary, FileErrorRow, FileWarningRow } from '../common/events.js';
import { formatBytes, plural } from '../common/format.js';
import type { FileWarning } from '../common/warnings.js';

/** The `--json` summary; its fields are documented in the README and only ever added to. */
export interface JsonSummary {
  processed: number;
  failed: number;
  skipped: number;
  total: number;
  seconds: number;
  errors: { file: string; code: string; message: string }[];
  /** Processed files that have warnings (counted in `processed`). */
  warned: number;
  warnings: { file: string; output: string; warnings: FileWarning[] }[];
}

/** Paths below the working folder are shown relative: shorter, and what the person typed. */
function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

export function formatFailure(row: Pick<FileErrorRow, 'file' | 'code' | 'message'>): string {
  return `✗ ${displayPath(row.file)} — ${row.code}: ${row.message}`;
}

/** One line per warning, e.g. `! photos/logo.png — ALPHA_FLATTENED: Transparency was filled with white …`. */
export function formatWarnings(row: Pick<FileWarningRow, 'file' | 'warnings'>): string[] {
  return row.warnings.map((w) => `! ${displayPath(row.file)} — ${w.code}: ${w.message}`);
}

export function jsonSummary(s: BatchSummary): JsonSummary {
  return {
    processed: s.processed,
    failed: s.failed,
    skipped: s.skipped,
    total: s.total,
    seconds: Math.round(s.seconds * 1000) / 1000,
    errors: s.errors.map((e) => ({ file: e.file, code: e.code, message: e.message })),
    warned: s.warned,
    warnings: s.warnings.map((w) => ({
      file: w.file,
      output: w.output,
      warnings: w.warnings.map(({ code, message }) => ({ code, message })),
    })),
  };
}

export function humanSummary(s: BatchSummary, outDir: string): string {
  const head = s.cancelled ? 'Cancelled' : 'Done';
  const parts = [`${s.processed} processed`];
  if (s.resumed) parts.push(`${s.resumed} already done by an interrupted earlier run`);
  if (s.skipped - s.resumed) parts.push(`${s.skipped - s.resumed} skipped`);
  if (s.warned) parts.push(`${s.warned} with warnings`);
  if (s.failed) parts.push(`${s.failed} failed`);
  const rate = s.seconds > 0 ? ` (${(s.processed / s.seconds).toFixed(1)} images/s)` : '';
  const lines = [
    `${head}: ${parts.join(', ')} of ${plural(s.total, 'image')} in ${s.seconds.toFixed(1)} s${rate} → ${displayPath(outDir)}`,
  ];
  if (s.bytesIn > 0 && s.processed > 0) lines.push(`Read ${formatBytes(s.bytesIn)}, wrote ${formatBytes(s.bytesOut)}.`);
  if (s.warned) lines.push(`${plural(s.warned, 'file')} lost something on the way (warnings listed above).`);
  if (s.failed) lines.push(`${plural(s.failed, 'file')} could not be processed (listed above).`);
  return lines.join('\n');
}
