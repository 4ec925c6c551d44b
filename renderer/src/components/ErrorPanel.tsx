// Every file that failed, one row each. Virtualised: only the rows in view are in the DOM, so
// 10,000 failures scroll as smoothly as ten.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import { call, refusalText } from '../lib/bridge';
import { errorsToCsv, errorsToTsv } from '../lib/error-table';
import { splitPath } from '../lib/format';
import { useAppStore } from '../store';

const ROW_HEIGHT = 52;

export function ErrorPanel() {
  const errors = useAppStore((s) => s.errors);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState('');
  const virtualizer = useVirtualizer({
    count: errors.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  if (errors.length === 0) return null;

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(errorsToTsv(errors));
      setStatus(`Copied ${errors.length} rows.`);
    } catch (error) {
      setStatus(`Could not copy: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const saveCsv = async (): Promise<void> => {
    const result = await call((api) => api.errorsSaveCsv({ csv: errorsToCsv(errors) }));
    if (!result.ok) setStatus(refusalText(result));
    else setStatus(result.value ? `Saved to ${result.value}` : '');
  };

  return (
    <section className="panel error-panel" aria-labelledby="errors-heading">
      <header className="panel-header">
        <h2 id="errors-heading">
          Errors <span className="badge">{errors.length}</span>
        </h2>
        <div className="button-row compact">
          <button type="button" onClick={() => void copy()}>
            Copy errors
          </button>
          <button type="button" onClick={() => void saveCsv()}>
            Save as CSV…
          </button>
        </div>
      </header>
      <p className="hint muted" role="status">
        {status}
      </p>
      {/* A virtualised list: rows are absolutely placed divs, so the list roles are given by hand; the
          scroll box takes focus so the keyboard can scroll it. */}
      {/* biome-ignore lint/a11y/useSemanticElements: virtualised rows */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll container must be focusable */}
      <div className="error-list" ref={scrollRef} role="list" aria-label="Files that failed" tabIndex={0}>
        <div className="error-list-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((virtualRow) => {
            const row = errors[virtualRow.index];
            if (!row) return null;
            const { name, folder } = splitPath(row.file);
            return (
              // biome-ignore lint/a11y/useSemanticElements: virtualised rows are positioned divs
              <div
                key={virtualRow.key}
                className="error-row"
                data-testid="error-row"
                role="listitem"
                data-index={virtualRow.index}
                ref={virtualizer.measureElement}
                style={{ transform: `translateY(${virtualRow.start}px)` }}
              >
                <div className="error-row-top">
                  <span className="error-file" title={row.file}>
                    {name} <span className="muted">{folder}</span>
                  </span>
                  <code className="error-code">{row.code}</code>
                </div>
                <div className="error-message">
                  {row.message}
                  {row.detail && <span className="muted"> · {row.detail}</span>}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
