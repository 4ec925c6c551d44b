// Counts a batch's files and turns the counts into progress events: coalesced to one per
// interval (the UI and the terminal need no more), with throughput and time left.
import type {
  BatchSummary,
  FileErrorRow,
  FileIgnoredRow,
  FileWarningRow,
  IgnoreReason,
  Progress,
} from '../../common/events.js';

/** Throughput is measured over this trailing window, so a slow start does not skew the ETA. */
const RATE_WINDOW_MS = 10_000;

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
  readonly ignored: Record<IgnoreReason, number> = { 'not-image': 0, hidden: 0, 'empty-folder': 0 };
  processed = 0;
  failed = 0;
  skipped = 0;
  resumed = 0;
  bytesIn = 0;
  bytesOut = 0;
  paused = false;
  private readonly started = performance.now();
  private pausedMs = 0;
  private pausedAt = 0;
  /** Completion times (active ms) of recent files, oldest first, for the trailing rate. */
  private readonly recent: number[] = [];

  constructor(inputs: readonly string[]) {
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
  activeMs(now = performance.now()): number {
    return now - this.started - this.pausedMs - (this.paused ? now - this.pausedAt : 0);
  }

  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    const now = performance.now();
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
    this.tick();
  }

  /** A processed file's warnings: counted once per file, however many it has. */
  warn(row: FileWarningRow): void {
    this.warnings.push(row);
  }

  skip(root: number, resumed = false): void {
    if (resumed) this.resumed++;
    this.skipped++;
    this.roots[root]!.skipped++;
    this.tick();
  }

  fail(row: FileErrorRow, counted: boolean): void {
    this.errors.push(row);
    this.failed++;
    // Scan errors (unreadable folder, symlink loop) were never dispatched, but are rows all the same.
    if (!counted) this.roots[row.root]!.dispatched++;
    this.roots[row.root]!.failed++;
    this.tick();
  }

  /** A file answered without processing; an empty dropped folder is a row but no file. */
  ignore(row: FileIgnoredRow): void {
    this.ignoredFiles.push(row);
    this.ignored[row.reason]++;
    if (row.reason !== 'empty-folder') this.roots[row.root]!.ignored++;
  }

  private tick(): void {
    const now = this.activeMs();
    this.recent.push(now);
    while (this.recent.length > 2 && now - this.recent[0]! > RATE_WINDOW_MS) this.recent.shift();
  }

  /** `running`: the files the batch has in hand, which only it can see (see Progress). */
  snapshot(running: number): Progress {
    const active = this.activeMs();
    const finished = this.processed + this.failed + this.skipped;
    const window = this.recent.length >= 2 ? active - this.recent[0]! : active;
    const inWindow = this.recent.length >= 2 ? this.recent.length - 1 : finished;
    const imagesPerSecond = window > 0 ? (inWindow * 1000) / window : 0;
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
      etaSeconds: this.totalKnown && imagesPerSecond > 0 ? left / imagesPerSecond : null,
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
      errors: this.errors,
      warned: this.warnings.length,
      warnings: this.warnings,
      files: this.total + this.ignored['not-image'] + this.ignored.hidden,
      ignored: { ...this.ignored },
      ignoredFiles: this.ignoredFiles,
    };
  }
}
