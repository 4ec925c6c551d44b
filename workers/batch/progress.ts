// Counts a batch's files and turns the counts into progress events: coalesced to one per
// interval (the UI and the terminal need no more), with throughput and time left.
import type {
  BatchSummary,
  FileErrorRow,
  FileIgnoredRow,
  FileWarningRow,
  IgnoreReason,
  Progress,
  SkipReason,
} from '../../common/events.js';

/**
 * Throughput is the files a worker finished over this trailing window (or since the first job
 * started, when that is shorter): long enough to smooth out files finishing in clumps, short
 * enough to follow a change of pace. Files that needed no work (up to date, resumed, ignored)
 * are not throughput: a burst of them says nothing about the time the rest will take.
 */
const RATE_WINDOW_MS = 10_000;
/** Before this many files were processed, a time left would be a guess. */
const ETA_AFTER = 3;

interface RootCounts {
  path: string;
  /** Images seen by the look-ahead count, which runs ahead of dispatch to give a total early. */
  counted: number;
  countDone: boolean;
  /** Images the dispatching scan has handed to the pool (plus scan errors): the final word. */
  dispatched: number;
  scanDone: boolean;
  processed: number;
  failed: number;
  skipped: number;
  /** Files answered without processing (not images, hidden). */
  ignored: number;
}

export class ProgressTracker {
  private readonly roots: RootCounts[];
  readonly errors: FileErrorRow[] = [];
  readonly warnings: FileWarningRow[] = [];
  readonly ignoredFiles: FileIgnoredRow[] = [];
  readonly ignored: Record<IgnoreReason, number> = { 'not-image': 0, hidden: 0, 'empty-folder': 0, duplicate: 0 };
  processed = 0;
  failed = 0;
  skipped = 0;
  resumed = 0;
  readonly skippedFor: Record<SkipReason, number> = {
    'up-to-date': 0,
    resumed: 0,
    exists: 0,
    larger: 0,
    'own-output': 0,
    renamed: 0,
  };
  bytesIn = 0;
  bytesOut = 0;
  paused = false;
  private readonly startedAt: number;
  private pausedMs = 0;
  private pausedAt = 0;
  /** Completion times (active ms) of recently processed files, oldest first, for the trailing rate. */
  private readonly recent: number[] = [];
  /** Files that went through a worker, and when (active ms) the first started and the last ended. */
  private worked = 0;
  private firstStart: number | undefined;
  private lastEnd: number | undefined;

  /** `now`: a clock in milliseconds, injectable so that tests control time. */
  constructor(
    inputs: readonly string[],
    private readonly now: () => number = () => performance.now(),
  ) {
    this.startedAt = now();
    this.roots = inputs.map((path) => ({
      path,
      counted: 0,
      countDone: false,
      dispatched: 0,
      scanDone: false,
      processed: 0,
      failed: 0,
      skipped: 0,
      ignored: 0,
    }));
  }

  private found(r: RootCounts): number {
    return r.scanDone ? r.dispatched : Math.max(r.counted, r.dispatched);
  }

  get total(): number {
    return this.roots.reduce((n, r) => n + this.found(r), 0);
  }

  /** True once every root's total is known (by the look-ahead count or the scan itself). */
  get totalKnown(): boolean {
    return this.roots.every((r) => r.countDone || r.scanDone);
  }

  /** Milliseconds the batch has been running, pauses excluded. */
  activeMs(now = this.now()): number {
    return now - this.startedAt - this.pausedMs - (this.paused ? now - this.pausedAt : 0);
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    const now = this.now();
    if (paused) this.pausedAt = now;
    else this.pausedMs += now - this.pausedAt;
    this.paused = paused;
  }

  counted(root: number): void {
    this.roots[root]!.counted++;
  }

  countDone(root: number): void {
    this.roots[root]!.countDone = true;
  }

  dispatched(root: number): void {
    this.roots[root]!.dispatched++;
  }

  scanDone(root: number): void {
    this.roots[root]!.scanDone = true;
  }

  done(root: number, bytesIn: number, bytesOut: number): void {
    this.processed++;
    this.roots[root]!.processed++;
    this.bytesIn += bytesIn;
    this.bytesOut += bytesOut;
    this.workEnded();
  }

