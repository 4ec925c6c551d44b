// Which files the list shows, by status, each choice with its count. Choices with no file are left
// out (All always stays, and so does the one chosen), so the bar fits the narrow column.
import { useMemo } from 'react';
import { useAppStore } from '../store';
import { fileIndex } from '../store/file-index';
import { FILTER_LABELS, type FileFilter, matchesFilter } from '../store/files-slice';

const FILTERS = Object.keys(FILTER_LABELS) as FileFilter[];

export function FileFilterBar() {
  const queue = useAppStore((s) => s.queue);
  const version = useAppStore((s) => s.filesVersion);
  const filter = useAppStore((s) => s.fileFilter);
  const setFilter = useAppStore((s) => s.setFileFilter);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the file index is read in place; its version says when it changed
  const counts = useMemo(() => {
    const c: Record<FileFilter, number> = { all: 0, failed: 0, warning: 0, skipped: 0, done: 0, passed: 0 };
    for (const item of queue)
      for (const file of fileIndex.rootFiles(item.path)?.files ?? []) {
        c.all++;
        for (const f of FILTERS) if (f !== 'all' && matchesFilter(file, f)) c[f]++;
      }
    return c;
  }, [queue, version]);
  const shown = FILTERS.filter((f) => f === 'all' || f === filter || counts[f] > 0);
  if (shown.length < 2 && filter === 'all') return null;
  return (
    <fieldset className="file-filter" aria-label="Show files">
      {shown.map((f) => (
        <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
          {FILTER_LABELS[f]} <span className="filter-count">{counts[f].toLocaleString('en-US')}</span>
        </button>
      ))}
    </fieldset>
  );
}
