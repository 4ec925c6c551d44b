// Every file of the queue, kept out of React state: a folder of 100,000 files would otherwise be
// copied on every update. The index is changed in place as listings and batch events arrive; the
// store holds only a version number that moves when it did, and rows read their file by index.
import type { EngineEvent, IgnoreReason } from '../../../common/events';
import type { ListedFile } from '../../../common/ipc';
import type { EncodingChoice } from '../../../common/job';
import { splitPath } from '../lib/format';
import { type FileOutput, fileOutputs, SKIP_REASONS } from '../lib/output-results';

export type FileStatus = 'queued' | 'running' | 'done' | 'warning' | 'skipped' | 'failed' | 'ignored' | 'duplicate';

export interface FileEntry {
  path: string;
  name: string;
  /** The queued folder or file it came through. */
  root: string;
  kind: ListedFile['kind'];
  size: number | null;
  /** As its header declares (the thumbnail, once made, gives the upright size). */
  width: number | null;
  height: number | null;
  /** Its format by content ("HEIC"), for images. */
  format: string | null;
  /** Duplicates are told by real path: the same image through a link is the same image. */
  key: string;
  reason: IgnoreReason | null;
  status: FileStatus;
  /** The error, warning, skip or ignore reason, in words. */
  message: string | null;
  output: string | null;
  bytesOut: number | null;
  /** A recipe with several outputs: each one's result. */
  outputs: FileOutput[] | null;
  /** How a quality search chose the one output's encoding. */
  encoding: EncodingChoice | null;
}

export interface RootFiles {
  files: FileEntry[];
  byPath: Map<string, FileEntry>;
  done: boolean;
  /** The dropped folder holds no files at all. */
  empty: boolean;
}

function statusOf(file: ListedFile): FileStatus {
  if (file.kind === 'ignored') return file.reason === 'duplicate' ? 'duplicate' : 'ignored';
  return file.kind === 'error' ? 'failed' : 'queued';
}

/** A name's extension as a format label ("JPG"), until the file's own bytes have been read. */
function formatOf(path: string): string {
  const dot = path.lastIndexOf('.');
  const ext = dot > path.lastIndexOf('/') && dot >= 0 ? path.slice(dot + 1).toUpperCase() : '';
  return ({ JPG: 'JPEG', JPE: 'JPEG', TIF: 'TIFF' } as Record<string, string>)[ext] ?? (ext || 'Image');
}

export function duplicateText(via: string): string {
  return `Already queued via ${splitPath(via).name}; processed once.`;
}

export class FileIndex {
  private readonly roots = new Map<string, RootFiles>();
  /** Queue order, as the batch will take it: the first root to bring an image processes it. */
  private order: string[] = [];
  private readonly owners = new Map<string, FileEntry>();
  private batchId: string | null = null;
  private runRoots: string[] = [];

  rootFiles(root: string): RootFiles | undefined {
    return this.roots.get(root);
  }

  /** Sets the queue's roots and order; files of removed roots are dropped. */
  setOrder(order: readonly string[]): boolean {
    if (order.length === this.order.length && order.every((p, i) => p === this.order[i])) return false;
    this.order = [...order];
    for (const root of [...this.roots.keys()]) if (!order.includes(root)) this.roots.delete(root);
    this.rebuildOwners();
    return true;
  }

  addListed(root: string, files: readonly ListedFile[], done: boolean): void {
    let entry = this.roots.get(root);
    if (!entry) {
      entry = { files: [], byPath: new Map(), done: false, empty: false };
      this.roots.set(root, entry);
    }
    for (const file of files) {
      if (file.kind === 'ignored' && file.reason === 'empty-folder') {
        entry.empty = true;
        continue;
      }
      if (entry.byPath.has(file.path)) continue;
      const row: FileEntry = {
        path: file.path,
        name: splitPath(file.path).name,
        root,
        kind: file.kind,
        size: file.kind === 'image' ? file.size : null,
        width: (file.kind === 'image' && file.width) || null,
        height: (file.kind === 'image' && file.height) || null,
        format: file.kind === 'image' ? file.format : null,
        key: (file.kind === 'image' && file.real) || file.path,
        reason: file.kind === 'ignored' ? file.reason : null,
        status: statusOf(file),
        message: file.kind === 'image' ? null : file.message,
        output: null,
        bytesOut: null,
        outputs: null,
        encoding: null,
      };
      entry.files.push(row);
      entry.byPath.set(row.path, row);
      if (row.kind === 'image') this.claim(row);
    }
    entry.done = entry.done || done;
  }

