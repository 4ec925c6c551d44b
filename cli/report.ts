// What the CLI prints about a batch: one line per failed file and per warning, a closing summary
// for people, and the single JSON object `--json` promises scripts.
import { relative } from 'node:path';
import type {
  BatchSummary,
  EngineEvent,
  FileErrorRow,
  FileWarningRow,
  IgnoreReason,
  SkipReason,
} from '../common/events.js';
import { formatBytes, plural } from '../common/format.js';
import { memoryBudgetText } from '../common/memory-size.js';
import type { ConcreteFormat } from '../common/pipeline.js';
import type { MemoryReport, TuningReport } from '../common/tuning.js';
import type { FileWarning } from '../common/warnings.js';
import {
  type FileOutput,
  formatDone,
  jsonTotals,
  type OutputEntry,
  type OutputTotals,
  outputLines,
  totalsLines,
} from './output-report.js';

/** The `--json` summary; its fields are documented in the README and only ever added to. */
export interface JsonSummary {
  processed: number;
  failed: number;
  skipped: number;
  total: number;
  seconds: number;
  /** Processed images per second of processing time (first job's start to last job's end). */
  imagesPerSecond: number;
  /** Skipped because their output is up to date: same source, same recipe, output intact (in `skipped`). */
  upToDate: number;
  /** `skipped` by reason: up-to-date, resumed (an interrupted run finished it), exists (--conflict skip), larger (--skip-larger). */
  skippedFor: Record<SkipReason, number>;
  /** With several outputs, `outputs` says which of the file's outputs were written before one failed. */
  errors: { file: string; code: string; message: string; outputs?: OutputEntry[] }[];
  /** Processed files that have warnings (counted in `processed`). */
  warned: number;
  warnings: { file: string; output: string; warnings: FileWarning[] }[];
  /** Every file met: the `total` images plus the ignored files. */
  files: number;
  /** Files (and empty dropped folders) answered without processing, by reason. */
  ignored: Record<IgnoreReason, number>;
  ignoredFiles: { file: string; reason: IgnoreReason; message: string }[];
  /** Which source became which output, for each processed file (with each output of a recipe with several). */
  outputs: FileOutput[];
  /** A recipe with several outputs: how many were written, skipped (--skip-larger, --conflict skip) and failed. */
  outputTotals?: { written: number; skipped: number; failed: number };
  /** Quality targets and size caps: what the searched outputs weigh, and what the fixed quality would have written. */
  search?: { outputs: number; bytes: number; bytesAtFixed: number; bytesSaved: number };
  /** Format shoot-outs: how many outputs each format won. */
  shootOutWins?: Partial<Record<ConcreteFormat, number>>;
  /** `--mode auto`: the kind, workers and libvips threads it settled on, why, and each step it tried. */
  tuning?: TuningReport;
  /** The memory budget jobs were admitted against, and how often a job had to wait or run alone. */
  memory?: MemoryReport;
}