  /** A job is handed to a worker: processing time starts with the first. */
  started(): void {
    this.firstStart ??= this.activeMs();
  }

  /** A processed file's warnings: counted once per file, however many it has. */
  warn(row: FileWarningRow): void {
    this.warnings.push(row);
  }

  /** `worked`: a worker processed the file before it was skipped (the name was taken at commit). */
  skip(root: number, reason: SkipReason, worked = false): void {
    if (reason === 'resumed') this.resumed++;
    this.skippedFor[reason]++;
    this.skipped++;
    this.roots[root]!.skipped++;
    if (worked) this.workEnded();
  }

  /** `worked`: the file failed in a worker, which spent time on it. */
  fail(row: FileErrorRow, counted: boolean, worked = false): void {
    this.errors.push(row);
    this.failed++;
    // Scan errors (unreadable folder, symlink loop) were never dispatched, but are rows all the same.
    if (!counted) this.roots[row.root]!.dispatched++;
    this.roots[row.root]!.failed++;
    if (worked) this.workEnded();
  }

  /** A file answered without processing; an empty dropped folder is a row but no file. */
  ignore(row: FileIgnoredRow): void {
    this.ignoredFiles.push(row);
    this.ignored[row.reason]++;
    if (row.reason !== 'empty-folder') this.roots[row.root]!.ignored++;
  }

  private workEnded(): void {
    const now = this.activeMs();
    this.firstStart ??= now;
    this.lastEnd = now;
    this.worked++;
    this.recent.push(now);
    this.dropOld(now);
  }

  private dropOld(now: number): void {
    while (this.recent.length > 0 && now - this.recent[0]! >= RATE_WINDOW_MS) this.recent.shift();
  }

  /** Files processed per second over the trailing window, 0 before any. */
  rate(now = this.activeMs()): number {
    if (this.firstStart === undefined || this.worked === 0) return 0;
    this.dropOld(now);
    const span = now - Math.max(this.firstStart, now - RATE_WINDOW_MS);
    return span > 0 ? (this.recent.length * 1000) / span : 0;
  }

  /** `running`: the files the batch has in hand, which only it can see (see Progress). */
  snapshot(running: number): Progress {
    const active = this.activeMs();
    const finished = this.processed + this.failed + this.skipped;
    const imagesPerSecond = this.rate(active);
    const left = this.total - finished;
    return {
      processed: this.processed,
      failed: this.failed,
      skipped: this.skipped,
      total: this.total,
      scanDone: this.totalKnown,
      bytesIn: this.bytesIn,
      bytesOut: this.bytesOut,
      elapsedSeconds: active / 1000,
      imagesPerSecond,
      etaSeconds:
        this.totalKnown && this.worked >= ETA_AFTER && imagesPerSecond > 0 ? Math.max(0, left) / imagesPerSecond : null,
      paused: this.paused,
      running,
      roots: this.roots.map((r) => ({
        path: r.path,
        found: this.found(r),
        processed: r.processed,
        failed: r.failed,
        skipped: r.skipped,
        ignored: r.ignored,
        scanDone: r.countDone || r.scanDone,
      })),
    };
  }

  /** Processed files ÷ the processing time, from the first job's start to the last one's end. */
  private processingRate(): number {
    if (this.firstStart === undefined || this.lastEnd === undefined) return 0;
    const ms = this.lastEnd - this.firstStart;
    return ms > 0 ? (this.processed * 1000) / ms : 0;
  }

  summary(cancelled: boolean): BatchSummary {
    return {
      processed: this.processed,
      failed: this.failed,
      skipped: this.skipped,
      total: this.total,
      seconds: this.activeMs() / 1000,
      bytesIn: this.bytesIn,
      bytesOut: this.bytesOut,
      cancelled,
      resumed: this.resumed,
      upToDate: this.skippedFor['up-to-date'],
      skippedFor: { ...this.skippedFor },
      imagesPerSecond: this.processingRate(),
      errors: this.errors,
      warned: this.warnings.length,
      warnings: this.warnings,
      files: this.total + this.ignored['not-image'] + this.ignored.hidden,
      ignored: { ...this.ignored },
      ignoredFiles: this.ignoredFiles,
    };
  }
}