  /** The entry that will be processed for this image's real path, or undefined. */
  ownerOf(file: FileEntry): FileEntry | undefined {
    return this.owners.get(file.key);
  }

  /** The entry of a path, in whichever queued root brought it first. */
  find(path: string): FileEntry | undefined {
    for (const root of this.order) {
      const row = this.roots.get(root)?.byPath.get(path);
      if (row) return row;
    }
    return undefined;
  }

  /** Every file of the queue, in queue order. */
  *allFiles(): Generator<FileEntry> {
    for (const root of this.order) yield* this.roots.get(root)?.files ?? [];
  }

  isDuplicate(file: FileEntry): boolean {
    const owner = this.owners.get(file.key);
    return file.kind === 'image' && owner !== undefined && owner !== file;
  }

  private rank(root: string): number {
    const i = this.order.indexOf(root);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  }

  private claim(row: FileEntry): void {
    const owner = this.owners.get(row.key);
    if (!owner || this.rank(row.root) < this.rank(owner.root)) this.owners.set(row.key, row);
  }

  private rebuildOwners(): void {
    this.owners.clear();
    for (const root of this.order)
      for (const row of this.roots.get(root)?.files ?? [])
        if (row.kind === 'image' && !this.owners.has(row.key)) this.owners.set(row.key, row);
  }

  /**
   * A file the listing never met, which a watch's batch processes: it arrived in a watched folder
   * after the listing ended. It joins its folder's files as an image.
   */
  private arrived(
    root: string,
    event: Exclude<EngineEvent, { type: 'progress' | 'summary' | 'tuning' | 'queue-notice' }>,
  ): FileEntry | undefined {
    if (event.type === 'file-ignored') return undefined;
    const files = this.roots.get(root);
    if (!files) return undefined;
    this.addListed(
      root,
      [{ kind: 'image', path: event.file, size: 0, mtimeMs: 0, format: formatOf(event.file) }],
      false,
    );
    const row = files.byPath.get(event.file);
    if (row) row.size = null;
    return row;
  }

  /**
   * A batch's per-file events: statuses, outputs and messages. A new batch starts every image afresh.
   * Returns how many files each queued root gained (files that arrived after its listing).
   */
  applyBatch(id: string, runInputs: readonly string[], events: readonly EngineEvent[]): Map<string, number> {
    const gained = new Map<string, number>();
    if (id !== this.batchId) {
      this.batchId = id;
      this.runRoots = [...runInputs];
      for (const root of this.roots.values())
        for (const row of root.files) {
          if (row.kind !== 'image') continue;
          Object.assign(row, {
            status: 'queued',
            message: null,
            output: null,
            bytesOut: null,
            outputs: null,
            encoding: null,
          });
        }
    }
    for (const event of events) {
      if (event.type === 'summary') {
        // Cancelled before its turn came: back to waiting, as it was never processed.
        for (const root of this.roots.values())
          for (const row of root.files) if (row.status === 'running') row.status = 'queued';
        continue;
      }
      if (event.type === 'progress' || event.type === 'tuning' || event.type === 'queue-notice') continue;
      const root = this.runRoots[event.root] ?? '';
      let row = this.roots.get(root)?.byPath.get(event.file);
      if (!row) {
        row = this.arrived(root, event);
        if (row) gained.set(root, (gained.get(root) ?? 0) + 1);
      }
      if (!row) continue;
      switch (event.type) {
        case 'file-started':
          row.status = 'running';
          break;
        case 'file-done':
          row.status = event.warnings?.length ? 'warning' : 'done';
          row.message = event.warnings?.map((w) => w.message).join(' ') || null;
          row.output = event.output;
          row.bytesOut = event.bytesOut;
          row.size = event.bytesIn;
          row.outputs = event.outputs ? fileOutputs(event.outputs) : null;
          row.encoding = event.encoding ?? null;
          break;
        case 'file-skipped':
          row.status = 'skipped';
          row.output = event.output;
          // A kept-out file's warning says by how much it would have grown: the row says so too.
          row.message = event.warnings?.[0]?.message ?? SKIP_REASONS[event.reason] ?? 'Skipped.';
          row.outputs = event.outputs ? fileOutputs(event.outputs) : null;
          break;
        case 'file-failed':
          row.status = 'failed';
          row.message = event.message;
          // Which of several outputs were written before one failed.
          row.outputs = event.outputs ? fileOutputs(event.outputs) : null;
          break;
        case 'file-ignored':
          row.status = event.reason === 'duplicate' ? 'duplicate' : 'ignored';
          row.message = event.message;
          break;
      }
    }
    return gained;
  }
}

/** The one index of the window (the store's version number says when it changed). */
export const fileIndex = new FileIndex();
