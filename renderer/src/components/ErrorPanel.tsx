// Every file that failed, every warning and every file passed over, one row each, filterable; it
// opens from the run bar's problems button. Virtualised: only the rows in view are in the DOM, so 10,000 rows scroll as smoothly as ten.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { FileIgnoredRow } from '../../../common/events';
import { call, refusalText } from '../lib/bridge';
import { type ProblemKind, problemRows, rowsToCsv, rowsToTsv } from '../lib/error-table';
import { splitPath } from '../lib/format';
import { useAppStore } from '../store';

const ROW_HEIGHT = 52;

type Filter = 'all' | ProblemKind;
const FILTER_LABELS: Record<Filter, string> = {
  all: 'All',
  error: 'Errors',
  warning: 'Warnings',
  'passed-over': 'Passed over',
};
const KIND_LABELS: Record<ProblemKind, string> = { error: 'Error', warning: 'Warning', 'passed-over': 'Passed over' };
const NO_ROWS: readonly FileIgnoredRow[] = [];

export function ErrorPanel({ headingId = 'errors-heading' }: { headingId?: string }) {
  const errors = useAppStore((s) => s.errors);
  const warnings = useAppStore((s) => s.warnings);
  const passedOver = useAppStore((s) => s.summary?.ignoredFiles ?? NO_ROWS);
  const [filter, setFilter] = useState<Filter>('all');
  const all = useMemo(() => problemRows(errors, warnings, passedOver), [errors, warnings, passedOver]);
  const rows = useMemo(() => (filter === 'all' ? all : all.filter((r) => r.kind === filter)), [all, filter]);
  const counts: Record<Filter, number> = {
    all: all.length,
    error: errors.length,
    warning: all.length - errors.length - passedOver.length,
    'passed-over': passedOver.length,
  };
  const scrollRef = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState('');
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  if (all.length === 0) return null;

  // Copy and save take the rows the filter shows.
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(rowsToTsv(rows));
      setStatus(`Copied ${rows.length} rows.`);
    } catch (error) {
      setStatus(`Could not copy: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const saveCsv = async (): Promise<void> => {
    const result = await call((api) => api.errorsSaveCsv({ csv: rowsToCsv(rows) }));
    if (!result.ok) setStatus(refusalText(result));
    else setStatus(result.value ? `Saved to ${result.value}` : '');
  };

  return (
    <section className="error-panel" aria-labelledby={headingId}>
      <header className="panel-header">
        <h2 id={headingId}>Problems and files passed over</h2>
        <div className="button-row compact">
          <button type="button" onClick={() => void copy()}>
            Copy rows
          </button>
          <button type="button" onClick={() => void saveCsv()}>
            Save as CSV…
          </button>
        </div>
      </header>
      <fieldset className="problem-filter" aria-label="Show problems">
        {(Object.keys(FILTER_LABELS) as Filter[])
          .filter((f) => f === 'all' || counts[f] > 0)
          .map((f) => (
            <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
              {FILTER_LABELS[f]} <span className="muted">{counts[f]}</span>
            </button>
          ))}
      </fieldset>
      <p className="hint muted" role="status">
        {status}
      </p>
      {/* A virtualised list: rows are absolutely placed divs, so the list roles are given by hand; the
          scroll box takes focus so the keyboard can scroll it. */}
      {/* biome-ignore lint/a11y/useSemanticElements: virtualised rows */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll container must be focusable */}
      <div className="error-list" ref={scrollRef} role="list" aria-label="Problems and files passed over" tabIndex={0}>
        <div className="error-list-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((virtualRow) => {
            const row = rows[virtualRow.index];
            if (!row) return null;
            const { name, folder } = splitPath(row.file);
            const extra = row.kind === 'warning' ? row.output && `→ ${splitPath(row.output).name}` : row.detail;
            return (
              // biome-ignore lint/a11y/useSemanticElements: virtualised rows are positioned divs
              <div
                key={virtualRow.key}
                className={`error-row error-row-${row.kind}`}
                data-testid={`${row.kind}-row`}
                role="listitem"
                data-index={virtualRow.index}
                ref={virtualizer.measureElement}
                style={{ transform: `translateY(${virtualRow.start}px)` }}
              >
                <div className="error-row-top">
                  <span className="error-file" title={row.file}>
                    {name} <span className="muted">{folder}</span>
                  </span>
                  <span className="error-kind">{KIND_LABELS[row.kind]}</span>
                  <code className="error-code">{row.code}</code>
                </div>
                <div className="error-message" title={row.message}>
                  {row.message}
                  {extra && <span className="muted"> · {extra}</span>}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
