// The files a finished batch passed over (not images, hidden, images another queued item already
// brings) and the dropped folders that hold none, each with its reason, folded under one line of the summary.
import type { BatchSummary } from '../../../common/events';
import { plural } from '../../../common/format';
import { splitPath } from '../lib/format';

/** Rows drawn at most: a folder of 50,000 sidecar files needs its count, not 50,000 list items. */
const SHOWN = 500;

export function IgnoredList({ summary }: { summary: BatchSummary }) {
  const { ignored, ignoredFiles } = summary;
  const emptyFolders = ignoredFiles.filter((row) => row.reason === 'empty-folder');
  const files = ignoredFiles.filter((row) => row.reason !== 'empty-folder');
  const counts = [
    ignored['not-image'] > 0 ? plural(ignored['not-image'], 'not an image', 'not images') : '',
    ignored.hidden > 0 ? `${ignored.hidden} hidden` : '',
    ignored.duplicate > 0 ? plural(ignored.duplicate, 'duplicate') : '',
  ].filter(Boolean);
  return (
    <>
      {emptyFolders.map((row) => (
        <p key={row.file} data-testid="summary-empty-folder">
          <strong>{splitPath(row.file).name}</strong>: {row.message}
        </p>
      ))}
      {files.length > 0 && (
        <details className="ignored-files" data-testid="summary-ignored">
          <summary>{counts.join(', ')} — see list</summary>
          <ul style={{ maxHeight: 200, overflowY: 'auto', margin: 0 }}>
            {files.slice(0, SHOWN).map((row) => {
              const { name, folder } = splitPath(row.file);
              return (
                <li key={row.file} title={row.file}>
                  {name} <span className="muted">{folder}</span> — {row.message}
                </li>
              );
            })}
          </ul>
          {files.length > SHOWN && <p className="muted">… and {files.length - SHOWN} more.</p>}
        </details>
      )}
    </>
  );
}