/** Paths below the working folder are shown relative: shorter, and what the person typed. */
export function displayPath(file: string): string {
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

/** `--verbose`: what became of a file, e.g. `✓ photos/a.jpg → out/a.webp` (one line an output for several); undefined for other events. */
export function formatAnswer(event: EngineEvent): string | undefined {
  switch (event.type) {
    case 'file-done':
      return formatDone(event);
    case 'file-skipped':
      return [
        `– ${displayPath(event.file)} → ${displayPath(event.output)} (skipped: ${event.reason})`,
        ...outputLines(event.outputs),
      ].join('\n');
    case 'file-ignored':
      return `· ${displayPath(event.file)} — ${event.message}`;
    default:
      return undefined;
  }
}

/** What the run collected beside the summary: the outputs' totals, and the outputs of files that failed. */
export interface RunExtras {
  totals?: OutputTotals;
  failedOutputs?: ReadonlyMap<string, OutputEntry[]>;
}

export function jsonSummary(s: BatchSummary, outputs: FileOutput[] = [], extras: RunExtras = {}): JsonSummary {
  const failedOutputs = (file: string) => {
    const list = extras.failedOutputs?.get(file);
    return list ? { outputs: list } : {};
  };
  return {
    processed: s.processed,
    failed: s.failed,
    skipped: s.skipped,
    total: s.total,
    seconds: Math.round(s.seconds * 1000) / 1000,
    imagesPerSecond: Math.round(s.imagesPerSecond * 100) / 100,
    upToDate: s.upToDate,
    skippedFor: s.skippedFor,
    errors: s.errors.map((e) => ({ file: e.file, code: e.code, message: e.message, ...failedOutputs(e.file) })),
    warned: s.warned,
    warnings: s.warnings.map((w) => ({
      file: w.file,
      output: w.output,
      warnings: w.warnings.map(({ code, message }) => ({ code, message })),
    })),
    files: s.files,
    ignored: s.ignored,
    ignoredFiles: s.ignoredFiles.map(({ file, reason, message }) => ({ file, reason, message })),
    outputs,
    ...(extras.totals ? jsonTotals(extras.totals) : {}),
    ...(s.tuning ? { tuning: s.tuning } : {}),
    ...(s.memory ? { memory: s.memory } : {}),
    ...(s.distributed ? { distributed: s.distributed } : {}),
  };
}

/** "Shared on queue "pixmill" (redis://nas:6379): nas:812 120 images, laptop:77 80 images; …". */
export function distributedLines(s: Pick<BatchSummary, 'distributed'>): string[] {
  const d = s.distributed;
  if (!d || (d.machines.length === 0 && !d.requeued && !d.recovered)) return [];
  const machines = d.machines.map((m) => `${m.machine} ${plural(m.jobs, 'image')}`).join(', ') || 'no machine answered';
  const lines = [`Shared on queue "${d.queue}" (${d.redis}): ${machines}.`];
  if (d.recovered) lines.push(`${plural(d.recovered, 'image')} taken over from a machine that stopped answering.`);
  if (d.requeued) lines.push(`${plural(d.requeued, 'image')} put on the queue again after Redis lost it.`);
  return lines;
}

/** "Auto: 2 processes × 1 libvips thread: …", and what the memory budget held back; nothing when there is nothing to say. */
export function tuningLines(s: Pick<BatchSummary, 'tuning' | 'memory' | 'processed'>): string[] {
  const lines: string[] = [];
  if (s.tuning && s.processed > 0) lines.push(`Auto: ${s.tuning.reason}.`);
  const m = s.memory;
  if (m && (m.heldBack || m.ranAlone)) {
    // In the units --memory-budget takes: 1GB there is 1024 MB.
    const budget = `${memoryBudgetText(m.budgetMb)} memory budget${m.source === 'set' ? '' : ', half the free memory'}`;
    const alone = m.ranAlone ? `; ${plural(m.ranAlone, 'image')} larger than it allows ran alone` : '';
    lines.push(`${plural(m.heldBack, 'image')} waited for memory (${budget})${alone}.`);
  }
  if (m?.recycled)
    lines.push(`${plural(m.recycled, 'worker')} replaced after many images or a large one, to give memory back.`);
  return lines;
}

/** "of 12 files (9 images; 2 not images, 1 hidden)", or "of 9 files" when every file is an image. */
function fileCounts(s: BatchSummary, verbose: boolean): string {
  const ignored = [
    s.ignored['not-image'] ? plural(s.ignored['not-image'], 'not an image', 'not images') : '',
    s.ignored.hidden ? `${s.ignored.hidden} hidden` : '',
  ].filter(Boolean);
  if (ignored.length === 0) return `of ${plural(s.files, 'file')}`;
  const hint = verbose ? '' : ', --verbose lists them';
  return `of ${plural(s.files, 'file')} (${plural(s.total, 'image')}; ${ignored.join(', ')}${hint})`;
}

/** Short batches keep their hundredths: "0.42 s", not "0.4 s"; long ones need no more than tenths. */
function formatSeconds(seconds: number): string {
  return seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1);
}

/** Three significant figures at most: 0.523, 5.23, 52.3, 523. */
export function formatRate(perSecond: number): string {
  return perSecond >= 100 ? perSecond.toFixed(0) : perSecond >= 10 ? perSecond.toFixed(1) : perSecond.toFixed(2);
}

export function humanSummary(s: BatchSummary, outDir: string, verbose = false, totals?: OutputTotals): string {
  const head = s.cancelled ? 'Cancelled' : 'Done';
  const parts = [`${s.processed} processed`];
  if (s.skippedFor['up-to-date']) parts.push(`${s.skippedFor['up-to-date']} up to date (skipped)`);
  if (s.resumed) parts.push(`${s.resumed} already done by an interrupted earlier run`);
  if (s.skippedFor.exists) parts.push(`${s.skippedFor.exists} skipped (output exists)`);
  if (s.skippedFor.larger) parts.push(`${s.skippedFor.larger} skipped (output would be larger)`);
  if (s.skippedFor.renamed) parts.push(`${s.skippedFor.renamed} renamed (output renamed to match, not encoded again)`);
  if (s.skippedFor['own-output'])
    parts.push(`${s.skippedFor['own-output']} skipped (made by Pixmill; --recompress to encode them again)`);
  if (s.warned) parts.push(`${s.warned} with warnings`);
  if (s.failed) parts.push(`${s.failed} failed`);
  const rate = s.processed > 0 && s.imagesPerSecond > 0 ? ` (${formatRate(s.imagesPerSecond)} images/s)` : '';
  const lines = [
    `${head}: ${parts.join(', ')} ${fileCounts(s, verbose)} in ${formatSeconds(s.seconds)} s${rate} → ${displayPath(outDir)}`,
  ];
  if (s.bytesIn > 0 && s.processed > 0) lines.push(`Read ${formatBytes(s.bytesIn)}, wrote ${formatBytes(s.bytesOut)}.`);
  if (totals) lines.push(...totalsLines(totals));
  lines.push(...tuningLines(s), ...distributedLines(s));
  if (s.warned) lines.push(`${plural(s.warned, 'file')} lost something on the way (warnings listed above).`);
  if (s.failed) lines.push(`${plural(s.failed, 'file')} could not be processed (listed above).`);
  for (const row of s.ignoredFiles)
    if (row.reason === 'empty-folder') lines.push(`${displayPath(row.file)}: ${row.message}`);
  return lines.join('\n');
}
