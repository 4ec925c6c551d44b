// The file list's state in the store: a version number for the file index (which lives outside
// React state, see file-index.ts), and which files the list shows.
import type { EngineEvent } from '../../../common/events';
import type { EventMap } from '../../../common/ipc';
import type { SliceCreator } from './app-state';
import { type FileEntry, type FileStatus, fileIndex } from './file-index';

export type FileFilter = 'all' | 'failed' | 'warning' | 'skipped' | 'done' | 'passed';

export const FILTER_LABELS: Record<FileFilter, string> = {
  all: 'All',
  failed: 'Failed',
  warning: 'Warnings',
  skipped: 'Skipped',
  done: 'Done',
  passed: 'Not processed',
};

const FILTER_OF: Record<FileStatus, FileFilter | null> = {
  queued: null,
  running: null,
  done: 'done',
  warning: 'warning',
  skipped: 'skipped',
  failed: 'failed',
  ignored: 'passed',
  duplicate: 'passed',
};

/** What the list shows for a file: a duplicate is known at queue time, before any batch says so. */
export function effectiveStatus(file: FileEntry): FileStatus {
  return file.status === 'queued' && fileIndex.isDuplicate(file) ? 'duplicate' : file.status;
}

export function matchesFilter(file: FileEntry, filter: FileFilter): boolean {
  return filter === 'all' || FILTER_OF[effectiveStatus(file)] === filter;
}

export interface FileTally {
  /** Files per filter choice. */
  counts: Record<FileFilter, number>;
  /** Images another queued item brings first. */
  duplicates: number;
}

let tallied: { version: number; tally: FileTally } | null = null;

/** One pass over every file per version of the index, shared by whoever asks. */
export function tallyFiles(version: number): FileTally {
  if (tallied?.version === version) return tallied.tally;
  const counts: Record<FileFilter, number> = { all: 0, failed: 0, warning: 0, skipped: 0, done: 0, passed: 0 };
  let duplicates = 0;
  for (const file of fileIndex.allFiles()) {
    const status = effectiveStatus(file);
    counts.all++;
    const filter = FILTER_OF[status];
    if (filter) counts[filter]++;
    if (status === 'duplicate' && file.kind === 'image') duplicates++;
  }
  tallied = { version, tally: { counts, duplicates } };
  return tallied.tally;
}

export interface FilesSlice {
  /** Moves whenever the file index changed: components that show files select it. */
  filesVersion: number;
  fileFilter: FileFilter;
  setFileFilter(filter: FileFilter): void;
  /** Applies coalesced listing updates: the files, and each queued path's image count. */
  applyListing(updates: readonly EventMap['queue:files'][]): void;
  /** Applies a batch's per-file events to the file index. */
  applyFileEvents(id: string, events: readonly EngineEvent[]): void;
}

export const createFilesSlice: SliceCreator<FilesSlice> = (set, get) => ({
  filesVersion: 0,
  fileFilter: 'all',
  setFileFilter: (filter) => set({ fileFilter: filter }),
  applyListing(updates) {
    const queued = new Set(get().queue.map((item) => item.path));
    fileIndex.setOrder(get().queue.map((item) => item.path));
    for (const update of updates) {
      // A listing that finishes after its path was removed from the queue is not shown.
      if (!queued.has(update.path)) continue;
      fileIndex.addListed(update.path, update.files, update.done);
      get().applyCount({ path: update.path, count: update.count, done: update.done });
    }
    set((s) => ({ filesVersion: s.filesVersion + 1 }));
  },
  applyFileEvents(id, events) {
    if (events.length === 0) return;
    const gained = fileIndex.applyBatch(id, get().runInputs, events);
    // Files a watch met after the listing count as the folder's images from now on.
    for (const [path, n] of gained) {
      const item = get().queue.find((q) => q.path === path);
      if (item) get().applyCount({ path, count: (item.count ?? 0) + n, done: true });
    }
    set((s) => ({ filesVersion: s.filesVersion + 1 }));
  },
});
