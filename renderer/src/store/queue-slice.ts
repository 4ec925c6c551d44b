// The folders and files waiting to be processed, in the order the batch will take them.
import { call } from '../lib/bridge';
import type { SliceCreator } from './app-state';
import { fileIndex } from './file-index';

export type QueueKind = 'folder' | 'file';

export interface QueueItem {
  path: string;
  kind: QueueKind;
  /** Images found so far; null until the first count arrives. */
  count: number | null;
  counting: boolean;
  /** Why counting failed (e.g. the folder is gone); the batch will report it too. */
  problem: string | null;
}

export interface QueueSlice {
  queue: QueueItem[];
  /** Adds paths not already queued; returns the ones that were new, so the caller can count them. */
  addToQueue(entries: readonly { path: string; kind: QueueKind }[]): string[];
  removeFromQueue(path: string): void;
  moveInQueue(path: string, delta: -1 | 1): void;
  applyCount(update: { path: string; count: number; done: boolean }): void;
  markCountFailed(path: string, problem: string): void;
}

export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [moved] = next.splice(index, 1);
  if (moved !== undefined) next.splice(target, 0, moved);
  return next;
}

export const createQueueSlice: SliceCreator<QueueSlice> = (set, get) => {
  // The file index follows the queue: a removed path's files go, a move changes which copy of a
  // duplicate is processed.
  const reorder = (): void => {
    if (fileIndex.setOrder(get().queue.map((item) => item.path))) set((s) => ({ filesVersion: s.filesVersion + 1 }));
  };
  return {
    queue: [],
    addToQueue(entries) {
      const known = new Set(get().queue.map((item) => item.path));
      const added: QueueItem[] = [];
      for (const { path, kind } of entries) {
        if (!path || known.has(path)) continue;
        known.add(path);
        added.push({ path, kind, count: null, counting: true, problem: null });
      }
      if (added.length > 0) set((s) => ({ queue: [...s.queue, ...added] }));
      reorder();
      return added.map((item) => item.path);
    },
    removeFromQueue(path) {
      set((s) => ({
        queue: s.queue.filter((item) => item.path !== path),
        selectedFile: s.selectedFile && fileIndex.rootFiles(path)?.byPath.has(s.selectedFile) ? null : s.selectedFile,
      }));
      reorder();
      // A listing still streaming for it is no longer wanted.
      void call((api) => api.queueForget({ path }));
    },
    moveInQueue(path, delta) {
      set((s) => ({
        queue: moveItem(
          s.queue,
          s.queue.findIndex((item) => item.path === path),
          delta,
        ),
      }));
      reorder();
    },
    applyCount({ path, count, done }) {
      set((s) => ({
        queue: s.queue.map((item) =>
          item.path === path ? { ...item, count, counting: item.counting && !done } : item,
        ),
      }));
    },
    markCountFailed(path, problem) {
      set((s) => ({
        queue: s.queue.map((item) => (item.path === path ? { ...item, counting: false, problem } : item)),
      }));
    },
  };
};
