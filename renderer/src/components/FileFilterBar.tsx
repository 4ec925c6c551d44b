// Which files the list shows, by status, each choice with its count. Choices with no file are left
// out (All always stays, and so does the one chosen), so the bar fits the narrow column.
import { useAppStore } from '../store';
import { FILTER_LABELS, type FileFilter, tallyFiles } from '../store/files-slice';

const FILTERS = Object.keys(FILTER_LABELS) as FileFilter[];

export function FileFilterBar() {
  const version = useAppStore((s) => s.filesVersion);
  const filter = useAppStore((s) => s.fileFilter);
  const setFilter = useAppStore((s) => s.setFileFilter);
  const { counts } = tallyFiles(version);
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
